//! Between a right password and a right second-factor code. The browser holds a random token
//! for five minutes (only its SHA-256 is stored, as for sessions); no session exists until
//! the code is right, and five wrong codes end the challenge, so guessing six digits means
//! starting again from the password, whose failures are throttled.
use chrono::{DateTime, Duration, Utc};
use entity::sign_in_challenge;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter,
    sea_query::{Expr, ExprTrait},
};

use super::{second_factor, sessions};
use crate::error::ServiceError;

pub const LIFETIME: Duration = Duration::minutes(5);
pub const MAX_ATTEMPTS: i32 = 5;

/// The answer to a code typed at the challenge.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    /// The code was right: start the session and go to `destination`.
    Right { user_id: i64, destination: String },
    /// Wrong; `left` more tries.
    Wrong { left: i32 },
    /// No such challenge any more (expired, used, or too many wrong codes): sign in again.
    Gone,
}

/// Opens a challenge for a person whose password was right; the token goes into a cookie.
pub async fn open(
    db: &impl ConnectionTrait,
    user_id: i64,
    destination: &str,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    // Expired challenges of anyone go on sight; they are never needed again.
    sign_in_challenge::Entity::delete_many()
        .filter(sign_in_challenge::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?;
    let token = sessions::random_token();
    sign_in_challenge::Model {
        id_hash: sessions::digest(&token),
        user_id,
        destination: destination.to_string(),
        attempts: 0,
        expires_at: now + LIFETIME,
    }
    .into_active_model()
    .insert(db)
    .await?;
    Ok(token)
}

/// Whether a challenge token is still open (the code page shows the form only then).
pub async fn is_open(db: &impl ConnectionTrait, token: &str, now: DateTime<Utc>) -> Result<bool, DbErr> {
    Ok(sign_in_challenge::Entity::find_by_id(sessions::digest(token))
        .one(db)
        .await?
        .is_some_and(|c| c.expires_at > now && c.attempts < MAX_ATTEMPTS))
}

pub async fn answer(
    db: &impl ConnectionTrait,
    token: &str,
    code: &str,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<Answer, ServiceError> {
    let id = sessions::digest(token);
    let Some(challenge) = sign_in_challenge::Entity::find_by_id(id.clone()).one(db).await? else {
        return Ok(Answer::Gone);
    };
    if challenge.expires_at <= now || challenge.attempts >= MAX_ATTEMPTS {
        sign_in_challenge::Entity::delete_by_id(id).exec(db).await?;
        return Ok(Answer::Gone);
    }
    if second_factor::check(db, challenge.user_id, code, client_ip, now).await? {
        // Deleting it is what lets it be used once: of two requests with one right code,
        // only the one whose delete removed the row starts a session.
        let removed = sign_in_challenge::Entity::delete_by_id(id).exec(db).await?;
        if removed.rows_affected == 0 {
            return Ok(Answer::Gone);
        }
        return Ok(Answer::Right { user_id: challenge.user_id, destination: challenge.destination });
    }
    sign_in_challenge::Entity::update_many()
        .col_expr(sign_in_challenge::Column::Attempts, Expr::col(sign_in_challenge::Column::Attempts).add(1))
        .filter(sign_in_challenge::Column::IdHash.eq(id))
        .exec(db)
        .await?;
    let left = MAX_ATTEMPTS - challenge.attempts - 1;
    Ok(if left > 0 { Answer::Wrong { left } } else { Answer::Gone })
}
