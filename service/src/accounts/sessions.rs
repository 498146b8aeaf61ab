//! Server-side sessions, shared by every app server through the database.
//!
//! The browser's cookie holds 256 random bits; the database holds only their SHA-256, so a
//! copy of the database cannot be replayed as a cookie. A session ends after an hour without
//! activity (idle timeout) and twelve hours after sign-in whatever happens (absolute
//! timeout); both are documented in the README.
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Duration, Utc};
use entity::session;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use sha2::{Digest, Sha256};

pub const IDLE_TIMEOUT: Duration = Duration::hours(1);
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);
/// Activity is written back at most this often, so reading a page is not a write each time.
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// A new session: the token goes into the cookie and nowhere else.
pub struct NewSession {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// 256 random bits from the operating system, hex-encoded.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The stored form of a token.
pub fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Where a session was started from, for the person's list of signed-in devices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Device {
    pub user_agent: String,
    pub address: String,
}

/// Starts a session for a user from an unknown device (tests, tools).
pub async fn start(db: &impl ConnectionTrait, user_id: i64, now: DateTime<Utc>) -> Result<NewSession, DbErr> {
    start_on(db, user_id, &Device::default(), now).await
}

/// Starts a session for a user (at sign-in, and again at any privilege change so that the
/// session id always changes with the rights it carries).
pub async fn start_on(
    db: &impl ConnectionTrait,
    user_id: i64,
    device: &Device,
    now: DateTime<Utc>,
) -> Result<NewSession, DbErr> {
    let token = random_token();
    let expires_at = now + ABSOLUTE_TIMEOUT;
    session::Model {
        id_hash: digest(&token),
        user_id,
        created_at: now,
        last_seen_at: now,
        expires_at,
        // Bounded: the header is the client's to choose.
        user_agent: device.user_agent.chars().take(300).collect(),
        client_address: device.address.chars().take(64).collect(),
    }
    .into_active_model()
    .insert(db)
    .await?;
    Ok(NewSession { token, expires_at })
}

/// The device a session was started from (kept when the session id rotates).
pub async fn device_of(db: &impl ConnectionTrait, token: &str) -> Result<Device, DbErr> {
    Ok(session::Entity::find_by_id(digest(token))
        .one(db)
        .await?
        .map(|s| Device { user_agent: s.user_agent, address: s.client_address })
        .unwrap_or_default())
}

/// Ends every session of a user except the one holding `keep`.
pub async fn end_all_but(db: &impl ConnectionTrait, user_id: i64, keep: Option<&str>) -> Result<u64, DbErr> {
    let mut query = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(token) = keep {
        query = query.filter(session::Column::IdHash.ne(digest(token)));
    }
    Ok(query.exec(db).await?.rows_affected)
}

/// The user a cookie's token belongs to, if its session is still alive; records activity.
/// An expired session is deleted on sight.
pub async fn resume(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbErr> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let Some(found) = session::Entity::find_by_id(digest(token)).one(db).await? else { return Ok(None) };
    if now >= found.expires_at || now - found.last_seen_at >= IDLE_TIMEOUT {
        session::Entity::delete_by_id(found.id_hash).exec(db).await?;
        return Ok(None);
    }
    let user_id = found.user_id;
    if now - found.last_seen_at >= TOUCH_EVERY {
        let mut active = found.into_active_model();
        active.last_seen_at = Set(now);
        active.update(db).await?;
    }
    Ok(Some(user_id))
}

/// Ends one session (sign-out).
pub async fn end(db: &impl ConnectionTrait, token: &str) -> Result<(), DbErr> {
    session::Entity::delete_by_id(digest(token)).exec(db).await?;
    Ok(())
}

/// Ends every session of a user (password change, account deletion).
pub async fn end_all(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, DbErr> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?
        .rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_random_bits_and_stored_as_digests() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(digest(&a).len(), 64);
        assert_ne!(digest(&a), a, "the database never sees the token itself");
    }
}
