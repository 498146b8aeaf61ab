//! Offers on needs, partnerships between a shop and a school program, their timeline and
//! their message threads. Offers are listed by need and are unique per (need, shop), which
//! makes a replayed offer form find the first one instead of adding a second; threads and
//! timelines are read by partnership in time order.
use sea_orm_migration::prelude::*;

use crate::columns::{big_id, drop_tables, fk, index, optional_reference, reference, text, timestamp};

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
}

#[derive(DeriveIden)]
enum Partnership {
    Table,
    Id,
    ShopId,
    ProgramId,
    Kinds,
    Status,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Offer {
    Table,
    Id,
    NeedId,
    ShopId,
    Message,
    Status,
    DeclineReason,
    PartnershipId,
    CreatedBy,
    DecidedBy,
    CreatedAt,
    DecidedAt,
}

#[derive(DeriveIden)]
enum PartnershipEvent {
    Table,
    Id,
    PartnershipId,
    At,
    ActorId,
    FromStatus,
    ToStatus,
    Note,
}

#[derive(DeriveIden)]
enum PartnershipMessage {
    Table,
    Id,
    PartnershipId,
    AuthorId,
    Body,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Partnership::Table)
                    .col(big_id(Partnership::Id))
                    .col(reference(Partnership::ShopId))
                    .col(reference(Partnership::ProgramId))
                    // Comma-separated NeedKind slugs.
                    .col(ColumnDef::new(Partnership::Kinds).string().not_null().default(""))
                    // proposed | active | completed | ended | declined
                    .col(text(Partnership::Status))
                    .col(optional_reference(Partnership::CreatedBy))
                    .col(timestamp(Partnership::CreatedAt))
                    .col(timestamp(Partnership::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_partnership_shop",
                        (Partnership::Table, Partnership::ShopId),
                        (Organisation::Table, Organisation::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_partnership_program",
                        (Partnership::Table, Partnership::ProgramId),
                        (Organisation::Table, Organisation::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_partnership_created_by",
                        (Partnership::Table, Partnership::CreatedBy),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_partnership_shop",
                Partnership::Table,
                vec![Partnership::ShopId.into_iden()],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_partnership_program",
                Partnership::Table,
                vec![Partnership::ProgramId.into_iden()],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Offer::Table)
                    .col(big_id(Offer::Id))
                    .col(reference(Offer::NeedId))
                    .col(reference(Offer::ShopId))
                    .col(ColumnDef::new(Offer::Message).text().not_null())
                    // pending | accepted | declined
                    .col(text(Offer::Status))
                    .col(ColumnDef::new(Offer::DeclineReason).string().not_null().default(""))
                    .col(optional_reference(Offer::PartnershipId))
                    .col(optional_reference(Offer::CreatedBy))
                    .col(optional_reference(Offer::DecidedBy))
                    .col(timestamp(Offer::CreatedAt))
                    .col(ColumnDef::new(Offer::DecidedAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut fk(
                        "fk_offer_need",
                        (Offer::Table, Offer::NeedId),
                        (Need::Table, Need::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_offer_shop",
                        (Offer::Table, Offer::ShopId),
                        (Organisation::Table, Organisation::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_offer_partnership",
                        (Offer::Table, Offer::PartnershipId),
                        (Partnership::Table, Partnership::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        "fk_offer_created_by",
                        (Offer::Table, Offer::CreatedBy),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        "fk_offer_decided_by",
                        (Offer::Table, Offer::DecidedBy),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        // Lists offers by need (its leading column) and keeps one offer per shop per need.
        manager
            .create_index(
                index(
                    "uq_offer_need_shop",
                    Offer::Table,
                    vec![Offer::NeedId.into_iden(), Offer::ShopId.into_iden()],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_offer_shop", Offer::Table, vec![Offer::ShopId.into_iden()])).await?;

        manager
            .create_table(
                Table::create()
                    .table(PartnershipEvent::Table)
                    .col(big_id(PartnershipEvent::Id))
                    .col(reference(PartnershipEvent::PartnershipId))
                    .col(timestamp(PartnershipEvent::At))
                    .col(optional_reference(PartnershipEvent::ActorId))
                    .col(ColumnDef::new(PartnershipEvent::FromStatus).string().null())
                    .col(text(PartnershipEvent::ToStatus))
                    .col(ColumnDef::new(PartnershipEvent::Note).text().not_null().default(""))
                    .foreign_key(&mut fk(
                        "fk_partnership_event_partnership",
                        (PartnershipEvent::Table, PartnershipEvent::PartnershipId),
                        (Partnership::Table, Partnership::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_partnership_event_actor",
                        (PartnershipEvent::Table, PartnershipEvent::ActorId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_partnership_event_timeline",
                PartnershipEvent::Table,
                vec![PartnershipEvent::PartnershipId.into_iden(), PartnershipEvent::At.into_iden()],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PartnershipMessage::Table)
                    .col(big_id(PartnershipMessage::Id))
                    .col(reference(PartnershipMessage::PartnershipId))
                    .col(optional_reference(PartnershipMessage::AuthorId))
                    .col(ColumnDef::new(PartnershipMessage::Body).text().not_null())
                    .col(timestamp(PartnershipMessage::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_partnership_message_partnership",
                        (PartnershipMessage::Table, PartnershipMessage::PartnershipId),
                        (Partnership::Table, Partnership::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_partnership_message_author",
                        (PartnershipMessage::Table, PartnershipMessage::AuthorId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_partnership_message_thread",
                PartnershipMessage::Table,
                vec![
                    PartnershipMessage::PartnershipId.into_iden(),
                    PartnershipMessage::CreatedAt.into_iden(),
                ],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                PartnershipMessage::Table.into_iden(),
                PartnershipEvent::Table.into_iden(),
                Offer::Table.into_iden(),
                Partnership::Table.into_iden(),
            ],
        )
        .await
    }
}
