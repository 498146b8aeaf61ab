//! A second factor: an authenticator app (TOTP) with ten single-use recovery codes. Optional
//! for everyone; required for admins, whose admin rights count only once it is on (see
//! `authz::actor`). Turning it on ends every other session, so each session that remains has
//! shown the factor.
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Utc};
use entity::{app_user, recovery_code, second_factor};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, Set, sea_query::Expr,
};
use serde::{Deserialize, Serialize};

use super::{
    audit::{self, Event},
    sessions, totp,
};
use crate::{
    authz::{self, Actor},
    error::ServiceError,
};

pub const RECOVERY_CODES: usize = 10;
/// Letters and digits that cannot be mistaken for one another when copied by hand.
const CODE_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const CODE_LENGTH: usize = 10;

/// What the second-factor page shows a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    pub on: bool,
    /// Admins must keep it on.
    pub required: bool,
    /// A secret waiting for its first code (set-up begun, not finished).
    pub pending: Option<PendingSetup>,
    pub recovery_codes_left: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSetup {
    pub secret: String,
    pub uri: String,
}

fn wrong_code() -> ServiceError {
    ServiceError::invalid("code", "that code is not right: type the six digits your app shows now")
}

/// Whether the person's account is an admin's (whatever their factor).
async fn is_admin_account(db: &impl ConnectionTrait, user_id: i64) -> Result<bool, ServiceError> {
    Ok(app_user::Entity::find_by_id(user_id).one(db).await?.is_some_and(|u| u.is_admin))
}

pub async fn is_on(db: &impl ConnectionTrait, user_id: i64) -> Result<bool, sea_orm::DbErr> {
    Ok(second_factor::Entity::find_by_id(user_id).one(db).await?.is_some_and(|f| f.confirmed_at.is_some()))
}

pub async fn status(db: &impl ConnectionTrait, actor: Option<Actor>) -> Result<Status, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let user = app_user::Entity::find_by_id(actor.user_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let factor = second_factor::Entity::find_by_id(actor.user_id).one(db).await?;
    let on = factor.as_ref().is_some_and(|f| f.confirmed_at.is_some());
    let pending = factor
        .filter(|f| f.confirmed_at.is_none())
        .map(|f| PendingSetup { uri: totp::otpauth_uri(&f.secret, &user.email), secret: f.secret });
    let left = if on { unused_codes(db, actor.user_id).await?.len() } else { 0 };
    Ok(Status { on, required: user.is_admin, pending, recovery_codes_left: left })
}

/// Begins set-up: a new secret for the app (replacing one never confirmed).
pub async fn begin(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::signed_in(actor)?;
    if is_on(db, actor.user_id).await? {
        return Err(ServiceError::Conflict("your second factor is already on".into()));
    }
    second_factor::Entity::delete_by_id(actor.user_id).exec(db).await?;
    second_factor::Model {
        user_id: actor.user_id,
        secret: totp::new_secret(),
        created_at: now,
        confirmed_at: None,
        last_step: 0,
        reveal: None,
    }
    .into_active_model()
    .insert(db)
    .await?;
    Ok(())
}

