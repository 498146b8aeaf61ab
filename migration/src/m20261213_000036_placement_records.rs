//! Work-based learning, second slice: the records a placement keeps. Hours the student logs
//! day by day and the mentor confirms or queries; evaluations (the mentor's midpoint and
//! final, the student's self-evaluation beside each); and the weekly summaries sent to
//! coordinators, one a coordinator a week however many servers run.
//!
//! Nothing here is ever updated once confirmed: a correction is a new row that names the
//! row it corrects (`corrects_id`, unique, so one row has at most one correction and two
//! corrections sent at once make one).
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
enum Placement {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PlacementHours {
    Table,
    Id,
    PlacementId,
    WorkedOn,
    Minutes,
    Tasks,
    Status,
    QueryReason,
    CorrectsId,
    LoggedBy,
    LoggedAt,
    ReviewedBy,
    ReviewedAt,
}

#[derive(DeriveIden)]
enum PlacementEvaluation {
    Table,
    Id,
    PlacementId,
    Stage,
    Author,
    Revision,
    CorrectsId,
    Ratings,
    Comment,
    WrittenBy,
    WrittenAt,
}

#[derive(DeriveIden)]
enum PlacementSummarySent {
    Table,
    CoordinatorId,
    WeekOf,
    SentAt,
}

fn person_fk(name: &str, from: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    fk(name, from, (AppUser::Table, AppUser::Id), ForeignKeyAction::SetNull)
}

fn placement_fk(name: &str, from: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    fk(name, from, (Placement::Table, Placement::Id), ForeignKeyAction::Cascade)
}

async fn hours(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use PlacementHours as H;
    manager
        .create_table(
            Table::create()
                .table(H::Table)
                .col(big_id(H::Id))
                .col(reference(H::PlacementId))
                .col(ColumnDef::new(H::WorkedOn).date().not_null())
                .col(ColumnDef::new(H::Minutes).integer().not_null())
                .col(text(H::Tasks))
                // pending → confirmed or queried, once, by a conditional update.
                .col(text(H::Status))
                .col(ColumnDef::new(H::QueryReason).string().null())
                .col(optional_reference(H::CorrectsId))
                // NULL once the student's account is deleted: the school's record stays.
                .col(optional_reference(H::LoggedBy))
                .col(timestamp(H::LoggedAt))
                .col(optional_reference(H::ReviewedBy))
                .col(ColumnDef::new(H::ReviewedAt).timestamp_with_time_zone().null())
                .foreign_key(&mut placement_fk("fk_placement_hours_placement", (H::Table, H::PlacementId)))
                .foreign_key(&mut fk(
                    "fk_placement_hours_corrects",
                    (H::Table, H::CorrectsId),
                    (H::Table, H::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut person_fk("fk_placement_hours_logged_by", (H::Table, H::LoggedBy)))
                .foreign_key(&mut person_fk("fk_placement_hours_reviewed_by", (H::Table, H::ReviewedBy)))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index("idx_placement_hours_placement", H::Table, vec![H::PlacementId.into_iden()]))
        .await?;
    // One correction a row: NULLs (the originals) are distinct on both databases.
    manager
        .create_index(
            index("idx_placement_hours_corrects", H::Table, vec![H::CorrectsId.into_iden()])
                .unique()
                .to_owned(),
        )
        .await
}

async fn evaluations(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use PlacementEvaluation as E;
    manager
        .create_table(
            Table::create()
                .table(E::Table)
                .col(big_id(E::Id))
                .col(reference(E::PlacementId))
                // midpoint | final
                .col(text(E::Stage))
                // mentor | student
                .col(text(E::Author))
                // 1 for the first; a correction is the next revision.
                .col(ColumnDef::new(E::Revision).integer().not_null())
                .col(optional_reference(E::CorrectsId))
                // JSON: [{"area":"a5","score":3,"comment":"…"}]
                .col(text(E::Ratings))
                .col(text(E::Comment))
                .col(optional_reference(E::WrittenBy))
                .col(timestamp(E::WrittenAt))
                .foreign_key(&mut placement_fk(
                    "fk_placement_evaluation_placement",
                    (E::Table, E::PlacementId),
                ))
                .foreign_key(&mut fk(
                    "fk_placement_evaluation_corrects",
                    (E::Table, E::CorrectsId),
                    (E::Table, E::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut person_fk("fk_placement_evaluation_written_by", (E::Table, E::WrittenBy)))
                .to_owned(),
        )
        .await?;
    // One evaluation of each revision: two authors sending at once make one.
    manager
        .create_index(
            index(
                "idx_placement_evaluation_revision",
                E::Table,
                vec![
                    E::PlacementId.into_iden(),
                    E::Stage.into_iden(),
                    E::Author.into_iden(),
                    E::Revision.into_iden(),
                ],
            )
            .unique()
            .to_owned(),
        )
        .await
}

async fn summaries(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    use PlacementSummarySent as S;
    manager
        .create_table(
            Table::create()
                .table(S::Table)
                .col(ColumnDef::new(S::CoordinatorId).big_integer().not_null())
                // The Monday of the week summarised.
                .col(ColumnDef::new(S::WeekOf).date().not_null())
                .col(timestamp(S::SentAt))
                // The key is the once-only rule: a second server's insert finds it taken.
                .primary_key(Index::create().col(S::CoordinatorId).col(S::WeekOf))
                .foreign_key(&mut fk(
                    "fk_placement_summary_coordinator",
                    (S::Table, S::CoordinatorId),
                    (AppUser::Table, AppUser::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        hours(manager).await?;
        evaluations(manager).await?;
        summaries(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                PlacementSummarySent::Table.into_iden(),
                PlacementEvaluation::Table.into_iden(),
                PlacementHours::Table.into_iden(),
            ],
        )
        .await
    }
}
