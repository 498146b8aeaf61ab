//! Events and webinars published by admins, and people's registrations. The event row
//! carries its own counters (`registered_count`, `waitlist_seq`): every registration
//! change first updates that row, so concurrent registrations queue on it (PostgreSQL's
//! row lock; SQLite's single writer) and the capacity check is one conditional UPDATE.
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
enum Event {
    Table,
    Id,
    Kind,
    Title,
    Description,
    StartsAt,
    EndsAt,
    TimeZone,
    OnlineUrl,
    Address,
    Capacity,
    RegisteredCount,
    WaitlistSeq,
    RecordingUrl,
    CancelledAt,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EventRegistration {
    Table,
    Id,
    EventId,
    UserId,
    Status,
    WaitlistSeq,
    CreatedAt,
    UpdatedAt,
    RemindedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Event::Table)
                    .col(big_id(Event::Id))
                    // An EventKind slug.
                    .col(text(Event::Kind))
                    .col(ColumnDef::new(Event::Title).string_len(120).not_null())
                    // Markdown as typed; rendered and sanitised on output.
                    .col(ColumnDef::new(Event::Description).text().not_null().default(""))
                    // Stored in UTC; shown in `time_zone` (an IANA name).
                    .col(timestamp(Event::StartsAt))
                    .col(timestamp(Event::EndsAt))
                    .col(ColumnDef::new(Event::TimeZone).string_len(64).not_null())
                    .col(ColumnDef::new(Event::OnlineUrl).string_len(500).null())
                    .col(ColumnDef::new(Event::Address).string_len(300).null())
                    // NULL: no limit.
                    .col(ColumnDef::new(Event::Capacity).integer().null())
                    .col(ColumnDef::new(Event::RegisteredCount).integer().not_null().default(0))
                    // The last waiting-list number handed out; people wait in this order.
                    .col(ColumnDef::new(Event::WaitlistSeq).integer().not_null().default(0))
                    .col(ColumnDef::new(Event::RecordingUrl).string_len(500).null())
                    .col(ColumnDef::new(Event::CancelledAt).timestamp_with_time_zone().null())
                    .col(optional_reference(Event::CreatedBy))
                    .col(timestamp(Event::CreatedAt))
                    .col(timestamp(Event::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_event_created_by",
                        (Event::Table, Event::CreatedBy),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_event_starts_at", Event::Table, vec![Event::StartsAt.into_iden()]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EventRegistration::Table)
                    .col(big_id(EventRegistration::Id))
                    .col(reference(EventRegistration::EventId))
                    .col(reference(EventRegistration::UserId))
                    // registered | waitlisted | cancelled
                    .col(text(EventRegistration::Status))
                    // Order on the waiting list (from the event's counter); NULL otherwise.
                    .col(ColumnDef::new(EventRegistration::WaitlistSeq).integer().null())
                    .col(timestamp(EventRegistration::CreatedAt))
                    .col(timestamp(EventRegistration::UpdatedAt))
                    // Set when the day-before reminder was queued (claimed), so it goes once.
                    .col(ColumnDef::new(EventRegistration::RemindedAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut fk(
                        "fk_event_registration_event",
                        (EventRegistration::Table, EventRegistration::EventId),
                        (Event::Table, Event::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    // Deleting an account deletes its registrations.
                    .foreign_key(&mut fk(
                        "fk_event_registration_user",
                        (EventRegistration::Table, EventRegistration::UserId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        // One row per (event, person): registering twice cannot make two.
        manager
            .create_index(
                index(
                    "uq_event_registration_event_user",
                    EventRegistration::Table,
                    vec![EventRegistration::EventId.into_iden(), EventRegistration::UserId.into_iden()],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_event_registration_user",
                EventRegistration::Table,
                vec![EventRegistration::UserId.into_iden()],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, vec![EventRegistration::Table.into_iden(), Event::Table.into_iden()]).await
    }
}
