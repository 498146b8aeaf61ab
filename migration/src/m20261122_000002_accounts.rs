//! Accounts: users, server-side sessions, single-use tokens, the email outbox and the audit
//! log. Sessions and tokens are stored as SHA-256 digests, so a copy of the database holds
//! nothing a browser could present.
use sea_orm_migration::prelude::*;

use crate::columns::{drop_tables, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
    Email,
    PasswordHash,
    EmailVerifiedAt,
    IsAdmin,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    IdHash,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum OneTimeToken {
    Table,
    TokenHash,
    UserId,
    Purpose,
    Payload,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    Id,
    Recipient,
    Subject,
    BodyText,
    CreatedAt,
    Attempts,
    NextAttemptAt,
    SentAt,
    LastError,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    At,
    UserId,
    Event,
    Detail,
    ClientIp,
}

fn user_fk(
    name: &str,
    table: impl IntoIden,
    col: impl IntoIden,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, col)
        .to(AppUser::Table, AppUser::Id)
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AppUser::Table)
                    .col(ColumnDef::new(AppUser::Id).big_integer().not_null().auto_increment().primary_key())
                    // Stored lower-cased; unique, so one email is one account.
                    .col(ColumnDef::new(AppUser::Email).string_len(254).not_null().unique_key())
                    .col(ColumnDef::new(AppUser::PasswordHash).string().not_null())
                    .col(ColumnDef::new(AppUser::EmailVerifiedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(AppUser::IsAdmin).boolean().not_null().default(false))
                    .col(timestamp(AppUser::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .col(ColumnDef::new(Session::IdHash).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(Session::UserId).big_integer().not_null())
                    .col(timestamp(Session::CreatedAt))
                    .col(timestamp(Session::LastSeenAt))
                    .col(timestamp(Session::ExpiresAt))
                    .foreign_key(&mut user_fk(
                        "fk_session_user",
                        Session::Table,
                        Session::UserId,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_session_user")
                    .table(Session::Table)
                    .col(Session::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OneTimeToken::Table)
                    .col(ColumnDef::new(OneTimeToken::TokenHash).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(OneTimeToken::UserId).big_integer().not_null())
                    .col(ColumnDef::new(OneTimeToken::Purpose).string().not_null())
                    .col(ColumnDef::new(OneTimeToken::Payload).string().not_null().default(""))
                    .col(timestamp(OneTimeToken::ExpiresAt))
                    .col(ColumnDef::new(OneTimeToken::UsedAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut user_fk(
                        "fk_one_time_token_user",
                        OneTimeToken::Table,
                        OneTimeToken::UserId,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EmailOutbox::Table)
                    .col(
                        ColumnDef::new(EmailOutbox::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(EmailOutbox::Recipient).string_len(254).not_null())
                    .col(ColumnDef::new(EmailOutbox::Subject).string().not_null())
                    .col(ColumnDef::new(EmailOutbox::BodyText).text().not_null())
                    .col(timestamp(EmailOutbox::CreatedAt))
                    .col(ColumnDef::new(EmailOutbox::Attempts).integer().not_null().default(0))
                    .col(timestamp(EmailOutbox::NextAttemptAt))
                    .col(ColumnDef::new(EmailOutbox::SentAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(EmailOutbox::LastError).string().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .col(
                        ColumnDef::new(AuditEvent::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(timestamp(AuditEvent::At))
                    // Kept when the user is deleted (the event stays, the person does not).
                    .col(ColumnDef::new(AuditEvent::UserId).big_integer().null())
                    .col(ColumnDef::new(AuditEvent::Event).string().not_null())
                    .col(ColumnDef::new(AuditEvent::Detail).string().not_null().default(""))
                    .col(ColumnDef::new(AuditEvent::ClientIp).string().not_null().default(""))
                    .foreign_key(&mut user_fk(
                        "fk_audit_event_user",
                        AuditEvent::Table,
                        AuditEvent::UserId,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = vec![
            AuditEvent::Table.into_iden(),
            EmailOutbox::Table.into_iden(),
            OneTimeToken::Table.into_iden(),
            Session::Table.into_iden(),
            AppUser::Table.into_iden(),
        ];
        drop_tables(manager, tables).await
    }
}
