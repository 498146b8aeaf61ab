//! The resources library: articles admins write, each public or for paying members only.
//!
//! `search_text` is the title, summary and body lower-cased by the application (Rust's
//! Unicode lower-casing) when the article is saved, and searched with `LIKE` on a
//! lower-cased pattern: the same comparison on SQLite, whose `LOWER()` folds only ASCII,
//! and on PostgreSQL, whose `LIKE` is case-sensitive.
use sea_orm_migration::prelude::*;

use crate::columns::{big_id, drop_tables, fk, index, optional_reference, text, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ResourceArticle {
    Table,
    Id,
    Slug,
    Title,
    Summary,
    Body,
    Category,
    Visibility,
    SearchText,
    PublishedAt,
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
                    .table(ResourceArticle::Table)
                    .col(big_id(ResourceArticle::Id))
                    .col(ColumnDef::new(ResourceArticle::Slug).string_len(80).not_null())
                    .col(ColumnDef::new(ResourceArticle::Title).string_len(120).not_null())
                    .col(ColumnDef::new(ResourceArticle::Summary).string_len(300).not_null())
                    // Markdown as typed; rendered and sanitised on output.
                    .col(ColumnDef::new(ResourceArticle::Body).text().not_null())
                    // A ResourceCategory slug.
                    .col(text(ResourceArticle::Category))
                    // public | members
                    .col(text(ResourceArticle::Visibility))
                    .col(ColumnDef::new(ResourceArticle::SearchText).text().not_null())
                    // NULL while unpublished: then only admins see it.
                    .col(ColumnDef::new(ResourceArticle::PublishedAt).timestamp_with_time_zone().null())
                    .col(optional_reference(ResourceArticle::CreatedBy))
                    .col(timestamp(ResourceArticle::CreatedAt))
                    .col(timestamp(ResourceArticle::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_resource_article_created_by",
                        (ResourceArticle::Table, ResourceArticle::CreatedBy),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        // The address of an article: two articles can never share one, even when two admins
        // save at the same moment.
        manager
            .create_index(
                index(
                    "ux_resource_article_slug",
                    ResourceArticle::Table,
                    vec![ResourceArticle::Slug.into_iden()],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_resource_article_published",
                ResourceArticle::Table,
                vec![ResourceArticle::PublishedAt.into_iden()],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, vec![ResourceArticle::Table.into_iden()]).await
    }
}
