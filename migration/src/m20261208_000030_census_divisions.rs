//! Census divisions join the Industry Data Exchange's place tree (national → division →
//! state → ZIP area; docs/privacy.md). A published figure never changes, so the quarters
//! published before keep the lattice they were published with: `published_quarter.divisions`
//! is false for them (the default the existing rows take) and true for every quarter frozen
//! from now on.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PublishedQuarter {
    Table,
    Divisions,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PublishedQuarter::Table)
                    .add_column(
                        ColumnDef::new(PublishedQuarter::Divisions).boolean().not_null().default(false),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PublishedQuarter::Table)
                    .drop_column(PublishedQuarter::Divisions)
                    .to_owned(),
            )
            .await
    }
}
