//! Server functions of offers and partnerships. They only read: offers, decisions,
//! proposals and messages go through the form handlers in server/src/forms/partnerships.rs.
//! Authorization is decided by the service layer.
use domain::partnerships::{OffersOnNeed, PartnershipSummary, PartnershipView, ShopChoice};
use leptos::prelude::*;

use crate::error::AppError;

#[cfg(feature = "ssr")]
fn choices(shops: Vec<(i64, String)>) -> Vec<ShopChoice> {
    shops.into_iter().map(|(id, name)| ShopChoice { id, name }).collect()
}

/// `/partnerships/{id}`: the thread (its newest messages, or those before message
/// `before`), the timeline and the viewer's actions, for members of the two organisations only.
#[server(endpoint = "partnership_page")]
pub async fn partnership_page(id: String, before: Option<String>) -> Result<PartnershipView, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let before = super::ids::cursor(before);
    let id = super::ids::record(&id)?;
    let page = service::partnerships::read::page(&db, actor, id, before).await?;
    // A party who opens the thread has read what told them about it.
    if let Some(actor) = actor {
        service::notifications::list::seen(&db, actor, &format!("/partnerships/{id}"), chrono::Utc::now())
            .await?;
    }
    Ok(page)
}

/// An organisation's partnerships, for its members.
#[server(endpoint = "organisation_partnerships")]
pub async fn organisation_partnerships(id: String) -> Result<Vec<PartnershipSummary>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    Ok(service::partnerships::read::for_organisation(&db, actor, super::ids::record(&id)?).await?)
}

/// The offers on a need the viewer may see, and the shops they could still offer from.
#[server(endpoint = "need_offers")]
pub async fn need_offers(id: String) -> Result<OffersOnNeed, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let (offers, can_offer) =
        service::partnerships::read::offers_for_need(&db, actor, super::ids::record(&id)?).await?;
    Ok(OffersOnNeed { offers, can_offer: choices(can_offer) })
}

/// The viewer's verified shops, to propose a partnership from (none when signed out).
#[server(endpoint = "proposal_shops")]
pub async fn proposal_shops() -> Result<Vec<ShopChoice>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    Ok(choices(service::partnerships::read::my_verified_shops(&db, actor).await?))
}
