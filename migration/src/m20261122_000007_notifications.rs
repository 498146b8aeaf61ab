//! Notifications with per-topic email choices; indexes that keep "needs near" and thread
//! pages fast at scale; the keys of handled form submissions (so a
//! double-submitted form acts once); and at most one running (proposed or active)
//! partnership per shop and program, held by the database even when two servers decide at
//! once.
use sea_orm_migration::prelude::*;

use crate::columns::{big_id, drop_tables, fk, index, reference, text, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Notification {
    Table,
    Id,
    UserId,
    Topic,
    Title,
    Link,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum EmailOptOut {
    Table,
    UserId,
    Topic,
}

#[derive(DeriveIden)]
enum FormSubmission {
    Table,
    UserId,
    Key,
    ResultId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PartnershipMessage {
    Table,
    PartnershipId,
    Id,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Status,
    Kind,
    Latitude,
    Longitude,
}

#[derive(DeriveIden)]
enum Need {
    Table,
    OrganisationId,
    Status,
}

#[derive(DeriveIden)]
enum Partnership {
    Table,
    ShopId,
    ProgramId,
    Status,
}

const RUNNING_PARTNERSHIP: &str = "uq_partnership_running";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notification::Table)
                    .col(big_id(Notification::Id))
                    .col(reference(Notification::UserId))
                    .col(text(Notification::Topic))
                    .col(text(Notification::Title))
                    .col(text(Notification::Link))
                    .col(timestamp(Notification::CreatedAt))
                    .col(ColumnDef::new(Notification::ReadAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut fk(
                        "fk_notification_user",
                        (Notification::Table, Notification::UserId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        // The list pages by (user, id); the unread count reads (user, read_at).
        manager
            .create_index(index(
                "idx_notification_user",
                Notification::Table,
                vec![Notification::UserId.into_iden(), Notification::Id.into_iden()],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_notification_unread",
                Notification::Table,
                vec![Notification::UserId.into_iden(), Notification::ReadAt.into_iden()],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EmailOptOut::Table)
                    .col(reference(EmailOptOut::UserId))
                    .col(text(EmailOptOut::Topic))
                    .primary_key(Index::create().col(EmailOptOut::UserId).col(EmailOptOut::Topic))
                    .foreign_key(&mut fk(
                        "fk_email_opt_out_user",
                        (EmailOptOut::Table, EmailOptOut::UserId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FormSubmission::Table)
                    .col(reference(FormSubmission::UserId))
                    .col(ColumnDef::new(FormSubmission::Key).string_len(64).not_null())
                    .col(reference(FormSubmission::ResultId))
                    .col(timestamp(FormSubmission::CreatedAt))
                    .primary_key(Index::create().col(FormSubmission::UserId).col(FormSubmission::Key))
                    .foreign_key(&mut fk(
                        "fk_form_submission_user",
                        (FormSubmission::Table, FormSubmission::UserId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_form_submission_age",
                FormSubmission::Table,
                vec![FormSubmission::UserId.into_iden(), FormSubmission::CreatedAt.into_iden()],
            ))
            .await?;

        // A thread page reads the newest messages of one partnership by id.
        manager
            .create_index(index(
                "idx_partnership_message_page",
                PartnershipMessage::Table,
                vec![PartnershipMessage::PartnershipId.into_iden(), PartnershipMessage::Id.into_iden()],
            ))
            .await?;

        // "Needs near" narrows verified programs to a latitude band first (equalities before
        // the range, so SQLite's planner uses it), then reads each program's open needs.
        manager
            .create_index(index(
                "idx_organisation_place",
                Organisation::Table,
                vec![
                    Organisation::Status.into_iden(),
                    Organisation::Kind.into_iden(),
                    Organisation::Latitude.into_iden(),
                    Organisation::Longitude.into_iden(),
                ],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_need_organisation_status",
                Need::Table,
                vec![Need::OrganisationId.into_iden(), Need::Status.into_iden()],
            ))
            .await?;

        // A partial unique index: SQLite and PostgreSQL both enforce it.
        manager
            .create_index(
                index(
                    RUNNING_PARTNERSHIP,
                    Partnership::Table,
                    vec![Partnership::ShopId.into_iden(), Partnership::ProgramId.into_iden()],
                )
                .unique()
                .and_where(Expr::col(Partnership::Status).is_in(["proposed", "active"]))
                .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(RUNNING_PARTNERSHIP).table(Partnership::Table).to_owned())
            .await?;
        manager
            .drop_index(Index::drop().name("idx_organisation_place").table(Organisation::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_partnership_message_page")
                    .table(PartnershipMessage::Table)
                    .to_owned(),
            )
            .await?;
        drop_tables(
            manager,
            vec![
                FormSubmission::Table.into_iden(),
                EmailOptOut::Table.into_iden(),
                Notification::Table.into_iden(),
            ],
        )
        .await
    }
}
