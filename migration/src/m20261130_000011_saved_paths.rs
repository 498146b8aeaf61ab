//! Career paths a signed-in person saved. A path is identified by its slug (the paths are
//! data files in the repository, not rows), so no foreign key can check it: the service
//! accepts only slugs of the embedded catalog, and the page skips any that a later edit of
//! the files removed.
use sea_orm_migration::prelude::*;

use crate::columns::{drop_tables, fk, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SavedPath {
    Table,
    UserId,
    PathSlug,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SavedPath::Table)
                    .col(ColumnDef::new(SavedPath::UserId).big_integer().not_null())
                    .col(ColumnDef::new(SavedPath::PathSlug).string_len(40).not_null())
                    .col(timestamp(SavedPath::CreatedAt))
                    .primary_key(Index::create().col(SavedPath::UserId).col(SavedPath::PathSlug))
                    // Deleting an account deletes what it saved.
                    .foreign_key(&mut fk(
                        "fk_saved_path_user",
                        (SavedPath::Table, SavedPath::UserId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, vec![SavedPath::Table.into_iden()]).await
    }
}
