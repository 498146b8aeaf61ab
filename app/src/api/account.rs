//! Server functions of the account pages (changes happen in plain form handlers, see
//! server/src/forms/session.rs, so that they work without JavaScript and set cookies directly).
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What the account page shows about the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub email: String,
    pub verified: bool,
    /// The name others see; empty until set.
    pub display_name: String,
    /// The IANA zone the person chose; empty for automatic.
    pub time_zone: String,
    /// The zone times show in now (the choice, or what automatic found).
    pub time_zone_in_use: String,
}

/// The signed-in person's account, or `None` (the page then sends them to sign in).
#[server(endpoint = "my_account")]
pub async fn my_account() -> Result<Option<AccountView>, AppError> {
    let Some(user_id) = crate::ssr::current_user_id().await? else { return Ok(None) };
    let state = crate::ssr::state()?;
    let Some(user) = service::accounts::users::find(&state.db, user_id).await? else { return Ok(None) };
    let reader = service::authz::Actor { user_id, is_admin: user.is_admin };
    let in_use = service::accounts::zone::of(&state.db, Some(reader)).await?;
    Ok(Some(AccountView {
        email: user.email,
        verified: user.email_verified_at.is_some(),
        display_name: user.display_name,
        time_zone: user.time_zone,
        time_zone_in_use: service::accounts::zone::describe(in_use),
    }))
}

/// Whether a password-reset link can still be used, so its page can say so before the
/// person types a new password. Reads only: the link is used by the form's POST.
#[server(endpoint = "reset_link_valid")]
pub async fn reset_link_valid(token: String) -> Result<bool, AppError> {
    let state = crate::ssr::state()?;
    Ok(service::accounts::recovery::reset_link_is_valid(&state.db, &token, chrono::Utc::now()).await?)
}
