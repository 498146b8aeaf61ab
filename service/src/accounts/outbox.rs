//! The email outbox: every message is stored first and sent from here, so nothing is lost
//! when the mail server is down. Without SMTP configured the outbox is where local runs and
//! tests read their mail.
//!
//! Delivery (the server's mail worker) takes one message at a time with [`claim_next`], a
//! conditional UPDATE that several app servers sharing the database can race on safely, then
//! records the outcome with [`mark_sent`] or [`mark_failed`].
use chrono::{DateTime, Duration, Utc};
use entity::email_outbox;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set,
    sea_query::Expr,
};

/// How long a claimed message is reserved for the worker sending it. Longer than any SMTP
/// exchange (the transport times out after 30 s), so no other server sends it meanwhile; if
/// the worker dies mid-send, the message becomes due again when the lease runs out.
pub const LEASE: Duration = Duration::minutes(5);
/// The first retry waits this long; each further failure doubles the wait…
pub const FIRST_RETRY: Duration = Duration::minutes(1);
/// …up to this cap, at which retries continue for as long as the message is undelivered.
pub const MAX_RETRY: Duration = Duration::hours(1);
/// Longest stored error text: enough to diagnose, too short to carry a message body.
const MAX_ERROR_CHARS: usize = 200;

/// Queues a plain-text email.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    recipient: &str,
    subject: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    enqueue_listed(db, recipient, subject, body, None, now).await
}

/// Queues a plain-text email that a recipient can stop with one click: `unsubscribe` is
/// the absolute URL sent as `List-Unsubscribe` (with `List-Unsubscribe-Post`, RFC 8058).
pub async fn enqueue_listed(
    db: &impl ConnectionTrait,
    recipient: &str,
    subject: &str,
    body: &str,
    unsubscribe: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    email_outbox::ActiveModel {
        list_unsubscribe: Set(unsubscribe.map(str::to_string)),
        recipient: Set(recipient.to_string()),
        subject: Set(subject.to_string()),
        body_text: Set(body.to_string()),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        sent_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    tracing::info!(subject, "email queued");
    Ok(())
}

/// Takes the next due message (unsent, `next_attempt_at <= now`) for sending, or `None`.
///
/// The claim counts the attempt and pushes `next_attempt_at` to `now + LEASE` in one UPDATE
/// that only matches while the row still has the attempt count just read: of several servers
/// reading the same row, exactly one sees `rows_affected == 1`, whatever their clocks say.
/// Counting the attempt at the claim also means a message that crashes the worker backs off
/// like any other failure. The returned row is the claimed state (`attempts` already counts
/// this try).
pub async fn claim_next(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Option<email_outbox::Model>, DbErr> {
    // A lost race just means another server took that message: look for the next one, a
    // few times, then leave the rest to the next round.
    for _ in 0..5 {
        let Some(candidate) = email_outbox::Entity::find()
            .filter(email_outbox::Column::SentAt.is_null())
            .filter(email_outbox::Column::NextAttemptAt.lte(now))
            .order_by_asc(email_outbox::Column::NextAttemptAt)
            .order_by_asc(email_outbox::Column::Id)
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        let lease_until = now + LEASE;
        let claimed = email_outbox::Entity::update_many()
            .col_expr(email_outbox::Column::Attempts, Expr::value(candidate.attempts + 1))
            .col_expr(email_outbox::Column::NextAttemptAt, Expr::value(lease_until))
            .filter(email_outbox::Column::Id.eq(candidate.id))
            .filter(email_outbox::Column::SentAt.is_null())
            .filter(email_outbox::Column::Attempts.eq(candidate.attempts))
            .exec(db)
            .await?;
        if claimed.rows_affected == 1 {
            return Ok(Some(email_outbox::Model {
                attempts: candidate.attempts + 1,
                next_attempt_at: lease_until,
                ..candidate
            }));
        }
    }
    Ok(None)
}

/// Records a delivery. Unconditional on the lease: the message did go out, so it must never
/// be sent again even if this worker's lease had run out meanwhile.
pub async fn mark_sent(db: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> Result<(), DbErr> {
    email_outbox::Entity::update_many()
        .col_expr(email_outbox::Column::SentAt, Expr::value(Some(now)))
        .col_expr(email_outbox::Column::LastError, Expr::value(Option::<String>::None))
        .filter(email_outbox::Column::Id.eq(id))
        .filter(email_outbox::Column::SentAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt of a message claimed with `attempts` attempts: stores a short
/// error and schedules the next try after [`backoff`]. Returns when that is. A worker whose
/// lease ran out (another server claimed the message since) changes nothing.
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    id: i64,
    attempts: i32,
    error: &str,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, DbErr> {
    let next = now + backoff(attempts);
    email_outbox::Entity::update_many()
        .col_expr(email_outbox::Column::NextAttemptAt, Expr::value(next))
        .col_expr(email_outbox::Column::LastError, Expr::value(Some(short_error(error))))
        .filter(email_outbox::Column::Id.eq(id))
        .filter(email_outbox::Column::SentAt.is_null())
        .filter(email_outbox::Column::Attempts.eq(attempts))
        .exec(db)
        .await?;
    Ok(next)
}

/// The wait after the `attempts`-th failed attempt: 1 minute, doubling, capped at an hour.
pub fn backoff(attempts: i32) -> Duration {
    // 2^6 minutes already exceeds the cap; clamping the exponent keeps the shift in range.
    let doublings = attempts.saturating_sub(1).clamp(0, 6);
    (FIRST_RETRY * (1 << doublings)).min(MAX_RETRY)
}

/// The first line of an error, at most [`MAX_ERROR_CHARS`] characters.
fn short_error(error: &str) -> String {
    let line = error.lines().next().unwrap_or_default().trim();
    line.chars().take(MAX_ERROR_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_a_minute_and_stops_at_an_hour() {
        let minutes: Vec<i64> = (0..=9).map(|n| backoff(n).num_minutes()).collect();
        assert_eq!(minutes, [1, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(backoff(i32::MAX), MAX_RETRY);
    }

    #[test]
    fn errors_are_kept_short_and_on_one_line() {
        assert_eq!(short_error("connection refused\nsecond line"), "connection refused");
        assert_eq!(short_error(&"é".repeat(500)).chars().count(), MAX_ERROR_CHARS);
    }
}
