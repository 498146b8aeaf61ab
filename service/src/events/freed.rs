//! Places freed without a cancellation: a deleted account's registrations go with it (by
//! foreign key), so its places are given back in the deletion's transaction and the people
//! waiting move up on the server's next periodic run, which knows the site's address for
//! the email.
use chrono::{DateTime, Utc};
use domain::events::RegistrationStatus;
use entity::{event, event_registration};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait},
};

use super::{lock, registration::promote_waiting};
use crate::error::ServiceError;

/// Gives back the places of a person whose account is being deleted, inside the deletion's
/// transaction (their registrations go with the account, by foreign key). The events'
/// counts drop at once; people waiting move up with [`fill_free_places`], run by the
/// server's periodic task, which knows the site's address for the email.
pub async fn release_places_of(db: &impl ConnectionTrait, user_id: i64) -> Result<(), ServiceError> {
    let held = event_registration::Entity::find()
        .filter(event_registration::Column::UserId.eq(user_id))
        .filter(event_registration::Column::Status.eq(RegistrationStatus::Registered))
        .all(db)
        .await?;
    for registration in held {
        event::Entity::update_many()
            .col_expr(event::Column::RegisteredCount, Expr::col(event::Column::RegisteredCount).sub(1))
            .filter(event::Column::Id.eq(registration.event_id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Moves people up from the waiting list of every upcoming event that has free places (a
/// place freed without a cancellation, as by a deleted account). Returns how many moved up.
pub async fn fill_free_places(
    db: &DatabaseConnection,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<u32, ServiceError> {
    let waited_for: Vec<i64> = event_registration::Entity::find()
        .select_only()
        .column(event_registration::Column::EventId)
        .filter(event_registration::Column::Status.eq(RegistrationStatus::Waitlisted))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let mut moved = 0;
    for event_id in waited_for {
        let row = super::find(db, event_id).await?;
        let full = row.capacity.is_some_and(|c| row.registered_count >= c);
        if full || row.cancelled_at.is_some() || row.starts_at <= now {
            continue;
        }
        let txn = crate::db::begin_write(db).await?;
        let row = lock(&txn, event_id).await?;
        if row.cancelled_at.is_none() && row.starts_at > now {
            moved += promote_waiting(&txn, &row, site_url, now).await?;
        }
        txn.commit().await?;
    }
    Ok(moved)
}
