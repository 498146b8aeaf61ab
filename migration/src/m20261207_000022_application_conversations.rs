//! A shop answers a student: each interest in an opening gets a status the student sees
//! (new, contacted, interview, offer, hired, not selected) and a private conversation
//! between the shop's members and that student. A student may block a shop from contacting
//! them again; the block is per shop, so it holds across all of that shop's openings.
use sea_orm_migration::prelude::*;

use crate::columns::{big_id, fk, index, optional_reference, reference, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OpeningInterest {
    Table,
    Id,
    Status,
    StatusChangedAt,
}

#[derive(DeriveIden)]
enum ApplicationMessage {
    Table,
    Id,
    InterestId,
    AuthorId,
    FromShop,
    Body,
    CreatedAt,
    HiddenAt,
}

#[derive(DeriveIden)]
enum ShopBlock {
    Table,
    StudentId,
    OrganisationId,
    CreatedAt,
}

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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(OpeningInterest::Table)
                    // An `ApplicationStatus` slug.
                    .add_column(ColumnDef::new(OpeningInterest::Status).string().not_null().default("new"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OpeningInterest::Table)
                    .add_column(
                        ColumnDef::new(OpeningInterest::StatusChangedAt).timestamp_with_time_zone().null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApplicationMessage::Table)
                    .col(big_id(ApplicationMessage::Id))
                    .col(reference(ApplicationMessage::InterestId))
                    .col(optional_reference(ApplicationMessage::AuthorId))
                    // Which side wrote it, kept apart from the author, who may leave the shop
                    // or delete their account.
                    .col(ColumnDef::new(ApplicationMessage::FromShop).boolean().not_null())
                    .col(ColumnDef::new(ApplicationMessage::Body).text().not_null())
                    .col(timestamp(ApplicationMessage::CreatedAt))
                    .col(ColumnDef::new(ApplicationMessage::HiddenAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut fk(
                        "fk_application_message_interest",
                        (ApplicationMessage::Table, ApplicationMessage::InterestId),
                        (OpeningInterest::Table, OpeningInterest::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_application_message_author",
                        (ApplicationMessage::Table, ApplicationMessage::AuthorId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_application_message_interest",
                ApplicationMessage::Table,
                vec![ApplicationMessage::InterestId.into_iden(), ApplicationMessage::Id.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ShopBlock::Table)
                    .col(reference(ShopBlock::StudentId))
                    .col(reference(ShopBlock::OrganisationId))
                    .col(timestamp(ShopBlock::CreatedAt))
                    .primary_key(Index::create().col(ShopBlock::StudentId).col(ShopBlock::OrganisationId))
                    .foreign_key(&mut fk(
                        "fk_shop_block_student",
                        (ShopBlock::Table, ShopBlock::StudentId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_shop_block_organisation",
                        (ShopBlock::Table, ShopBlock::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ShopBlock::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ApplicationMessage::Table).to_owned()).await?;
        for column in [OpeningInterest::StatusChangedAt, OpeningInterest::Status] {
            manager
                .alter_table(Table::alter().table(OpeningInterest::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
