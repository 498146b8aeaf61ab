//! Who the header shows as signed in.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderAccount {
    /// The person's display name ("a Bayline member" until set).
    pub name: String,
    pub is_admin: bool,
    /// Unread notifications.
    pub unread: u64,
}

/// The signed-in person, if any (no database work without a session cookie).
#[server(endpoint = "signed_in_as")]
pub async fn signed_in_as() -> Result<Option<HeaderAccount>, AppError> {
    let Some(user_id) = crate::ssr::current_user_id().await? else { return Ok(None) };
    let db = crate::ssr::db()?;
    let Some(user) = service::accounts::users::find(&db, user_id).await? else { return Ok(None) };
    let unread = service::notifications::list::unread(&db, user_id).await?;
    let name = service::accounts::names::shown(&user);
    Ok(Some(HeaderAccount { name, is_admin: user.is_admin, unread }))
}
