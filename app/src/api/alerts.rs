//! Server functions of saved searches: the signed-in person's list, whether a visitor may
//! save (signed in, and how many they keep), and whether an unsubscribe link still works.
//! Saving, editing, pausing, deleting and unsubscribing are forms
//! (server/src/forms/alerts.rs).
use domain::alerts::SavedSearchView;
use leptos::prelude::*;

use crate::error::AppError;

/// The signed-in person's saved searches, oldest first.
#[server(endpoint = "my_saved_searches")]
pub async fn my_saved_searches() -> Result<Vec<SavedSearchView>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    Ok(service::alerts::manage::list(&db, actor).await?)
}

/// For the "Save this search" form on a list page: `None` for a visitor who is not signed
/// in, else how many searches they keep.
#[server(endpoint = "saved_search_count")]
pub async fn saved_search_count() -> Result<Option<usize>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    if actor.is_none() {
        return Ok(None);
    }
    let db = crate::ssr::db()?;
    Ok(Some(service::alerts::manage::list(&db, actor).await?.len()))
}

/// Whether an alert mail's unsubscribe link (its token) still works.
#[server(endpoint = "unsubscribe_link_works")]
pub async fn unsubscribe_link_works(token: String) -> Result<bool, AppError> {
    let state = crate::ssr::state()?;
    Ok(service::alerts::unsubscribe::is_valid(&state.db, &token, chrono::Utc::now()).await?)
}
