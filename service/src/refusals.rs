//! Refused forms held between the POST and the form page (`domain::refusal`): nothing the
//! person typed goes into a URL, where it would stay in browser history and proxy logs.
//!
//! `keep` stores the refusal under a random token (its SHA-256 only) for ten minutes and
//! returns the token for a cookie; `take` gives it back once, on the page it belongs to, and
//! deletes it. Every app server reads the same table, so the redirect may land on any of them.
use chrono::{DateTime, Duration, Utc};
use domain::refusal::FormRefusal;
use entity::form_refusal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter,
};

use crate::accounts::sessions::{digest, random_token};

/// How long a refusal waits for its page: the redirect follows at once, so this only bounds
/// what a browser that never follows it leaves behind.
pub const LIFETIME: Duration = Duration::minutes(10);

/// Stores `refusal` for `page` (a path, without its query) and returns the cookie's token.
pub async fn keep(
    db: &impl ConnectionTrait,
    page: &str,
    refusal: &FormRefusal,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    // Expired refusals of anyone go on sight; nobody will read them.
    form_refusal::Entity::delete_many().filter(form_refusal::Column::ExpiresAt.lte(now)).exec(db).await?;
    let token = random_token();
    let body = serde_json::to_string(refusal).map_err(|e| DbErr::Custom(e.to_string()))?;
    form_refusal::Model { id_hash: digest(&token), page: page.to_string(), body, expires_at: now + LIFETIME }
        .into_active_model()
        .insert(db)
        .await?;
    Ok(token)
}

/// The refusal behind `token` if it belongs to `page` and has not expired; it is deleted
/// either way once its page asks, so it shows once (a reload shows the form afresh).
pub async fn take(
    db: &impl ConnectionTrait,
    token: &str,
    page: &str,
    now: DateTime<Utc>,
) -> Result<Option<FormRefusal>, DbErr> {
    let id = digest(token);
    let Some(row) = form_refusal::Entity::find_by_id(id.clone()).one(db).await? else { return Ok(None) };
    if row.page != page {
        // Another page (a link followed before the form was shown): leave it for its own.
        return Ok(None);
    }
    form_refusal::Entity::delete_by_id(id).exec(db).await?;
    if row.expires_at <= now {
        return Ok(None);
    }
    Ok(serde_json::from_str(&row.body).ok())
}
