//! A person's registration for an event: registered, on the waiting list, or cancelled.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "event_registration")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: i64,
    pub user_id: i64,
    pub status: domain::events::RegistrationStatus,
    /// Order on the waiting list while waitlisted.
    pub waitlist_seq: Option<i32>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    /// When the day-before reminder was queued.
    pub reminded_at: Option<ChronoDateTimeUtc>,
}

crate::belongs_to! { Event: EventId -> event related, AppUser: UserId -> app_user related }

impl ActiveModelBehavior for ActiveModel {}
