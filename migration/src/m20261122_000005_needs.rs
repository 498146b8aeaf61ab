//! Needs posted by verified school programs (internship hosts, guest speakers, equipment…).
//! Searches read open needs near a point, so status and organisation are indexed.
use sea_orm_migration::prelude::*;

use crate::columns::{big_id, drop_tables, fk, index, text, timestamp};

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
                    .col(big_id(Need::Id))
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
                    .foreign_key(&mut fk(
                        "fk_need_organisation",
                        (Need::Table, Need::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_need_created_by",
                        (Need::Table, Need::CreatedBy),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_need_status", Need::Table, vec![Need::Status.into_iden()])).await?;
        manager
            .create_index(index("idx_need_organisation", Need::Table, vec![Need::OrganisationId.into_iden()]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, vec![Need::Table.into_iden()]).await
    }
}
