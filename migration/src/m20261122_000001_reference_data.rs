//! Public reference data: IPEDS institutions and completions, ZIP centroids, OEWS wages,
//! and the record of imports.
use sea_orm_migration::prelude::*;

use crate::columns::{drop_tables, optional_real, real, text, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Institution {
    Table,
    Unitid,
    Name,
    Address,
    City,
    State,
    Zip,
    Website,
    Sector,
    Latitude,
    Longitude,
}

#[derive(DeriveIden)]
enum ProgramCompletion {
    Table,
    Unitid,
    CipCode,
    AwardLevel,
    Kind,
    Completions,
}

#[derive(DeriveIden)]
enum ZipCentroid {
    Table,
    Zip,
    Latitude,
    Longitude,
    City,
    State,
    Source,
}

#[derive(DeriveIden)]
enum OewsWage {
    Table,
    AreaCode,
    Naics,
    OccCode,
    AreaTitle,
    AreaType,
    StateFips,
    NaicsTitle,
    OccTitle,
    TotalEmployment,
    HourlyMean,
    AnnualMean,
    HourlyP10,
    HourlyP25,
    HourlyMedian,
    HourlyP75,
    HourlyP90,
    AnnualP10,
    AnnualP25,
    AnnualMedian,
    AnnualP75,
    AnnualP90,
    Footnotes,
    Release,
}

#[derive(DeriveIden)]
enum ImportRun {
    Table,
    Dataset,
    SourceFiles,
    ContentSha256,
    Rows,
    FinishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Institution::Table)
                    .col(ColumnDef::new(Institution::Unitid).integer().not_null().primary_key())
                    .col(text(Institution::Name))
                    .col(text(Institution::Address))
                    .col(text(Institution::City))
                    .col(text(Institution::State))
                    .col(text(Institution::Zip))
                    .col(text(Institution::Website))
                    .col(ColumnDef::new(Institution::Sector).small_integer().not_null())
                    .col(real(Institution::Latitude))
                    .col(real(Institution::Longitude))
                    .to_owned(),
            )
            .await?;
        // Bounding-box prefilter for radius searches.
        manager
            .create_index(
                Index::create()
                    .name("idx_institution_lat_lon")
                    .table(Institution::Table)
                    .col(Institution::Latitude)
                    .col(Institution::Longitude)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProgramCompletion::Table)
                    .col(ColumnDef::new(ProgramCompletion::Unitid).integer().not_null())
                    .col(text(ProgramCompletion::CipCode))
                    .col(ColumnDef::new(ProgramCompletion::AwardLevel).small_integer().not_null())
                    .col(text(ProgramCompletion::Kind))
                    .col(ColumnDef::new(ProgramCompletion::Completions).integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(ProgramCompletion::Unitid)
                            .col(ProgramCompletion::CipCode)
                            .col(ProgramCompletion::AwardLevel),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_program_completion_institution")
                            .from(ProgramCompletion::Table, ProgramCompletion::Unitid)
                            .to(Institution::Table, Institution::Unitid)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_program_completion_kind")
                    .table(ProgramCompletion::Table)
                    .col(ProgramCompletion::Kind)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ZipCentroid::Table)
                    .col(ColumnDef::new(ZipCentroid::Zip).string_len(5).not_null().primary_key())
                    .col(real(ZipCentroid::Latitude))
                    .col(real(ZipCentroid::Longitude))
                    .col(text(ZipCentroid::City))
                    .col(text(ZipCentroid::State))
                    .col(text(ZipCentroid::Source))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OewsWage::Table)
                    .col(text(OewsWage::AreaCode))
                    .col(text(OewsWage::Naics))
                    .col(text(OewsWage::OccCode))
                    .col(text(OewsWage::AreaTitle))
                    .col(text(OewsWage::AreaType))
                    .col(text(OewsWage::StateFips))
                    .col(text(OewsWage::NaicsTitle))
                    .col(text(OewsWage::OccTitle))
                    .col(ColumnDef::new(OewsWage::TotalEmployment).big_integer().null())
                    .col(optional_real(OewsWage::HourlyMean))
                    .col(optional_real(OewsWage::AnnualMean))
                    .col(optional_real(OewsWage::HourlyP10))
                    .col(optional_real(OewsWage::HourlyP25))
                    .col(optional_real(OewsWage::HourlyMedian))
                    .col(optional_real(OewsWage::HourlyP75))
                    .col(optional_real(OewsWage::HourlyP90))
                    .col(optional_real(OewsWage::AnnualP10))
                    .col(optional_real(OewsWage::AnnualP25))
                    .col(optional_real(OewsWage::AnnualMedian))
                    .col(optional_real(OewsWage::AnnualP75))
                    .col(optional_real(OewsWage::AnnualP90))
                    .col(text(OewsWage::Footnotes))
                    .col(text(OewsWage::Release))
                    .primary_key(
                        Index::create().col(OewsWage::AreaCode).col(OewsWage::Naics).col(OewsWage::OccCode),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ImportRun::Table)
                    .col(ColumnDef::new(ImportRun::Dataset).string().not_null().primary_key())
                    .col(text(ImportRun::SourceFiles))
                    .col(text(ImportRun::ContentSha256))
                    .col(ColumnDef::new(ImportRun::Rows).big_integer().not_null())
                    .col(timestamp(ImportRun::FinishedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = vec![
            ImportRun::Table.into_iden(),
            OewsWage::Table.into_iden(),
            ZipCentroid::Table.into_iden(),
            ProgramCompletion::Table.into_iden(),
            Institution::Table.into_iden(),
        ];
        drop_tables(manager, tables).await
    }
}
