//! Server functions of placements. They only read: every change is a form
//! (server/src/forms/placements.rs). The service decides who may.
use domain::placements::{ConsentTerms, JoinLink, OfferPlacements, PlacementOfApplication, PlacementView};
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

/// How long the join cookie keeps a link while its holder signs in or creates an account.
#[cfg(feature = "ssr")]
pub const JOIN_COOKIE_SECS: i64 = 24 * 60 * 60;

/// `/placements/join?token=…`: what a student's join link opens to. The token comes from
/// the address or, after signing in, from the cookie the first visit left (so the link
/// never rides in the sign-in page's address). Anyone holding a link may ask.
#[server(endpoint = "placement_join_link")]
pub async fn placement_join_link(token: Option<String>) -> Result<JoinLink, AppError> {
    let state = crate::ssr::state()?;
    let actor = crate::ssr::current_actor().await?;
    let cookie = state.session_cookie.join();
    let given = token.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    let token = given
        .clone()
        .or_else(|| use_context::<http::request::Parts>().and_then(|parts| cookie.read(&parts.headers)));
    let link = service::placements::join::link(
        &state.db,
        actor,
        token.as_deref().unwrap_or_default(),
        chrono::Utc::now(),
    )
    .await?;
    // A live link is a token Bayline made (letters and digits only), safe in a header.
    if let (Some(token), false) = (given, link == JoinLink::Dead)
        && let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(value) = http::HeaderValue::from_str(&cookie.set(&token, JOIN_COOKIE_SECS))
    {
        response.append_header(http::header::SET_COOKIE, value);
    }
    Ok(link)
}

/// `/partnerships/{id}`: its accepted internship and apprenticeship offers, the placements
/// made from each and, for a verified shop's members, the form's mentors. Its two sides only.
#[server(endpoint = "partnership_placements")]
pub async fn partnership_placements(id: String) -> Result<Vec<OfferPlacements>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    Ok(service::placements::offers::for_partnership(&db, actor, id).await?)
}
