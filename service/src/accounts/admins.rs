//! Making administrators (`bayline admin create <email>`): the only way to get one, so the
//! first admin of a new install comes from whoever runs the server.
use chrono::{DateTime, Utc};
use entity::app_user;
use sea_orm::{ActiveModelTrait, DatabaseConnection, DbErr, IntoActiveModel, Set};

use super::{
    audit::{self, Event},
    email::Email,
    password, sessions,
    tokens::{self, Purpose},
    users,
};

/// How long the printed set-a-password link works: the same as an emailed reset link, since
/// the same page redeems it.
pub use super::recovery::RESET_LINK_TTL;
/// What the audit log says did it (there is no client address for a command).
const AUDIT_DETAIL: &str = "bayline admin create";

/// What `create` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A verified account became an admin; its sessions were ended.
    Promoted { user_id: i64 },
    /// The account was an admin already; nothing changed.
    AlreadyAdmin { user_id: i64 },
    /// The account is new, or existed without a verified address (so whoever chose its
    /// password may not own the address): it is now a verified admin with an unusable
    /// password, and `reset_token` (for `/reset-password?token=…`, single use, an hour)
    /// is the only way in. The token goes to the operator, never to a log.
    NeedsPassword { user_id: i64, reset_token: String },
}

/// Makes the account of `email` an admin, creating it when there is none, in one
/// transaction. A privilege change ends all of the user's sessions, so the next sign-in
/// gets a new session id carrying the new rights; the grant is audited.
pub async fn create(db: &DatabaseConnection, email: &Email, now: DateTime<Utc>) -> Result<Outcome, DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let existing = users::find_by_email(&txn, email).await?;
    let outcome = match existing {
        Some(user) if user.is_admin && user.email_verified_at.is_some() => {
            Outcome::AlreadyAdmin { user_id: user.id }
        }
        Some(user) if user.email_verified_at.is_some() => {
            let user_id = user.id;
            let mut active = user.into_active_model();
            active.is_admin = Set(true);
            active.update(&txn).await?;
            Outcome::Promoted { user_id }
        }
        Some(unverified) => {
            // Someone may have signed up with this address without owning it: their
            // password must not open an admin account once the owner verifies.
            let user_id = unverified.id;
            let mut active = unverified.into_active_model();
            active.is_admin = Set(true);
            active.email_verified_at = Set(Some(now));
            active.password_hash = Set(unusable_password_hash());
            active.update(&txn).await?;
            let reset_token =
                tokens::issue(&txn, user_id, Purpose::ResetPassword, RESET_LINK_TTL, now).await?;
            Outcome::NeedsPassword { user_id, reset_token }
        }
        None => {
            let user = app_user::ActiveModel {
                email: Set(email.as_str().to_string()),
                password_hash: Set(unusable_password_hash()),
                email_verified_at: Set(Some(now)),
                is_admin: Set(true),
                created_at: Set(now),
                display_name: Set(String::new()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            let reset_token =
                tokens::issue(&txn, user.id, Purpose::ResetPassword, RESET_LINK_TTL, now).await?;
            Outcome::NeedsPassword { user_id: user.id, reset_token }
        }
    };
    if let Outcome::Promoted { user_id } | Outcome::NeedsPassword { user_id, .. } = &outcome {
        sessions::end_all(&txn, *user_id).await?;
        audit::record(&txn, Event::AdminGranted, Some(*user_id), AUDIT_DETAIL, "", now).await?;
    }
    txn.commit().await?;
    Ok(outcome)
}

/// A real Argon2id hash of 256 random bits nobody ever sees: no password matches it, and
/// it looks like every other stored hash.
fn unusable_password_hash() -> String {
    password::hash(&sessions::random_token())
}
