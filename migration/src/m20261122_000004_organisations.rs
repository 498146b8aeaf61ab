//! Organisations (shops and school programs), their members, invitations to join them, and
//! the programs students save. An organisation is pending until verified: what it posts is
//! shown to students only once it is verified.
use sea_orm_migration::prelude::*;

use crate::columns::{big_id, drop_tables, fk, index, real, text, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
    Kind,
    Name,
    ShopType,
    SizeBand,
    Street,
    City,
    State,
    Zip,
    Latitude,
    Longitude,
    Website,
    Unitid,
    ProgramKinds,
    Accreditation,
    Status,
    StatusReason,
    CreatedBy,
    CreatedAt,
    VerifiedAt,
}

#[derive(DeriveIden)]
enum Membership {
    Table,
    OrganisationId,
    UserId,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Invitation {
    Table,
    TokenHash,
    OrganisationId,
    Email,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
}

#[derive(DeriveIden)]
enum SavedProgram {
    Table,
    UserId,
    Unitid,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organisation::Table)
                    .col(big_id(Organisation::Id))
                    // shop | ipeds_program | high_school_program
                    .col(text(Organisation::Kind))
                    .col(ColumnDef::new(Organisation::Name).string_len(120).not_null())
                    .col(ColumnDef::new(Organisation::ShopType).string().null())
                    .col(ColumnDef::new(Organisation::SizeBand).string().null())
                    .col(ColumnDef::new(Organisation::Street).string_len(200).not_null().default(""))
                    .col(ColumnDef::new(Organisation::City).string_len(100).not_null().default(""))
                    .col(ColumnDef::new(Organisation::State).string_len(2).not_null())
                    .col(ColumnDef::new(Organisation::Zip).string_len(5).not_null())
                    // The ZIP centroid (or, for a claimed IPEDS program, the institution's point).
                    .col(real(Organisation::Latitude))
                    .col(real(Organisation::Longitude))
                    .col(ColumnDef::new(Organisation::Website).string_len(200).not_null().default(""))
                    // No foreign key: institutions are replaced by each IPEDS import.
                    .col(ColumnDef::new(Organisation::Unitid).integer().null())
                    // Comma-separated program kind slugs a school teaches.
                    .col(ColumnDef::new(Organisation::ProgramKinds).string().not_null().default(""))
                    .col(ColumnDef::new(Organisation::Accreditation).string().null())
                    // pending | verified | rejected
                    .col(text(Organisation::Status))
                    .col(ColumnDef::new(Organisation::StatusReason).string_len(500).not_null().default(""))
                    .col(ColumnDef::new(Organisation::CreatedBy).big_integer().null())
                    .col(timestamp(Organisation::CreatedAt))
                    .col(ColumnDef::new(Organisation::VerifiedAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut fk(
                        "fk_organisation_created_by",
                        (Organisation::Table, Organisation::CreatedBy),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_organisation_kind_status",
                Organisation::Table,
                vec![Organisation::Kind.into_iden(), Organisation::Status.into_iden()],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_organisation_unitid",
                Organisation::Table,
                vec![Organisation::Unitid.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Membership::Table)
                    .col(ColumnDef::new(Membership::OrganisationId).big_integer().not_null())
                    .col(ColumnDef::new(Membership::UserId).big_integer().not_null())
                    // owner | member
                    .col(text(Membership::Role))
                    .col(timestamp(Membership::CreatedAt))
                    .primary_key(Index::create().col(Membership::OrganisationId).col(Membership::UserId))
                    .foreign_key(&mut fk(
                        "fk_membership_organisation",
                        (Membership::Table, Membership::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_membership_user",
                        (Membership::Table, Membership::UserId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_membership_user",
                Membership::Table,
                vec![Membership::UserId.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Invitation::Table)
                    .col(ColumnDef::new(Invitation::TokenHash).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(Invitation::OrganisationId).big_integer().not_null())
                    .col(ColumnDef::new(Invitation::Email).string_len(254).not_null())
                    .col(ColumnDef::new(Invitation::InvitedBy).big_integer().null())
                    .col(timestamp(Invitation::CreatedAt))
                    .col(timestamp(Invitation::ExpiresAt))
                    .col(ColumnDef::new(Invitation::AcceptedAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut fk(
                        "fk_invitation_organisation",
                        (Invitation::Table, Invitation::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_invitation_invited_by",
                        (Invitation::Table, Invitation::InvitedBy),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_invitation_organisation",
                Invitation::Table,
                vec![Invitation::OrganisationId.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SavedProgram::Table)
                    .col(ColumnDef::new(SavedProgram::UserId).big_integer().not_null())
                    .col(ColumnDef::new(SavedProgram::Unitid).integer().not_null())
                    .col(timestamp(SavedProgram::CreatedAt))
                    .primary_key(Index::create().col(SavedProgram::UserId).col(SavedProgram::Unitid))
                    .foreign_key(&mut fk(
                        "fk_saved_program_user",
                        (SavedProgram::Table, SavedProgram::UserId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = vec![
            SavedProgram::Table.into_iden(),
            Invitation::Table.into_iden(),
            Membership::Table.into_iden(),
            Organisation::Table.into_iden(),
        ];
        drop_tables(manager, tables).await
    }
}
