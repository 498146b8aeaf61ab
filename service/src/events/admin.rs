//! Publishing, editing and cancelling events: admins only. Cancelling emails everyone
//! registered or waiting, in the same transaction that marks the event cancelled.
use chrono::{DateTime, Utc};
use domain::events::RegistrationStatus;
use entity::{event, event_registration};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set,
};

use super::{
    form::{EventFields, EventForm, check},
    lock, registration,
};
use crate::{
    accounts::outbox,
    authz::{self, Actor},
    error::ServiceError,
};

/// Publishes an event; returns its id.
pub async fn create(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    form: &EventForm,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let admin = authz::admin(actor)?;
    let fields = check(form, now, false)?;
    let mut row = event::ActiveModel {
        registered_count: Set(0),
        waitlist_seq: Set(0),
        cancelled_at: Set(None),
        created_by: Set(Some(admin.user_id)),
        created_at: Set(now),
        ..Default::default()
    };
    apply(&mut row, fields, now);
    Ok(row.insert(db).await?.id)
}

fn apply(row: &mut event::ActiveModel, f: EventFields, now: DateTime<Utc>) {
    row.kind = Set(f.kind);
    row.title = Set(f.title);
    row.description = Set(f.description);
    row.starts_at = Set(f.starts_at);
    row.ends_at = Set(f.ends_at);
    row.time_zone = Set(f.time_zone);
    row.online_url = Set(f.online_url);
    row.address = Set(f.address);
    row.capacity = Set(f.capacity.map(|c| c as i32));
    row.recording_url = Set(f.recording_url);
    row.updated_at = Set(now);
}

/// Changes an event. The capacity cannot go below the people registered already; raising
/// it (or removing it) moves people up from the waiting list, who are emailed.
pub async fn update(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    id: i64,
    form: &EventForm,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    authz::admin(actor)?;
    let fields = check(form, now, true)?;
    let txn = crate::db::begin_write(db).await?;
    let current = lock(&txn, id).await?;
    if current.cancelled_at.is_some() {
        return Err(ServiceError::Conflict("this event is cancelled, so it cannot be changed".into()));
    }
    if let Some(capacity) = fields.capacity
        && (capacity as i32) < current.registered_count
    {
        return Err(ServiceError::invalid(
            "capacity",
            format!(
                "{} people are registered already; the capacity cannot be lower than that",
                current.registered_count
            ),
        ));
    }
    let mut row = current.into_active_model();
    apply(&mut row, fields, now);
    let row = row.update(&txn).await?;
    if row.starts_at > now {
        registration::promote_waiting(&txn, &row, site_url, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Cancels an event and emails everyone registered or waiting. Cancelling again is a
/// conflict (nobody is emailed twice).
pub async fn cancel(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    id: i64,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    authz::admin(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let row = lock(&txn, id).await?;
    if row.cancelled_at.is_some() {
        return Err(ServiceError::Conflict("this event is cancelled already".into()));
    }
    let mut active = row.clone().into_active_model();
    active.cancelled_at = Set(Some(now));
    active.updated_at = Set(now);
    active.update(&txn).await?;
    let people = event_registration::Entity::find()
        .filter(event_registration::Column::EventId.eq(id))
        .filter(
            event_registration::Column::Status
                .is_in([RegistrationStatus::Registered, RegistrationStatus::Waitlisted]),
        )
        .all(&txn)
        .await?;
    let when = super::view(&row, now).when;
    let subject = format!("Cancelled: {}", row.title);
    let body = format!(
        "We're sorry: “{}” ({when}) has been cancelled, so there is no need to attend.\n\n\
         If you added it to your calendar, you can remove it. Other events are listed here:\n{site_url}/events\n\n\
         — Bayline",
        row.title
    );
    for person in people {
        if let Some(email) = super::email_of(&txn, person.user_id).await? {
            outbox::enqueue(&txn, &email, &subject, &body, now).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}
