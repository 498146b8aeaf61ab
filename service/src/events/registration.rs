//! Registering for an event, the waiting list, and cancelling a registration. See the
//! module documentation of `events` for why capacity holds under concurrent requests.
use chrono::{DateTime, Utc};
use domain::events::MyRegistration;
use domain::events::RegistrationStatus;
use entity::{event, event_registration};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, Set,
    sea_query::{Expr, ExprTrait},
};

use super::lock;
use crate::{
    accounts::outbox,
    authz::{self, Actor},
    error::ServiceError,
};

/// Claims one seat with a conditional UPDATE: true when the event had room (or no limit).
/// Run inside a transaction that holds the event's row lock.
async fn claim_seat(db: &impl ConnectionTrait, event_id: i64) -> Result<bool, ServiceError> {
    let claimed = event::Entity::update_many()
        .col_expr(event::Column::RegisteredCount, Expr::col(event::Column::RegisteredCount).add(1))
        .filter(event::Column::Id.eq(event_id))
        .filter(event::Column::CancelledAt.is_null())
        .filter(
            Condition::any()
                .add(event::Column::Capacity.is_null())
                .add(Expr::col(event::Column::RegisteredCount).lt(Expr::col(event::Column::Capacity))),
        )
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// The next waiting-list number of the event.
async fn next_in_line(db: &impl ConnectionTrait, event_id: i64) -> Result<i32, ServiceError> {
    event::Entity::update_many()
        .col_expr(event::Column::WaitlistSeq, Expr::col(event::Column::WaitlistSeq).add(1))
        .filter(event::Column::Id.eq(event_id))
        .exec(db)
        .await?;
    Ok(super::find(db, event_id).await?.waitlist_seq)
}

/// A waiting person's place in line: 1 + the people waiting ahead of them.
async fn position(db: &impl ConnectionTrait, event_id: i64, seq: i32) -> Result<u32, ServiceError> {
    let ahead = event_registration::Entity::find()
        .filter(event_registration::Column::EventId.eq(event_id))
        .filter(event_registration::Column::Status.eq(RegistrationStatus::Waitlisted))
        .filter(event_registration::Column::WaitlistSeq.lt(seq))
        .count(db)
        .await?;
    Ok(ahead as u32 + 1)
}

async fn state_of(
    db: &impl ConnectionTrait,
    row: Option<&event_registration::Model>,
) -> Result<MyRegistration, ServiceError> {
    Ok(match row {
        Some(r) if r.status == RegistrationStatus::Registered => MyRegistration::Registered,
        Some(r) if r.status == RegistrationStatus::Waitlisted => MyRegistration::Waitlisted {
            position: position(db, r.event_id, r.waitlist_seq.unwrap_or(0)).await?,
        },
        _ => MyRegistration::None,
    })
}

async fn mine(
    db: &impl ConnectionTrait,
    event_id: i64,
    user_id: i64,
) -> Result<Option<event_registration::Model>, ServiceError> {
    Ok(event_registration::Entity::find()
        .filter(event_registration::Column::EventId.eq(event_id))
        .filter(event_registration::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

/// Where the signed-in person stands with an event (`None` for visitors).
pub async fn my_registration(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    event_id: i64,
) -> Result<MyRegistration, ServiceError> {
    let Some(actor) = actor else { return Ok(MyRegistration::None) };
    let row = mine(db, event_id, actor.user_id).await?;
    state_of(db, row.as_ref()).await
}

/// People waiting for an event.
pub async fn waiting(db: &impl ConnectionTrait, event_id: i64) -> Result<u32, ServiceError> {
    Ok(event_registration::Entity::find()
        .filter(event_registration::Column::EventId.eq(event_id))
        .filter(event_registration::Column::Status.eq(RegistrationStatus::Waitlisted))
        .count(db)
        .await? as u32)
}

/// Registers the signed-in person, or puts them on the waiting list when the event is
/// full. Registering again changes nothing and answers where they stand.
pub async fn register(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    event_id: i64,
    now: DateTime<Utc>,
) -> Result<MyRegistration, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let row = lock(&txn, event_id).await?;
    if row.cancelled_at.is_some() {
        return Err(ServiceError::Conflict("this event was cancelled, so registration is closed".into()));
    }
    if row.starts_at <= now {
        return Err(ServiceError::Conflict(
            "this event has started already, so registration is closed".into(),
        ));
    }
    let existing = mine(&txn, event_id, actor.user_id).await?;
    if let Some(current) = existing.as_ref().filter(|r| r.status != RegistrationStatus::Cancelled) {
        let state = state_of(&txn, Some(current)).await?;
        txn.commit().await?;
        return Ok(state);
    }
    let (status, seq) = if claim_seat(&txn, event_id).await? {
        (RegistrationStatus::Registered, None)
    } else {
        (RegistrationStatus::Waitlisted, Some(next_in_line(&txn, event_id).await?))
    };
    let saved = match existing {
        // Coming back after cancelling: the same row, at the back of any line.
        Some(old) => {
            let mut again = old.into_active_model();
            again.status = Set(status);
            again.waitlist_seq = Set(seq);
            again.created_at = Set(now);
            again.updated_at = Set(now);
            again.reminded_at = Set(None);
            again.update(&txn).await?
        }
        None => {
            event_registration::ActiveModel {
                event_id: Set(event_id),
                user_id: Set(actor.user_id),
                status: Set(status),
                waitlist_seq: Set(seq),
                created_at: Set(now),
                updated_at: Set(now),
                reminded_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    let state = state_of(&txn, Some(&saved)).await?;
    txn.commit().await?;
    Ok(state)
}

/// Cancels the signed-in person's registration (or place in line). A freed seat goes to
/// the first person waiting, who is emailed. Cancelling when not registered changes nothing.
pub async fn cancel(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    event_id: i64,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::signed_in(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let row = lock(&txn, event_id).await?;
    let Some(current) =
        mine(&txn, event_id, actor.user_id).await?.filter(|r| r.status != RegistrationStatus::Cancelled)
    else {
        txn.commit().await?;
        return Ok(());
    };
    let was_registered = current.status == RegistrationStatus::Registered;
    let mut gone = current.into_active_model();
    gone.status = Set(RegistrationStatus::Cancelled);
    gone.waitlist_seq = Set(None);
    gone.updated_at = Set(now);
    gone.update(&txn).await?;
    if was_registered {
        event::Entity::update_many()
            .col_expr(event::Column::RegisteredCount, Expr::col(event::Column::RegisteredCount).sub(1))
            .filter(event::Column::Id.eq(event_id))
            .exec(&txn)
            .await?;
        if row.cancelled_at.is_none() && row.starts_at > now {
            promote_waiting(&txn, &super::find(&txn, event_id).await?, site_url, now).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Moves people up from the waiting list, first in line first, while there are seats; each
/// is emailed. Runs inside the transaction holding the event's row lock.
pub(crate) async fn promote_waiting(
    db: &impl ConnectionTrait,
    row: &event::Model,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<u32, ServiceError> {
    let mut promoted = 0;
    loop {
        let Some(next) = event_registration::Entity::find()
            .filter(event_registration::Column::EventId.eq(row.id))
            .filter(event_registration::Column::Status.eq(RegistrationStatus::Waitlisted))
            .order_by_asc(event_registration::Column::WaitlistSeq)
            .one(db)
            .await?
        else {
            break;
        };
        if !claim_seat(db, row.id).await? {
            break;
        }
        let user_id = next.user_id;
        let mut up = next.into_active_model();
        up.status = Set(RegistrationStatus::Registered);
        up.waitlist_seq = Set(None);
        up.updated_at = Set(now);
        up.update(db).await?;
        if let Some(email) = super::email_of(db, user_id).await? {
            let when = super::view(row, now).when;
            let subject = format!("You're in: a place opened up for {}", row.title);
            let body = format!(
                "Good news: a place opened up for “{}”, and it's yours. You're registered now.\n\n\
                 When: {when}\n{}\n\nDetails and a calendar file:\n{site_url}/events/{}\n\n\
                 If you can no longer come, please cancel on that page so the next person can take your place.\n\n— Bayline",
                row.title,
                super::place(row),
                row.id
            );
            outbox::enqueue(db, &email, &subject, &body, now).await?;
        }
        promoted += 1;
    }
    Ok(promoted)
}
