//! Idempotent form submissions. Each form that creates something carries a random key
//! rendered with the page; the handler claims the key in the same transaction as the work,
//! so a double-clicked or replayed form finds its key taken and returns what the first
//! submission made instead of making it again. On PostgreSQL a second transaction racing
//! for the same key waits on the primary key until the first commits, then sees it.
use chrono::{DateTime, Duration, Utc};
use entity::form_submission;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
    sea_query::{Expr, OnConflict},
};

/// How long a key is remembered: far longer than any double-submit or browser retry.
pub const REMEMBERED: Duration = Duration::days(1);

/// A fresh key for a form (128 random bits, hex).
pub fn new_key() -> String {
    crate::accounts::sessions::random_token().chars().take(32).collect()
}

/// What claiming a key found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// The key is new (or absent): do the work, then [`settle`] it.
    New,
    /// The key was used before; this is what that submission made.
    Replayed(i64),
}

/// Whether a key has the shape [`new_key`] gives; anything else is treated as no key.
fn usable(key: &str) -> bool {
    (16..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Claims `key` for the person inside the caller's transaction.
pub async fn claim(
    txn: &impl ConnectionTrait,
    user_id: i64,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Claim, DbErr> {
    if !usable(key) {
        return Ok(Claim::New);
    }
    form_submission::Entity::delete_many()
        .filter(form_submission::Column::UserId.eq(user_id))
        .filter(form_submission::Column::CreatedAt.lt(now - REMEMBERED))
        .exec(txn)
        .await?;
    let inserted = form_submission::Entity::insert(form_submission::ActiveModel {
        user_id: Set(user_id),
        key: Set(key.into()),
        result_id: Set(0),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([form_submission::Column::UserId, form_submission::Column::Key])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    if inserted == 1 {
        return Ok(Claim::New);
    }
    let first = form_submission::Entity::find_by_id((user_id, key.to_string())).one(txn).await?;
    Ok(first.map_or(Claim::New, |row| Claim::Replayed(row.result_id)))
}

/// Records what a new submission made.
pub async fn settle(
    txn: &impl ConnectionTrait,
    user_id: i64,
    key: &str,
    result_id: i64,
) -> Result<(), DbErr> {
    if !usable(key) {
        return Ok(());
    }
    form_submission::Entity::update_many()
        .col_expr(form_submission::Column::ResultId, Expr::value(result_id))
        .filter(form_submission::Column::UserId.eq(user_id))
        .filter(form_submission::Column::Key.eq(key))
        .exec(txn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_fresh_and_usable() {
        let (a, b) = (new_key(), new_key());
        assert_ne!(a, b);
        assert!(usable(&a));
        assert!(!usable(""));
        assert!(!usable("short"));
        assert!(!usable("with spaces and more than sixteen"));
    }
}