/// Finishes set-up with a code from the app: the factor is on, ten recovery codes are made
/// (shown once), and every session but `keep` ends.
pub async fn confirm(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    code: &str,
    keep: Option<&str>,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::signed_in(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let factor = second_factor::Entity::find_by_id(actor.user_id).one(&txn).await?;
    let Some(factor) = factor.filter(|f| f.confirmed_at.is_none()) else {
        return Err(ServiceError::Conflict(
            "begin the set-up first: there is no new secret to confirm".into(),
        ));
    };
    let step = totp::matching_step(&factor.secret, code, now, factor.last_step).ok_or_else(wrong_code)?;
    let codes = replace_codes(&txn, actor.user_id).await?;
    let mut active = factor.into_active_model();
    active.confirmed_at = Set(Some(now));
    active.last_step = Set(step);
    active.reveal = Set(Some(codes.join(" ")));
    active.update(&txn).await?;
    sessions::end_all_but(&txn, actor.user_id, keep).await?;
    audit::record(&txn, Event::SecondFactorOn, Some(actor.user_id), "", client_ip, now).await?;
    txn.commit().await?;
    Ok(())
}

/// The recovery codes made last, once: the first read clears them.
pub async fn take_new_codes(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<String>, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let Some(factor) = second_factor::Entity::find_by_id(actor.user_id).one(db).await? else {
        return Ok(Vec::new());
    };
    let Some(reveal) = factor.reveal.clone() else { return Ok(Vec::new()) };
    // Cleared only if still the same codes, so two readers cannot both see them.
    let cleared = second_factor::Entity::update_many()
        .col_expr(second_factor::Column::Reveal, Expr::value(Option::<String>::None))
        .filter(second_factor::Column::UserId.eq(actor.user_id))
        .filter(second_factor::Column::Reveal.eq(reveal.clone()))
        .exec(db)
        .await?;
    if cleared.rows_affected == 0 {
        return Ok(Vec::new());
    }
    Ok(reveal.split(' ').map(str::to_string).collect())
}

/// Ten new recovery codes (the old ones stop working), for a person who shows a code.
pub async fn new_recovery_codes(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    code: &str,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::signed_in(actor)?;
    let txn = proven(db, actor.user_id, code, client_ip, now).await?;
    let codes = replace_codes(&txn, actor.user_id).await?;
    second_factor::Entity::update_many()
        .col_expr(second_factor::Column::Reveal, Expr::value(codes.join(" ")))
        .filter(second_factor::Column::UserId.eq(actor.user_id))
        .exec(&txn)
        .await?;
    audit::record(&txn, Event::RecoveryCodesMade, Some(actor.user_id), "", client_ip, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Turns the factor off, for a person who shows a code; admins must keep theirs.
pub async fn turn_off(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    code: &str,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::signed_in(actor)?;
    if is_admin_account(db, actor.user_id).await? {
        return Err(ServiceError::Conflict("admins must keep a second factor".into()));
    }
    let txn = proven(db, actor.user_id, code, client_ip, now).await?;
    second_factor::Entity::delete_by_id(actor.user_id).exec(&txn).await?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(actor.user_id))
        .exec(&txn)
        .await?;
    audit::record(&txn, Event::SecondFactorOff, Some(actor.user_id), "", client_ip, now).await?;
    txn.commit().await?;
    Ok(())
}

/// A write transaction for a change that needs a current code (or a recovery code): refused
/// unless the factor is on and `code` is right.
async fn proven(
    db: &DatabaseConnection,
    user_id: i64,
    code: &str,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<sea_orm::DatabaseTransaction, ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    if !is_on(&txn, user_id).await? {
        return Err(ServiceError::Conflict("turn your second factor on first".into()));
    }
    if !check(&txn, user_id, code, client_ip, now).await? {
        return Err(wrong_code());
    }
    Ok(txn)
}

/// Whether `typed` is the person's current app code or one of their unused recovery codes;
/// either is used up by a right answer (the step or the code is recorded in one conditional
/// update, so two servers given the same code accept it once).
pub async fn check(
    db: &impl ConnectionTrait,
    user_id: i64,
    typed: &str,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let Some(factor) = second_factor::Entity::find_by_id(user_id).one(db).await? else { return Ok(false) };
    if factor.confirmed_at.is_none() {
        return Ok(false);
    }
    if let Some(step) = totp::matching_step(&factor.secret, typed, now, factor.last_step) {
        let claimed = second_factor::Entity::update_many()
            .col_expr(second_factor::Column::LastStep, Expr::value(step))
            .filter(second_factor::Column::UserId.eq(user_id))
            .filter(second_factor::Column::LastStep.lt(step))
            .exec(db)
            .await?;
        return Ok(claimed.rows_affected == 1);
    }
    let typed = normalise_recovery_code(typed);
    let hash = sessions::digest(&typed);
    let used = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::CodeHash.eq(hash))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if used.rows_affected == 1 {
        audit::record(db, Event::RecoveryCodeUsed, Some(user_id), "", client_ip, now).await?;
        return Ok(true);
    }
    audit::record(db, Event::SecondFactorFailed, Some(user_id), "", client_ip, now).await?;
    Ok(false)
}

/// Recovery codes are shown as `abcde-fghjk`; typed with or without the dash, any case.
fn normalise_recovery_code(typed: &str) -> String {
    typed.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

async fn unused_codes(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Vec<recovery_code::Model>, ServiceError> {
    Ok(recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .all(db)
        .await?)
}

/// Replaces a person's recovery codes with ten new ones, returned for showing once.
async fn replace_codes(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<String>, ServiceError> {
    recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(user_id)).exec(db).await?;
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
    for code in &codes {
        recovery_code::ActiveModel {
            user_id: Set(user_id),
            code_hash: Set(sessions::digest(&normalise_recovery_code(code))),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(codes)
}

/// Ten letters from a 31-letter alphabet (49 bits), shown in two groups of five.
fn new_recovery_code() -> String {
    let mut bytes = [0u8; CODE_LENGTH];
    OsRng.fill_bytes(&mut bytes);
    // 256 is not a multiple of 31: draw again rather than favour the first letters.
    let letters: Vec<u8> = bytes
        .iter()
        .map(|b| {
            let mut b = *b;
            while usize::from(b) >= 248 {
                let mut one = [0u8; 1];
                OsRng.fill_bytes(&mut one);
                b = one[0];
            }
            CODE_ALPHABET[usize::from(b) % CODE_ALPHABET.len()]
        })
        .collect();
    format!("{}-{}", std::str::from_utf8(&letters[..5]).unwrap(), std::str::from_utf8(&letters[5..]).unwrap())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_are_ten_unambiguous_letters_typed_any_way() {
        let code = new_recovery_code();
        assert_eq!(code.len(), 11);
        assert_eq!(&code[5..6], "-");
        assert!(code.bytes().filter(|b| *b != b'-').all(|b| CODE_ALPHABET.contains(&b)));
        assert_eq!(normalise_recovery_code(&code.to_uppercase().replace('-', " ")), code.replace('-', ""));
        assert_ne!(new_recovery_code(), code);
    }
}
