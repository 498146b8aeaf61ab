//! Invitations of imported schools: a verified shop's member invites a listing's school to
//! Bayline by e-mail (to the address the list gives) or by a printed letter. One row per
//! shop, listing and channel: the unique index makes a replayed or racing e-mail invitation
//! the one already sent, so a school gets at most one e-mail from each shop.
use sea_orm_migration::prelude::*;

use crate::columns::{big_id, fk, index, optional_reference, reference, text, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SchoolListing {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SchoolInvite {
    Table,
    Id,
    ListingId,
    ShopId,
    UserId,
    Channel,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SchoolInvite::Table)
                    .col(big_id(SchoolInvite::Id))
                    .col(reference(SchoolInvite::ListingId))
                    .col(reference(SchoolInvite::ShopId))
                    // Who sent it; kept (as nobody) when their account is deleted.
                    .col(optional_reference(SchoolInvite::UserId))
                    .col(text(SchoolInvite::Channel))
                    .col(timestamp(SchoolInvite::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_school_invite_listing",
                        (SchoolInvite::Table, SchoolInvite::ListingId),
                        (SchoolListing::Table, SchoolListing::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_school_invite_shop",
                        (SchoolInvite::Table, SchoolInvite::ShopId),
                        (Organisation::Table, Organisation::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_school_invite_user",
                        (SchoolInvite::Table, SchoolInvite::UserId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "idx_school_invite_once",
                    SchoolInvite::Table,
                    vec![
                        SchoolInvite::ListingId.into_iden(),
                        SchoolInvite::ShopId.into_iden(),
                        SchoolInvite::Channel.into_iden(),
                    ],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        // The daily limit counts a shop's invitations by time.
        manager
            .create_index(index(
                "idx_school_invite_shop_time",
                SchoolInvite::Table,
                vec![SchoolInvite::ShopId.into_iden(), SchoolInvite::CreatedAt.into_iden()],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SchoolInvite::Table).to_owned()).await
    }
}
