//! Server functions of saved searches: the signed-in person's list, whether a visitor may
//! save (signed in, and how many they keep), and whether an unsubscribe link still works.
//! Saving, editing, pausing, deleting and unsubscribing are forms
//! (server/src/forms/alerts.rs).
use domain::alerts::SavedSearchView;
use leptos::prelude::*;

use crate::{alerts_model::SaveState, error::AppError};

/// The signed-in person's saved searches, oldest first.
#[server(endpoint = "my_saved_searches")]
pub async fn my_saved_searches() -> Result<Vec<SavedSearchView>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    Ok(service::alerts::manage::list(&db, actor).await?)
}

/// For the "Save this search" form on the list page at `url`: `None` for a visitor who is
/// not signed in, else how many searches they keep and whether this one is among them.
#[server(endpoint = "save_search_state")]
pub async fn save_search_state(url: String) -> Result<Option<SaveState>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    if actor.is_none() {
        return Ok(None);
    }
    let db = crate::ssr::db()?;
    // A page the parser refuses offers no form; nothing of it is saved.
    let search = crate::alerts_model::search_from_url(&url).ok();
    let (count, saved_as) = service::alerts::manage::saved_as(&db, actor, search.as_ref()).await?;
    Ok(Some(SaveState { count, saved_as }))
}

/// Whether an alert mail's unsubscribe link (its token) still works.
#[server(endpoint = "unsubscribe_link_works")]
pub async fn unsubscribe_link_works(token: String) -> Result<bool, AppError> {
    let state = crate::ssr::state()?;
    Ok(service::alerts::unsubscribe::is_valid(&state.db, &token, chrono::Utc::now()).await?)
}
