//! A forgotten password: an emailed single-use link (valid an hour) to choose a new one.
//!
//! Asking for a link never reveals whether an address has an account: the answer is the
//! same, and so is the work (one token-sized write and one queued email either way).
use chrono::{DateTime, Duration, Utc};
use entity::app_user;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbErr, IntoActiveModel, Set};

use super::{
    audit::{self, Event},
    email::Email,
    outbox, password, sessions,
    tokens::{self, Purpose},
    users::{self, AccountError, THROTTLE_WINDOW},
};
use crate::error::ServiceError;

/// How long a password-reset link works.
pub const RESET_LINK_TTL: Duration = Duration::hours(1);
/// Reset emails per address, and requests per client address, within [`THROTTLE_WINDOW`]:
/// enough for someone whose mail is slow, too few to flood an inbox.
pub const MAX_REQUESTS_PER_EMAIL: u64 = 5;
pub const MAX_REQUESTS_PER_ADDRESS: u64 = 30;

/// Issues a reset link for a user and returns it (also how `bayline admin create` hands a
/// new admin account over without ever knowing its password).
pub async fn reset_link(
    db: &impl ConnectionTrait,
    user_id: i64,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let token = tokens::issue(db, user_id, Purpose::ResetPassword, RESET_LINK_TTL, now).await?;
    Ok(format!("{site_url}/reset-password?token={token}"))
}

/// Emails a reset link if the address has an account, and a note saying there is none
/// otherwise. Answers `Ok` either way (and silently sends nothing over the rate limit);
/// only a malformed address is refused, which reveals nothing.
pub async fn request_reset(
    db: &DatabaseConnection,
    email: &str,
    client_ip: &str,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let email = Email::parse(email).map_err(|m| ServiceError::invalid("email", m))?;
    let since = now - THROTTLE_WINDOW;
    let event = Event::PasswordResetRequested;
    let per_email = audit::count_since(db, event, since, Some(email.as_str()), None).await?;
    let per_address = audit::count_since(db, event, since, None, Some(client_ip)).await?;
    if per_email >= MAX_REQUESTS_PER_EMAIL || per_address >= MAX_REQUESTS_PER_ADDRESS {
        tracing::warn!("password reset requests over the limit; no email sent");
        return Ok(());
    }
    let txn = crate::db::begin_write(db).await?;
    let user = users::find_by_email(&txn, &email).await?;
    let body = match &user {
        Some(user) => {
            let link = reset_link(&txn, user.id, site_url, now).await?;
            format!(
                "Someone (hopefully you) asked to reset the password of your Bayline account.\n\n\
                 Choose a new password by opening this link within an hour:\n{link}\n\n\
                 The link works once. If you did not ask, ignore this message: your password \
                 stays as it is."
            )
        }
        None => format!(
            "Someone (hopefully you) asked to reset the password of a Bayline account with this \
             address, but there is no account with it.\n\nIf you have an account under another \
             address, ask again at {site_url}/forgot-password with that one. If you did not ask, \
             ignore this message."
        ),
    };
    outbox::enqueue(&txn, email.as_str(), "Reset your Bayline password", &body, now).await?;
    // The typed address is the detail the limit counts by; deleting the account blanks it.
    audit::record(&txn, event, user.map(|u| u.id), email.as_str(), client_ip, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Sets a new password through a reset link: the link works once, every session of the
/// account ends, and the address counts as verified (the person read mail sent to it).
/// A weak password is refused without using up the link.
pub async fn reset_password(
    db: &DatabaseConnection,
    token: &str,
    new_password: &str,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let bad_link = || ServiceError::from(AccountError::BadLink);
    if token.len() > 128 {
        return Err(bad_link());
    }
    let (user_id, _) = tokens::peek(db, token, Purpose::ResetPassword, now).await?.ok_or_else(bad_link)?;
    let user = users::find(db, user_id).await?.ok_or_else(bad_link)?;
    password::check_new(new_password, &[&user.email])
        .map_err(|p| ServiceError::invalid("password", p.to_string()))?;
    let hash = password::hash(new_password);
    let txn = crate::db::begin_write(db).await?;
    // Redeeming is the single-use check: a second click racing this one gets `None`.
    if tokens::redeem(&txn, token, Purpose::ResetPassword, now).await? != Some(user_id) {
        return Err(bad_link());
    }
    tokens::revoke_all(&txn, user_id, Purpose::ResetPassword, now).await?;
    let verified = user.email_verified_at.is_some();
    let mut active: app_user::ActiveModel = user.into_active_model();
    active.password_hash = Set(hash);
    if !verified {
        active.email_verified_at = Set(Some(now));
    }
    active.update(&txn).await?;
    sessions::end_all(&txn, user_id).await?;
    audit::record(&txn, Event::PasswordReset, Some(user_id), "", client_ip, now).await?;
    txn.commit().await?;
    Ok(user_id)
}

/// Whether a reset link can still be used (for the page to say so before the form).
pub async fn reset_link_is_valid(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    Ok(token.len() <= 128 && tokens::peek(db, token, Purpose::ResetPassword, now).await?.is_some())
}
