//! Server functions of notifications: the signed-in person's own list and email choices.
//! Opening a notification, marking all read and changing the choices are forms
//! (server/src/forms/notifications.rs).
use domain::notifications::{EmailChoices, NoticePage};
use leptos::prelude::*;

use crate::error::AppError;

/// The signed-in person's notifications, newest first (those before `before`, when given).
#[server(endpoint = "my_notifications")]
pub async fn my_notifications(before: Option<String>) -> Result<NoticePage, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let before = super::ids::cursor(before);
    Ok(service::notifications::list::page(&db, actor, before).await?)
}

/// Which topics the signed-in person gets by email.
#[server(endpoint = "my_email_choices")]
pub async fn my_email_choices() -> Result<EmailChoices, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    Ok(service::notifications::prefs::choices(&db, actor).await?)
}
