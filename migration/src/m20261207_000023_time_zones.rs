//! A person's time zone: times on pages show in it. Empty means "not chosen": pages then use
//! the zone of the person's organisation's state, else the one their browser reported at
//! sign-in (kept beside it), else US Eastern.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    TimeZone,
    BrowserTimeZone,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for column in [AppUser::TimeZone, AppUser::BrowserTimeZone] {
            manager
                .alter_table(
                    Table::alter()
                        .table(AppUser::Table)
                        .add_column(ColumnDef::new(column).string().not_null().default(""))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [AppUser::BrowserTimeZone, AppUser::TimeZone] {
            manager.alter_table(Table::alter().table(AppUser::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
