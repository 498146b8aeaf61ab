//! Changing one's password or email address, both confirmed with the current password.
//!
//! A wrong current password counts as a failed sign-in, so these forms cannot be used to
//! guess a password faster than the sign-in form allows.
use chrono::{DateTime, Duration, Utc};
use entity::app_user;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, IntoActiveModel, Set, SqlErr};

use super::{
    audit::{self, Event},
    email::Email,
    outbox, password, sessions,
    tokens::{self, Purpose},
    users::{self, AccountError, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, THROTTLE_WINDOW},
};
use crate::{
    authz::{self, Actor},
    error::{Checks, ServiceError},
};

/// How long a link confirming a new email address works.
pub const EMAIL_CHANGE_TTL: Duration = Duration::hours(24);

/// The signed-in person's account (gone if deleted in another tab).
pub(crate) async fn account_of(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<app_user::Model, ServiceError> {
    let actor = authz::signed_in(actor)?;
    users::find(db, actor.user_id).await?.ok_or(ServiceError::SignInRequired)
}

/// Checks the current password typed into a form (`field` names that form's input), with
/// the sign-in throttle: failures are recorded as failed sign-ins for the account's email.
pub(crate) async fn check_current_password(
    db: &impl ConnectionTrait,
    user: &app_user::Model,
    field: &'static str,
    given: &str,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if given.is_empty() {
        return Err(ServiceError::invalid(field, "enter your current password"));
    }
    if given.chars().count() > password::MAX_CHARS {
        return Err(ServiceError::invalid(field, "this is not your current password"));
    }
    let since = now - THROTTLE_WINDOW;
    let per_account = audit::count_since(db, Event::SignInFailed, since, Some(&user.email), None).await?;
    let per_address = audit::count_since(db, Event::SignInFailed, since, None, Some(client_ip)).await?;
    if per_account >= MAX_FAILURES_PER_ACCOUNT || per_address >= MAX_FAILURES_PER_ADDRESS {
        return Err(AccountError::Throttled { minutes: THROTTLE_WINDOW.num_minutes() }.into());
    }
    if !password::verify(given, &user.password_hash) {
        audit::record(db, Event::SignInFailed, None, &user.email, client_ip, now).await?;
        return Err(ServiceError::invalid(field, "this is not your current password"));
    }
    Ok(())
}

/// Replaces the signed-in person's password. Every session of the account ends (the web
/// layer then starts a fresh one for this browser), and the person is told by email.
pub async fn change_password(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    current_password: &str,
    new_password: &str,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let user = account_of(db, actor).await?;
    // Both fields are judged, so the form says everything at once.
    let mut checks = Checks::default();
    checks
        .check(check_current_password(db, &user, "current_password", current_password, client_ip, now).await);
    checks.check(
        password::check_new(new_password, &[&user.email])
            .map_err(|p| ServiceError::invalid("new_password", p.to_string())),
    );
    if new_password == current_password {
        checks.fail("new_password", "choose a password different from your current one");
    }
    checks.finish()?;
    let hash = password::hash(new_password);
    let txn = crate::db::begin_write(db).await?;
    let (user_id, email) = (user.id, user.email.clone());
    let mut active = user.into_active_model();
    active.password_hash = Set(hash);
    active.update(&txn).await?;
    sessions::end_all(&txn, user_id).await?;
    // An outstanding reset link would undo the change: it is worthless now.
    tokens::revoke_all(&txn, user_id, Purpose::ResetPassword, now).await?;
    audit::record(&txn, Event::PasswordChanged, Some(user_id), "", client_ip, now).await?;
    let body = "The password of your Bayline account was just changed, and every other device \
                was signed out.\n\nIf you did not do this, reset your password at once from the \
                sign-in page (\"Forgot your password?\").";
    outbox::enqueue(&txn, &email, "Your Bayline password was changed", body, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Asks to move the account to a new address: a confirmation link goes to that address.
/// If the address already has an account, its owner is told instead and the caller sees the
/// same success, so this form cannot be used to learn who has an account.
pub async fn request_email_change(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    new_email: &str,
    current_password: &str,
    client_ip: &str,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let user = account_of(db, actor).await?;
    let mut checks = Checks::default();
    let new_email = checks.check(
        Email::parse(new_email).map_err(|m| ServiceError::invalid("new_email", m)).and_then(|email| {
            if email.as_str() == user.email {
                Err(ServiceError::invalid("new_email", "this is already your address"))
            } else {
                Ok(email)
            }
        }),
    );
    checks.check(check_current_password(db, &user, "email_password", current_password, client_ip, now).await);
    let new_email = checks.finish_with(new_email)?;
    let txn = crate::db::begin_write(db).await?;
    match users::find_by_email(&txn, &new_email).await? {
        Some(_) => {
            let body = format!(
                "Someone asked to move another Bayline account to this address, which already \
                 has an account, so nothing was changed.\n\nIf you want to sign in, go to \
                 {site_url}/login. Otherwise you can ignore this message."
            );
            outbox::enqueue(&txn, new_email.as_str(), "Your Bayline account", &body, now).await?;
        }
        None => {
            let token = tokens::issue_with_payload(
                &txn,
                user.id,
                Purpose::ChangeEmail,
                new_email.as_str(),
                EMAIL_CHANGE_TTL,
                now,
            )
            .await?;
            let body = format!(
                "Someone (hopefully you) asked to use this address for their Bayline account.\n\n\
                 Confirm by opening this link within 24 hours:\n\
                 {site_url}/confirm-email-change?token={token}\n\n\
                 If you did not ask, ignore this message and nothing will change."
            );
            outbox::enqueue(
                &txn,
                new_email.as_str(),
                "Confirm your new email address for Bayline",
                &body,
                now,
            )
            .await?;
        }
    }
    audit::record(&txn, Event::EmailChangeRequested, Some(user.id), "", client_ip, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Moves the account to the address a confirmation link was sent to (each link works once);
/// the old address is told. Returns the user's id.
pub async fn confirm_email_change(
    db: &DatabaseConnection,
    token: &str,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let taken = || ServiceError::Conflict("that address now belongs to another account".into());
    if token.len() > 128 {
        return Err(AccountError::BadLink.into());
    }
    let txn = crate::db::begin_write(db).await?;
    let (user_id, new_email) = tokens::redeem_with_payload(&txn, token, Purpose::ChangeEmail, now)
        .await?
        .ok_or(AccountError::BadLink)?;
    let new_email = Email::parse(&new_email).map_err(|_| ServiceError::from(AccountError::BadLink))?;
    // Dropping the transaction on an error keeps the link usable.
    if users::find_by_email(&txn, &new_email).await?.is_some() {
        return Err(taken());
    }
    let user = users::find(&txn, user_id).await?.ok_or(AccountError::BadLink)?;
    let old_email = user.email.clone();
    let mut active = user.into_active_model();
    active.email = Set(new_email.to_string());
    active.email_verified_at = Set(Some(now));
    if let Err(error) = active.update(&txn).await {
        // Another account took the address between the check and the update.
        return Err(match error.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => taken(),
            _ => error.into(),
        });
    }
    let body = format!(
        "The email address of your Bayline account was changed to {new_email}. Mail about the \
         account now goes there.\n\nIf you did not do this, contact Bayline's administrators at once."
    );
    outbox::enqueue(&txn, &old_email, "Your Bayline email address was changed", &body, now).await?;
    audit::record(&txn, Event::EmailChanged, Some(user_id), "", client_ip, now).await?;
    txn.commit().await?;
    Ok(user_id)
}
