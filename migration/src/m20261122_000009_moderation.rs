//! Moderation: reports about needs, openings, messages and organisations, and the
//! `hidden_at` mark a moderator sets on a need or a thread message. Reports are read by
//! target in the admins' queue and counted by reporter for the rate limit. `open_key`
//! ("reporter/target/id") is set while a report is open and cleared when it is resolved: its
//! unique index makes a second report by the same person on the same thing a no-op on both
//! databases, without a partial index.
use sea_orm_migration::prelude::*;

use crate::columns::{big_id, drop_tables, fk, index, optional_reference, reference, text, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Need {
    Table,
    HiddenAt,
}

#[derive(DeriveIden)]
enum PartnershipMessage {
    Table,
    HiddenAt,
}

#[derive(DeriveIden)]
enum Report {
    Table,
    Id,
    TargetKind,
    TargetId,
    Reason,
    Note,
    ReporterId,
    CreatedAt,
    Status,
    OpenKey,
    ResolvedBy,
    ResolvedAt,
    Action,
}

fn hidden_at<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).timestamp_with_time_zone().null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Report::Table)
                    .col(big_id(Report::Id))
                    // need | opening | message | organisation
                    .col(text(Report::TargetKind))
                    // Not a foreign key: it points into one of several tables.
                    .col(reference(Report::TargetId))
                    // A ReportReason slug.
                    .col(text(Report::Reason))
                    .col(ColumnDef::new(Report::Note).text().not_null().default(""))
                    .col(optional_reference(Report::ReporterId))
                    .col(timestamp(Report::CreatedAt))
                    // open | resolved
                    .col(text(Report::Status))
                    .col(ColumnDef::new(Report::OpenKey).string().null())
                    .col(optional_reference(Report::ResolvedBy))
                    .col(ColumnDef::new(Report::ResolvedAt).timestamp_with_time_zone().null())
                    // hidden | suspended | dismissed, once resolved
                    .col(ColumnDef::new(Report::Action).string().null())
                    .foreign_key(&mut fk(
                        "fk_report_reporter",
                        (Report::Table, Report::ReporterId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        "fk_report_resolved_by",
                        (Report::Table, Report::ResolvedBy),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_report_target",
                Report::Table,
                vec![
                    Report::TargetKind.into_iden(),
                    Report::TargetId.into_iden(),
                    Report::Status.into_iden(),
                ],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_report_status",
                Report::Table,
                vec![Report::Status.into_iden(), Report::CreatedAt.into_iden()],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_report_reporter",
                Report::Table,
                vec![Report::ReporterId.into_iden(), Report::CreatedAt.into_iden()],
            ))
            .await?;
        manager
            .create_index(
                index("uq_report_open_key", Report::Table, vec![Report::OpenKey.into_iden()])
                    .unique()
                    .to_owned(),
            )
            .await?;
        // One ALTER per column: SQLite takes a single change per statement.
        manager
            .alter_table(Table::alter().table(Need::Table).add_column(hidden_at(Need::HiddenAt)).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PartnershipMessage::Table)
                    .add_column(hidden_at(PartnershipMessage::HiddenAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PartnershipMessage::Table)
                    .drop_column(PartnershipMessage::HiddenAt)
                    .to_owned(),
            )
            .await?;
        manager.alter_table(Table::alter().table(Need::Table).drop_column(Need::HiddenAt).to_owned()).await?;
        drop_tables(manager, vec![Report::Table.into_iden()]).await
    }
}
