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
}

/// The signed-in person's account, or `None` (the page then sends them to sign in).
#[server(endpoint = "my_account")]
pub async fn my_account() -> Result<Option<AccountView>, AppError> {
    let Some(user_id) = crate::ssr::current_user_id().await? else { return Ok(None) };
    let state = crate::ssr::state()?;
    Ok(service::accounts::users::find(&state.db, user_id).await?.map(|u| AccountView {
        email: u.email,
        verified: u.email_verified_at.is_some(),
        display_name: u.display_name,
    }))
}

/// Whether a password-reset link can still be used, so its page can say so before the
/// person types a new password. Reads only: the link is used by the form's POST.
#[server(endpoint = "reset_link_valid")]
pub async fn reset_link_valid(token: String) -> Result<bool, AppError> {
    let state = crate::ssr::state()?;
    Ok(service::accounts::recovery::reset_link_is_valid(&state.db, &token, chrono::Utc::now()).await?)
}
