//! The day-before reminder. Every registered person (not waiting, not cancelled) of an
//! event starting within the next 24 hours gets one email. Several app servers may run
//! this at once: each reminder is claimed by a conditional UPDATE (`reminded_at IS NULL`)
//! in the transaction that queues its email, so exactly one server queues it, and a
//! failure rolls back both.
use chrono::{DateTime, Duration, Utc};
use domain::events::RegistrationStatus;
use entity::{event, event_registration};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr};

use crate::{accounts::outbox, error::ServiceError};

/// How far ahead of an event its reminder goes out.
pub const AHEAD: Duration = Duration::hours(24);

/// Queues the due reminders; returns how many this call queued.
pub async fn send_due_reminders(
    db: &DatabaseConnection,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<usize, ServiceError> {
    let events = event::Entity::find()
        .filter(event::Column::CancelledAt.is_null())
        .filter(event::Column::StartsAt.gt(now))
        .filter(event::Column::StartsAt.lte(now + AHEAD))
        .all(db)
        .await?;
    let mut sent = 0;
    for row in events {
        let due = event_registration::Entity::find()
            .filter(event_registration::Column::EventId.eq(row.id))
            .filter(event_registration::Column::Status.eq(RegistrationStatus::Registered))
            .filter(event_registration::Column::RemindedAt.is_null())
            .all(db)
            .await?;
        for registration in due {
            let txn = crate::db::begin_write(db).await?;
            let claimed = event_registration::Entity::update_many()
                .col_expr(event_registration::Column::RemindedAt, Expr::value(Some(now)))
                .filter(event_registration::Column::Id.eq(registration.id))
                .filter(event_registration::Column::Status.eq(RegistrationStatus::Registered))
                .filter(event_registration::Column::RemindedAt.is_null())
                .exec(&txn)
                .await?;
            if claimed.rows_affected != 1 {
                // Another server took it, or the person cancelled meanwhile.
                txn.rollback().await?;
                continue;
            }
            if let Some(email) = super::email_of(&txn, registration.user_id).await? {
                let when = super::view(&row, now).when;
                let subject = format!("Tomorrow: {}", row.title);
                let body = format!(
                    "A reminder: you're registered for “{}”.\n\nWhen: {when}\n{}\n\n\
                     Details and a calendar file:\n{site_url}/events/{}\n\n\
                     If you can no longer come, please cancel on that page so someone on the waiting list can take your place.\n\n— Bayline",
                    row.title,
                    super::place(&row),
                    row.id
                );
                outbox::enqueue(&txn, &email, &subject, &body, now).await?;
            }
            txn.commit().await?;
            sent += 1;
        }
    }
    Ok(sent)
}
