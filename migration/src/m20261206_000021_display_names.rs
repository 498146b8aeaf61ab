//! A person's display name: what threads, member lists, claims and admin lists show instead
//! of the e-mail address. Asked at sign-up and editable on /account; accounts made before
//! it have none until their owner sets it (pages then say "a Bayline member").
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    DisplayName,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AppUser::Table)
                    .add_column(ColumnDef::new(AppUser::DisplayName).string().not_null().default(""))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(AppUser::Table).drop_column(AppUser::DisplayName).to_owned())
            .await
    }
}
