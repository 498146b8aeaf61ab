//! Server functions of the needs pages. They only read: posting and status changes go
//! through the form handlers in server/src/forms/needs.rs. Authorization is decided by the
//! service layer.
use domain::needs::NeedView;
use leptos::prelude::*;

use crate::{
    error::AppError,
    needs_model::{NeedPageData, NeedSearchPage, NeedSearchParams, ShopNeedsView},
};

/// `/needs`: open needs near a ZIP code, nearest first, a page at a time.
#[server(endpoint = "search_needs")]
pub async fn search_needs(params: NeedSearchParams) -> Result<NeedSearchPage, AppError> {
    use crate::needs_model::{DEFAULT_NEED_RADIUS_MI, NEEDS_PER_PAGE};
    use domain::programs::ParamError;

    let db = crate::ssr::db()?;
    let tiles = crate::ssr::state()?.tiles.clone();
    let empty = |problem: Option<ParamError>| NeedSearchPage {
        problem,
        origin: None,
        radius_mi: DEFAULT_NEED_RADIUS_MI,
        center: None,
        total: 0,
        page: 1,
        results: Vec::new(),
        tiles: tiles.clone(),
    };
    let query = match params.to_query() {
        Ok(Some(query)) => query,
        Ok(None) => return Ok(empty(None)),
        Err(problem) => return Ok(empty(Some(problem))),
    };
    let Some(place) = service::programs::zip_place(&db, &query.zip).await? else {
        let message = format!("we do not know the ZIP code {}; check it and try again", query.zip);
        return Ok(empty(Some(ParamError { param: "zip".into(), message })));
    };
    let origin = if place.city.is_empty() {
        format!("ZIP {}", place.zip)
    } else {
        format!("ZIP {} ({}, {})", place.zip, place.city, place.state)
    };
    let window =
        service::needs::read::Window { offset: (query.page - 1) * NEEDS_PER_PAGE, limit: NEEDS_PER_PAGE };
    let found =
        service::needs::read::near(&db, place.location, f64::from(query.radius_mi), query.kind, window)
            .await?;
    let (total, results) = (found.total, found.needs);
    Ok(NeedSearchPage {
        problem: None,
        origin: Some(origin),
        radius_mi: query.radius_mi,
        center: Some((place.location.lat, place.location.lon)),
        total,
        page: query.page,
        results,
        tiles,
    })
}

/// `/needs/{id}`: one need, for everyone allowed to see it.
#[server(endpoint = "need_page")]
pub async fn need_page(id: String) -> Result<NeedPageData, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    let need = service::needs::read::one(&db, actor, id).await?;
    let is_member = match actor {
        Some(actor) => service::authz::role_in(&db, actor, need.organisation_id).await?.is_some(),
        None => false,
    };
    Ok(NeedPageData { need, is_member })
}

/// An organisation's needs as its page lists them (all of them for its members).
#[server(endpoint = "organisation_needs")]
pub async fn organisation_needs(id: String) -> Result<Vec<NeedView>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    Ok(service::needs::read::for_organisation(&db, actor, id).await?)
}

/// The open needs of the verified organisation that claimed an IPEDS program.
#[server(endpoint = "program_needs")]
pub async fn program_needs(unitid: String) -> Result<Vec<NeedView>, AppError> {
    let db = crate::ssr::db()?;
    let Ok(unitid) = super::ids::unitid(&unitid) else { return Ok(Vec::new()) };
    match service::orgs::public::claimed_program(&db, unitid).await? {
        Some(org) => Ok(service::needs::read::for_organisation(&db, None, org.id).await?),
        None => Ok(Vec::new()),
    }
}

/// "Needs near you": for each shop the signed-in person belongs to, the open needs nearby.
#[server(endpoint = "needs_near_my_shops")]
pub async fn needs_near_my_shops() -> Result<Vec<ShopNeedsView>, AppError> {
    use crate::needs_model::{NEAR_SHOP_MI, NEAR_SHOP_SHOWN};

    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let shops =
        service::needs::read::near_my_shops(&db, actor, f64::from(NEAR_SHOP_MI), NEAR_SHOP_SHOWN).await?;
    Ok(shops
        .into_iter()
        .map(|s| ShopNeedsView {
            shop_id: s.shop_id,
            shop_name: s.shop_name,
            zip: s.zip,
            total: s.nearby.total,
            needs: s.nearby.needs,
        })
        .collect())
}
