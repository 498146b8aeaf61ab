//! Events and webinars: admins publish, edit and cancel them; anyone reads them; signed-in
//! people register, join the waiting list when an event is full, and cancel. Emails (a
//! place freed up, an event cancelled, the day-before reminder) go through the outbox in
//! the same transaction as the change they announce.
//!
//! Capacity holds under concurrency because every registration change starts by updating
//! the event's own row ([`lock`]): on PostgreSQL the row lock makes concurrent changes of
//! one event queue (READ COMMITTED then re-reads the row, so the seat count each sees is
//! current), and on SQLite `begin_write` takes the single write lock at `BEGIN`. The seat
//! itself is claimed by a conditional UPDATE (`registered_count < capacity`).
pub mod admin;
pub mod form;
pub mod freed;
pub mod read;
pub mod registration;
pub mod reminders;
pub mod time;

use chrono::{DateTime, Utc};
use domain::events::EventView;
use entity::event;
use sea_orm::{ConnectionTrait, DatabaseTransaction, EntityTrait};

use crate::{error::ServiceError, needs::markdown};

/// Takes the event's row lock for the rest of the transaction (a no-op UPDATE) and reads
/// the row as it now stands. `NotFound` when there is no such event.
pub(crate) async fn lock(txn: &DatabaseTransaction, id: i64) -> Result<event::Model, ServiceError> {
    if !crate::db::lock_row::<event::Entity>(txn, event::Column::Id, id).await? {
        return Err(ServiceError::NotFound);
    }
    event::Entity::find_by_id(id).one(txn).await?.ok_or(ServiceError::NotFound)
}

/// The event, or `NotFound`.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<event::Model, ServiceError> {
    event::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound)
}

/// How an event reads to pages: times in its own zone, the description rendered to
/// sanitised HTML.
pub fn view(row: &event::Model, now: DateTime<Utc>) -> EventView {
    // The zone was checked when stored; a zone the database no longer knows reads as UTC.
    let tz = row.time_zone.parse::<chrono_tz::Tz>().unwrap_or(chrono_tz::UTC);
    EventView {
        id: row.id,
        title: row.title.clone(),
        kind: row.kind,
        description: row.description.clone(),
        description_html: markdown::to_safe_html(&row.description),
        when: time::describe(row.starts_at, row.ends_at, tz),
        starts_local: time::utc_to_local_input(row.starts_at, tz),
        ends_local: time::utc_to_local_input(row.ends_at, tz),
        time_zone: row.time_zone.clone(),
        online_url: row.online_url.clone(),
        address: row.address.clone(),
        capacity: row.capacity.map(|c| u32::try_from(c).unwrap_or(0)),
        registered: u32::try_from(row.registered_count).unwrap_or(0),
        recording_url: row.recording_url.clone(),
        cancelled: row.cancelled_at.is_some(),
        past: row.starts_at <= now,
    }
}

/// The email address of a person, if the account still exists.
pub(crate) async fn email_of(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Option<String>, ServiceError> {
    Ok(entity::app_user::Entity::find_by_id(user_id).one(db).await?.map(|u| u.email))
}

/// Where the event is, in words for emails.
pub(crate) fn place(row: &event::Model) -> String {
    match (&row.online_url, &row.address) {
        (Some(url), _) => format!("Online: {url}"),
        (None, Some(address)) => format!("At: {address}"),
        (None, None) => String::new(),
    }
}
