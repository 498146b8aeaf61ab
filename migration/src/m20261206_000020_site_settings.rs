//! Settings the running servers record for commands run beside them: `public_url`, the
//! address a server serves, which `bayline admin create` prints its links with when it is
//! not told one itself.
use sea_orm_migration::prelude::*;

use crate::columns::{text, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SiteSetting {
    Table,
    Key,
    Value,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SiteSetting::Table)
                    .col(ColumnDef::new(SiteSetting::Key).string().not_null().primary_key())
                    .col(text(SiteSetting::Value))
                    .col(timestamp(SiteSetting::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SiteSetting::Table).to_owned()).await
    }
}
