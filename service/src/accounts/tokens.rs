//! Single-use link tokens (email verification; later password reset, email change,
//! invitations). Stored as SHA-256 digests; redeeming is one conditional UPDATE, so two
//! clicks racing on the same link cannot both succeed.
use chrono::{DateTime, Duration, Utc};
use entity::one_time_token;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, sea_query::Expr,
};

use super::sessions::{digest, random_token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    /// A forgotten password (valid an hour; also how `bayline admin create` hands over a
    /// new admin account).
    ResetPassword,
    /// Confirms a new email address; the payload is that address.
    ChangeEmail,
    /// Stops alert mails (the one-click `List-Unsubscribe` of RFC 8058). Not used up when
    /// followed: a second click, or a mail client's retry, answers the same.
    AlertsUnsubscribe,
    /// A guardian's consent to a minor's placement (14 days); the payload is the
    /// placement's id and the user is the student who asked.
    PlacementConsent,
    /// A student's link to join a placement a shop made from an accepted offer (14 days);
    /// the payload is the placement's id and the user is the shop's member who sent it.
    PlacementJoin,
}

impl Purpose {
    fn name(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
            Self::ChangeEmail => "change_email",
            Self::AlertsUnsubscribe => "alerts_unsubscribe",
            Self::PlacementConsent => "placement_consent",
            Self::PlacementJoin => "placement_join",
        }
    }
}

/// Creates a token valid for `ttl`; the returned string goes into the emailed link only.
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: i64,
    purpose: Purpose,
    ttl: Duration,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    issue_with_payload(db, user_id, purpose, "", ttl, now).await
}

/// Like [`issue`], carrying purpose-specific data (e.g. the new address of an email change).
pub async fn issue_with_payload(
    db: &impl ConnectionTrait,
    user_id: i64,
    purpose: Purpose,
    payload: &str,
    ttl: Duration,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let token = random_token();
    one_time_token::ActiveModel {
        token_hash: Set(digest(&token)),
        user_id: Set(user_id),
        purpose: Set(purpose.name().to_string()),
        payload: Set(payload.to_string()),
        expires_at: Set(now + ttl),
        used_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The user and payload of a token that could still be redeemed, without using it: lets a
/// form refuse bad input (a weak new password) while the link keeps working.
pub async fn peek(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<(i64, String)>, DbErr> {
    Ok(one_time_token::Entity::find_by_id(digest(token.trim()))
        .filter(one_time_token::Column::Purpose.eq(purpose.name()))
        .filter(one_time_token::Column::UsedAt.is_null())
        .filter(one_time_token::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
        .map(|t| (t.user_id, t.payload)))
}

/// Marks every unused token of this purpose for a user as used (a reset password makes the
/// other reset links of the same user worthless).
pub async fn revoke_all(
    db: &impl ConnectionTrait,
    user_id: i64,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    one_time_token::Entity::update_many()
        .col_expr(one_time_token::Column::UsedAt, Expr::value(now))
        .filter(one_time_token::Column::UserId.eq(user_id))
        .filter(one_time_token::Column::Purpose.eq(purpose.name()))
        .filter(one_time_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Marks every unused token of this purpose carrying `payload` as used (a new consent link
/// for a placement makes the earlier ones worthless).
pub async fn revoke_payload(
    db: &impl ConnectionTrait,
    purpose: Purpose,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    one_time_token::Entity::update_many()
        .col_expr(one_time_token::Column::UsedAt, Expr::value(now))
        .filter(one_time_token::Column::Purpose.eq(purpose.name()))
        .filter(one_time_token::Column::Payload.eq(payload))
        .filter(one_time_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Uses a token once: the user it was issued to, or `None` if it is unknown, of another
/// purpose, expired or already used.
pub async fn redeem(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbErr> {
    Ok(redeem_with_payload(db, token, purpose, now).await?.map(|(user_id, _)| user_id))
}

/// Like [`redeem`], also returning the token's payload.
pub async fn redeem_with_payload(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<(i64, String)>, DbErr> {
    let hash = digest(token.trim());
    let claimed = one_time_token::Entity::update_many()
        .col_expr(one_time_token::Column::UsedAt, Expr::value(now))
        .filter(one_time_token::Column::TokenHash.eq(hash.clone()))
        .filter(one_time_token::Column::Purpose.eq(purpose.name()))
        .filter(one_time_token::Column::UsedAt.is_null())
        .filter(one_time_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(None);
    }
    Ok(one_time_token::Entity::find_by_id(hash).one(db).await?.map(|t| (t.user_id, t.payload)))
}
