//! School claims: the admins' queue (pending claims grouped by school), a school's requests
//! for its owners, and a person's own claims. Decisions go through the form handlers in
//! server/src/forms/claims.rs; the service decides who may see what.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// One claim: who, since when they have an account, and how their address matches the
/// school's IPEDS web host (exact, subdomain, shared, none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimRow {
    pub id: i64,
    /// The claimant's name, and their e-mail address's domain (never the whole address).
    pub name: String,
    pub email_domain: String,
    /// ISO dates.
    pub account_since: String,
    pub claimed_on: String,
    pub host_match: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolClaimsView {
    pub unitid: i32,
    pub name: String,
    pub city: String,
    pub state: String,
    pub web_host: String,
    pub claims: Vec<ClaimRow>,
}

/// A person's own claim: the school and who decides it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyClaim {
    pub school: String,
    pub state: String,
}

#[cfg(feature = "ssr")]
fn row(c: service::orgs::claims::ClaimView) -> ClaimRow {
    ClaimRow {
        id: c.id,
        name: c.name,
        email_domain: c.email_domain,
        account_since: c.account_since.date_naive().to_string(),
        claimed_on: c.claimed_at.date_naive().to_string(),
        host_match: c.host_match,
    }
}

/// `/admin`: pending school claims, grouped by school. Admins only.
#[server(endpoint = "claims_queue")]
pub async fn claims_queue() -> Result<Vec<SchoolClaimsView>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    Ok(service::orgs::claims::queue(&db, actor)
        .await?
        .into_iter()
        .map(|g| SchoolClaimsView {
            unitid: g.unitid,
            name: g.name,
            city: g.city,
            state: g.state,
            web_host: g.web_host,
            claims: g.claims.into_iter().map(row).collect(),
        })
        .collect())
}

/// `/orgs/{id}`: the claims waiting for the school's owners. Owners only.
#[server(endpoint = "join_requests")]
pub async fn join_requests(id: String) -> Result<Vec<ClaimRow>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    Ok(service::orgs::claims::requests(&db, actor, id).await?.into_iter().map(row).collect())
}

/// `/account`: the signed-in person's open (and refused) school claims.
#[server(endpoint = "my_claims")]
pub async fn my_claims() -> Result<Vec<MyClaim>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    Ok(service::orgs::claims::mine(&db, actor)
        .await?
        .into_iter()
        .map(|(school, state)| MyClaim { school, state })
        .collect())
}
