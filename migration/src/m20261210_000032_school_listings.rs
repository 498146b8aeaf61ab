//! School listings an operator imports (`bayline import schools FILE.csv`): schools that
//! teach automotive which nobody on Bayline speaks for yet. They are a table of their own,
//! not organisations, so no query for verified organisations can ever return one; when an
//! instructor's claim of a listing is verified, `claimed_org_id` names the organisation that
//! took it over, and the listing stays as the record of where the school came from.
//!
//! Rows are matched on re-import by NCES id, else by name (`name_key`: lower case, spaces
//! collapsed) and ZIP code; both are unique. `school_import_draft` keeps a list an admin
//! uploaded between its preview and its confirmation.
use sea_orm_migration::prelude::*;

use crate::columns::{big_id, drop_tables, fk, index, optional_reference, real, text, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
    ListingId,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

/// An admin's uploaded list between its preview and its confirmation.
#[derive(DeriveIden)]
enum SchoolImportDraft {
    Table,
    Id,
    UserId,
    FileName,
    Source,
    Contents,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SchoolListing {
    Table,
    Id,
    Name,
    NameKey,
    Street,
    City,
    State,
    Zip,
    Kinds,
    Level,
    WebHost,
    NcesId,
    AefAccreditedUntil,
    Latitude,
    Longitude,
    LocatedByZip,
    ContactEmail,
    Source,
    SourceLine,
    ImportedAt,
    UpdatedAt,
    ClaimedOrgId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SchoolListing::Table)
                    .col(big_id(SchoolListing::Id))
                    .col(text(SchoolListing::Name))
                    .col(text(SchoolListing::NameKey))
                    .col(text(SchoolListing::Street))
                    .col(text(SchoolListing::City))
                    .col(ColumnDef::new(SchoolListing::State).string_len(2).not_null())
                    .col(ColumnDef::new(SchoolListing::Zip).string_len(5).not_null())
                    .col(text(SchoolListing::Kinds))
                    .col(text(SchoolListing::Level))
                    .col(text(SchoolListing::WebHost))
                    .col(ColumnDef::new(SchoolListing::NcesId).string_len(12).null())
                    .col(ColumnDef::new(SchoolListing::AefAccreditedUntil).date().null())
                    .col(real(SchoolListing::Latitude))
                    .col(real(SchoolListing::Longitude))
                    .col(ColumnDef::new(SchoolListing::LocatedByZip).boolean().not_null())
                    .col(ColumnDef::new(SchoolListing::ContactEmail).string().null())
                    .col(text(SchoolListing::Source))
                    .col(ColumnDef::new(SchoolListing::SourceLine).integer().not_null())
                    .col(timestamp(SchoolListing::ImportedAt))
                    .col(timestamp(SchoolListing::UpdatedAt))
                    .col(optional_reference(SchoolListing::ClaimedOrgId))
                    .foreign_key(&mut fk(
                        "fk_school_listing_claimed_org",
                        (SchoolListing::Table, SchoolListing::ClaimedOrgId),
                        (Organisation::Table, Organisation::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "idx_school_listing_nces",
                    SchoolListing::Table,
                    vec![SchoolListing::NcesId.into_iden()],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "idx_school_listing_name_zip",
                    SchoolListing::Table,
                    vec![SchoolListing::NameKey.into_iden(), SchoolListing::Zip.into_iden()],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        // The map and the finder read listings by place.
        manager
            .create_index(index(
                "idx_school_listing_place",
                SchoolListing::Table,
                vec![SchoolListing::Latitude.into_iden(), SchoolListing::Longitude.into_iden()],
            ))
            .await?;
        // The listing an instructor's new program claims: once an admin verifies the
        // program, the listing's `claimed_org_id` names it. (No foreign key: SQLite cannot
        // add one to an existing table; the service checks the listing exists.)
        manager
            .alter_table(
                Table::alter()
                    .table(Organisation::Table)
                    .add_column(ColumnDef::new(Organisation::ListingId).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SchoolImportDraft::Table)
                    .col(big_id(SchoolImportDraft::Id))
                    .col(ColumnDef::new(SchoolImportDraft::UserId).big_integer().not_null())
                    .col(text(SchoolImportDraft::FileName))
                    .col(text(SchoolImportDraft::Source))
                    .col(ColumnDef::new(SchoolImportDraft::Contents).text().not_null())
                    .col(timestamp(SchoolImportDraft::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_school_import_draft_user",
                        (SchoolImportDraft::Table, SchoolImportDraft::UserId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(Organisation::Table).drop_column(Organisation::ListingId).to_owned(),
            )
            .await?;
        drop_tables(manager, vec![SchoolImportDraft::Table.into_iden(), SchoolListing::Table.into_iden()])
            .await
    }
}
