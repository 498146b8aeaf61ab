//! A second factor and the sessions list.
//!
//! `second_factor`: one authenticator (TOTP, RFC 6238) per person. `confirmed_at` is set once
//! the person has typed a code from it; until then it does not count. `last_step` is the
//! 30-second step of the last code accepted, so a code works once. `reveal` holds the new
//! recovery codes in plain text only until the page that shows them is read once.
//!
//! `recovery_code`: ten single-use codes per person, stored as SHA-256 (each carries 49
//! random bits, so a hash cannot be reversed by guessing).
//!
//! `sign_in_challenge`: between a right password and a right code. The browser holds a
//! random token (its SHA-256 is stored) for five minutes; no session exists until the code.
//!
//! `session` gains the device (User-Agent) and client address it was started from, for the
//! person's list of signed-in devices.
use sea_orm_migration::prelude::*;

use crate::columns::{big_id, fk, index, reference, text, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SecondFactor {
    Table,
    UserId,
    Secret,
    CreatedAt,
    ConfirmedAt,
    LastStep,
    Reveal,
}

#[derive(DeriveIden)]
enum RecoveryCode {
    Table,
    Id,
    UserId,
    CodeHash,
    UsedAt,
}

#[derive(DeriveIden)]
enum SignInChallenge {
    Table,
    IdHash,
    UserId,
    Destination,
    Attempts,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    UserAgent,
    ClientAddress,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SecondFactor::Table)
                    .col(ColumnDef::new(SecondFactor::UserId).big_integer().not_null().primary_key())
                    .col(text(SecondFactor::Secret))
                    .col(timestamp(SecondFactor::CreatedAt))
                    .col(ColumnDef::new(SecondFactor::ConfirmedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(SecondFactor::LastStep).big_integer().not_null().default(0))
                    .col(ColumnDef::new(SecondFactor::Reveal).string().null())
                    .foreign_key(&mut fk(
                        "fk_second_factor_user",
                        (SecondFactor::Table, SecondFactor::UserId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RecoveryCode::Table)
                    .col(big_id(RecoveryCode::Id))
                    .col(reference(RecoveryCode::UserId))
                    .col(text(RecoveryCode::CodeHash))
                    .col(ColumnDef::new(RecoveryCode::UsedAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut fk(
                        "fk_recovery_code_user",
                        (RecoveryCode::Table, RecoveryCode::UserId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_recovery_code_user",
                RecoveryCode::Table,
                vec![RecoveryCode::UserId.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SignInChallenge::Table)
                    .col(ColumnDef::new(SignInChallenge::IdHash).string().not_null().primary_key())
                    .col(reference(SignInChallenge::UserId))
                    .col(text(SignInChallenge::Destination))
                    .col(ColumnDef::new(SignInChallenge::Attempts).integer().not_null().default(0))
                    .col(timestamp(SignInChallenge::ExpiresAt))
                    .foreign_key(&mut fk(
                        "fk_sign_in_challenge_user",
                        (SignInChallenge::Table, SignInChallenge::UserId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per statement.
        for column in [Session::UserAgent, Session::ClientAddress] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Session::Table)
                        .add_column(ColumnDef::new(column).string().not_null().default(""))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Session::UserAgent, Session::ClientAddress] {
            manager.alter_table(Table::alter().table(Session::Table).drop_column(column).to_owned()).await?;
        }
        for table in [
            SignInChallenge::Table.into_iden(),
            RecoveryCode::Table.into_iden(),
            SecondFactor::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
