//! A refused form's messages and what was typed, held server-side between the POST and the
//! form page it redirects to, so that nothing the person typed travels in a URL.
//!
//! The browser holds a random token in a short-lived cookie; only its SHA-256 is stored, with
//! the page the refusal belongs to. A row lives ten minutes and is deleted when first shown.
use sea_orm_migration::prelude::*;

use crate::columns::{index, text, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FormRefusal {
    Table,
    IdHash,
    Page,
    Body,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FormRefusal::Table)
                    .col(ColumnDef::new(FormRefusal::IdHash).string().not_null().primary_key())
                    .col(text(FormRefusal::Page))
                    .col(ColumnDef::new(FormRefusal::Body).text().not_null())
                    .col(timestamp(FormRefusal::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_form_refusal_expires_at",
                FormRefusal::Table,
                vec![FormRefusal::ExpiresAt.into_iden()],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(FormRefusal::Table).to_owned()).await
    }
}
