//! Saved searches and what their alerts already told each person.
//!
//! `saved_search` keeps the page's own filter in typed columns (the page's parser checked
//! them when the search was saved) and when the search is next due; several app servers
//! claim a due search with a conditional UPDATE of `next_run_at`. `alert_delivery` holds one
//! row per person and item an alert listed (or that the person could already see when they
//! saved the search): its primary key is what makes "each item at most once per person,
//! across all their searches and all servers" hold. Both go with the account. The outbox
//! gains the one-click unsubscribe address of alert mails (RFC 8058).
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
enum SavedSearch {
    Table,
    Id,
    UserId,
    OrganisationId,
    Name,
    Page,
    Zip,
    RadiusMi,
    Kind,
    Frequency,
    Paused,
    CreatedAt,
    NextRunAt,
    LastMatchedAt,
    LastSentAt,
}

#[derive(DeriveIden)]
enum AlertDelivery {
    Table,
    UserId,
    ItemKind,
    ItemId,
    DeliveredAt,
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    ListUnsubscribe,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SavedSearch::Table)
                    .col(big_id(SavedSearch::Id))
                    .col(reference(SavedSearch::UserId))
                    .col(optional_reference(SavedSearch::OrganisationId))
                    .col(text(SavedSearch::Name))
                    .col(text(SavedSearch::Page))
                    .col(ColumnDef::new(SavedSearch::Zip).string_len(5).null())
                    .col(ColumnDef::new(SavedSearch::RadiusMi).integer().null())
                    .col(ColumnDef::new(SavedSearch::Kind).string().null())
                    .col(text(SavedSearch::Frequency))
                    .col(ColumnDef::new(SavedSearch::Paused).boolean().not_null().default(false))
                    .col(timestamp(SavedSearch::CreatedAt))
                    .col(timestamp(SavedSearch::NextRunAt))
                    .col(ColumnDef::new(SavedSearch::LastMatchedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(SavedSearch::LastSentAt).timestamp_with_time_zone().null())
                    // Deleting an account deletes its searches; a deleted shop takes the
                    // default searches saved for its members with it.
                    .foreign_key(&mut fk(
                        "fk_saved_search_user",
                        (SavedSearch::Table, SavedSearch::UserId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_saved_search_organisation",
                        (SavedSearch::Table, SavedSearch::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_saved_search_user",
                SavedSearch::Table,
                vec![SavedSearch::UserId.into_iden()],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_saved_search_due",
                SavedSearch::Table,
                vec![SavedSearch::NextRunAt.into_iden()],
            ))
            .await?;
        // One default search per member and shop, so re-running the default never doubles it.
        manager
            .create_index(
                index(
                    "idx_saved_search_shop_default",
                    SavedSearch::Table,
                    vec![SavedSearch::UserId.into_iden(), SavedSearch::OrganisationId.into_iden()],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AlertDelivery::Table)
                    .col(reference(AlertDelivery::UserId))
                    .col(ColumnDef::new(AlertDelivery::ItemKind).string_len(16).not_null())
                    .col(reference(AlertDelivery::ItemId))
                    .col(timestamp(AlertDelivery::DeliveredAt))
                    .primary_key(
                        Index::create()
                            .col(AlertDelivery::UserId)
                            .col(AlertDelivery::ItemKind)
                            .col(AlertDelivery::ItemId),
                    )
                    .foreign_key(&mut fk(
                        "fk_alert_delivery_user",
                        (AlertDelivery::Table, AlertDelivery::UserId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(EmailOutbox::Table)
                    .add_column(ColumnDef::new(EmailOutbox::ListUnsubscribe).string().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(EmailOutbox::Table).drop_column(EmailOutbox::ListUnsubscribe).to_owned(),
            )
            .await?;
        drop_tables(manager, vec![AlertDelivery::Table.into_iden(), SavedSearch::Table.into_iden()]).await
    }
}
