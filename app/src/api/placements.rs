//! Server functions of placements. They only read: every change is a form
//! (server/src/forms/placements.rs). The service decides who may.
use domain::placements::{ConsentTerms, PlacementOfApplication, PlacementView};
use leptos::prelude::*;

use crate::error::AppError;

/// `/placements/{id}`: for its student, the shop's and the program's members, and admins.
#[server(endpoint = "placement_page")]
pub async fn placement_page(id: String) -> Result<PlacementView, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    let now = chrono::Utc::now();
    let page = service::placements::read::page(&db, actor, id).await?;
    if let Some(actor) = actor {
        service::notifications::list::seen(&db, actor, &format!("/placements/{id}"), now).await?;
    }
    Ok(page)
}

/// `/applications/{id}`: the placement made from the application, or the shop's form to
/// make one once it is hired.
#[server(endpoint = "application_placement")]
pub async fn application_placement(id: String) -> Result<PlacementOfApplication, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    Ok(service::placements::create::for_application(&db, actor, id).await?)
}

/// `/guardian-consent?token=…`: the terms a guardian's link shows, or `None` when the link
/// is not valid (used, replaced or expired). Anyone holding the link may read them.
#[server(endpoint = "placement_consent_terms")]
pub async fn placement_consent_terms(token: Option<String>) -> Result<Option<ConsentTerms>, AppError> {
    use service::error::ServiceError;
    let db = crate::ssr::db()?;
    let token = token.unwrap_or_default();
    match service::placements::consent::terms(&db, &token, chrono::Utc::now()).await {
        Ok(terms) => Ok(Some(terms)),
        Err(ServiceError::Conflict(_)) => Ok(None),
        Err(other) => Err(other.into()),
    }
}
