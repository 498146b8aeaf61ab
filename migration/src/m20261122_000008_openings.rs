//! Openings that verified shops post for students (internships, apprenticeships, entry-level
//! jobs), and the interest students express in them. An interest row keeps only what the
//! student chose to share: a column left NULL was not shared. One row per (opening,
//! student), so expressing interest twice changes nothing; withdrawing keeps the row (with
//! its shared details erased) so a replayed submission cannot bring them back by accident.
use sea_orm_migration::prelude::*;

use crate::columns::{big_id, drop_tables, fk, index, optional_reference, real, reference, text, timestamp};

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
}

#[derive(DeriveIden)]
enum Opening {
    Table,
    Id,
    OrganisationId,
    Kind,
    Title,
    Description,
    PayMinCents,
    PayMaxCents,
    PayPeriod,
    Schedule,
    Zip,
    City,
    State,
    Latitude,
    Longitude,
    StartsOn,
    Status,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    HiddenAt,
}

#[derive(DeriveIden)]
enum OpeningInterest {
    Table,
    Id,
    OpeningId,
    StudentId,
    SharedName,
    SharedProgramId,
    SharedCompletion,
    SharedCertifications,
    CreatedAt,
    UpdatedAt,
    WithdrawnAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Opening::Table)
                    .col(big_id(Opening::Id))
                    .col(reference(Opening::OrganisationId))
                    // An OpeningKind slug.
                    .col(text(Opening::Kind))
                    .col(ColumnDef::new(Opening::Title).string_len(120).not_null())
                    // Markdown as typed; rendered and sanitised on output.
                    .col(ColumnDef::new(Opening::Description).text().not_null().default(""))
                    // Whole cents, so no rounding ever happens in storage.
                    .col(ColumnDef::new(Opening::PayMinCents).big_integer().not_null())
                    .col(ColumnDef::new(Opening::PayMaxCents).big_integer().not_null())
                    // hourly | annual
                    .col(text(Opening::PayPeriod))
                    // A Schedule slug.
                    .col(text(Opening::Schedule))
                    .col(ColumnDef::new(Opening::Zip).string_len(5).not_null())
                    .col(ColumnDef::new(Opening::City).string_len(100).not_null().default(""))
                    .col(ColumnDef::new(Opening::State).string_len(2).not_null().default(""))
                    // The ZIP's centroid (GeoNames), as for shops.
                    .col(real(Opening::Latitude))
                    .col(real(Opening::Longitude))
                    .col(ColumnDef::new(Opening::StartsOn).date().null())
                    // open | closed
                    .col(text(Opening::Status))
                    .col(optional_reference(Opening::CreatedBy))
                    .col(timestamp(Opening::CreatedAt))
                    .col(timestamp(Opening::UpdatedAt))
                    // Set by moderation: a hidden opening is shown to nobody but its shop.
                    .col(ColumnDef::new(Opening::HiddenAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut fk(
                        "fk_opening_organisation",
                        (Opening::Table, Opening::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_opening_created_by",
                        (Opening::Table, Opening::CreatedBy),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_opening_status", Opening::Table, vec![Opening::Status.into_iden()]))
            .await?;
        manager
            .create_index(index(
                "idx_opening_organisation",
                Opening::Table,
                vec![Opening::OrganisationId.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OpeningInterest::Table)
                    .col(big_id(OpeningInterest::Id))
                    .col(reference(OpeningInterest::OpeningId))
                    .col(reference(OpeningInterest::StudentId))
                    // NULL: not shared.
                    .col(ColumnDef::new(OpeningInterest::SharedName).string_len(100).null())
                    .col(optional_reference(OpeningInterest::SharedProgramId))
                    // yyyy-mm
                    .col(ColumnDef::new(OpeningInterest::SharedCompletion).string_len(7).null())
                    // Comma-separated SkillArea slugs.
                    .col(ColumnDef::new(OpeningInterest::SharedCertifications).string().null())
                    .col(timestamp(OpeningInterest::CreatedAt))
                    .col(timestamp(OpeningInterest::UpdatedAt))
                    .col(ColumnDef::new(OpeningInterest::WithdrawnAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut fk(
                        "fk_opening_interest_opening",
                        (OpeningInterest::Table, OpeningInterest::OpeningId),
                        (Opening::Table, Opening::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_opening_interest_student",
                        (OpeningInterest::Table, OpeningInterest::StudentId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_opening_interest_program",
                        (OpeningInterest::Table, OpeningInterest::SharedProgramId),
                        (Organisation::Table, Organisation::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        // Lists interest by opening (its leading column) and keeps one row per student.
        manager
            .create_index(
                index(
                    "uq_opening_interest_opening_student",
                    OpeningInterest::Table,
                    vec![OpeningInterest::OpeningId.into_iden(), OpeningInterest::StudentId.into_iden()],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_opening_interest_student",
                OpeningInterest::Table,
                vec![OpeningInterest::StudentId.into_iden()],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_opening_interest_program",
                OpeningInterest::Table,
                vec![OpeningInterest::SharedProgramId.into_iden()],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, vec![OpeningInterest::Table.into_iden(), Opening::Table.into_iden()]).await
    }
}
