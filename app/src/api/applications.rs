//! Server functions of applications' conversations. They only read: messages, statuses and
//! blocks go through the form handlers in server/src/forms/applications.rs. Authorization is
//! decided by the service layer.
use domain::openings::ConversationView;
use leptos::prelude::*;

use crate::error::AppError;

/// `/applications/{id}`: the conversation between a shop and a student about one
/// application, for that student and the shop's members only.
#[server(endpoint = "application_page")]
pub async fn application_page(id: String) -> Result<ConversationView, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    let page = service::openings::conversation::page(&db, actor, id).await?;
    // Opening the conversation reads what told the viewer about it.
    if let Some(actor) = actor {
        service::notifications::list::seen(&db, actor, &format!("/applications/{id}"), chrono::Utc::now())
            .await?;
    }
    Ok(page)
}
