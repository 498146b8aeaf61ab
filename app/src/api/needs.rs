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
    use crate::needs_model::{NEEDS_PER_PAGE, NeedFinder};

    let tiles = Some(crate::ssr::state()?.tiles.clone());
    let search = match super::finder::locate(&params).await? {
        Ok(search) => search,
        Err(page) => return Ok(NeedSearchPage { tiles, ..page }),
    };
    let (offset, limit) = search.window(NEEDS_PER_PAGE);
    let window = service::needs::read::Window { offset, limit };
    let db = crate::ssr::db()?;
    let radius = f64::from(search.query.radius_mi);
    let found = service::needs::read::near(&db, search.location, radius, search.query.kind, window).await?;
    Ok(NeedSearchPage { tiles, ..search.page::<NeedFinder, _>(found.total, found.needs) })
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
