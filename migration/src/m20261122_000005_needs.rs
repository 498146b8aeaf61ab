//! Needs posted by verified school programs (internship hosts, guest speakers, equipment…).
//! Searches read open needs near a point, so status and organisation are indexed.
use sea_orm_migration::prelude::*;

use crate::columns::{drop_tables, text, timestamp};

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
enum Need {
    Table,
    Id,
    OrganisationId,
    Kind,
    Title,
    Description,
    Students,
    SkillAreas,
    StartsOn,
    EndsOn,
    Paid,
    Status,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Need::Table)
                    .col(ColumnDef::new(Need::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Need::OrganisationId).big_integer().not_null())
                    // A NeedKind slug.
                    .col(text(Need::Kind))
                    .col(ColumnDef::new(Need::Title).string_len(120).not_null())
                    // Markdown as typed; rendered and sanitised on output.
                    .col(ColumnDef::new(Need::Description).text().not_null().default(""))
                    .col(ColumnDef::new(Need::Students).integer().not_null())
                    // Comma-separated SkillArea slugs.
                    .col(ColumnDef::new(Need::SkillAreas).string().not_null().default(""))
                    .col(ColumnDef::new(Need::StartsOn).date().not_null())
                    .col(ColumnDef::new(Need::EndsOn).date().not_null())
                    .col(ColumnDef::new(Need::Paid).boolean().not_null())
                    // open | filled | closed
                    .col(text(Need::Status))
                    .col(ColumnDef::new(Need::CreatedBy).big_integer().null())
                    .col(timestamp(Need::CreatedAt))
                    .col(timestamp(Need::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_need_organisation")
                            .from(Need::Table, Need::OrganisationId)
                            .to(Organisation::Table, Organisation::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_need_created_by")
                            .from(Need::Table, Need::CreatedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_need_status").table(Need::Table).col(Need::Status).to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_need_organisation")
                    .table(Need::Table)
                    .col(Need::OrganisationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, vec![Need::Table.into_iden()]).await
    }
}
