//! Server functions of a placement's records and of an organisation's placements. They
//! only read: every change is a form (server/src/forms/placement_records.rs). The service
//! decides who may.
use domain::placement_records::{EvaluationsView, HoursView, OrgPlacementsView};
use leptos::prelude::*;

use crate::error::AppError;

/// `/placements/{id}/hours`: the parties and admins.
#[server(endpoint = "placement_hours")]
pub async fn placement_hours(id: String) -> Result<HoursView, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    Ok(service::placements::hours_read::page(&db, actor, id, chrono::Utc::now()).await?)
}

/// `/placements/{id}/evaluations`: the parties and admins.
#[server(endpoint = "placement_evaluations")]
pub async fn placement_evaluations(id: String) -> Result<EvaluationsView, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    Ok(service::placements::evaluations::page(&db, actor, id, chrono::Utc::now()).await?)
}

/// `/orgs/{id}/placements`: the organisation's members and admins.
#[server(endpoint = "org_placements")]
pub async fn org_placements(id: String) -> Result<OrgPlacementsView, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    Ok(service::placements::lists::of_org(&db, actor, id, chrono::Utc::now()).await?)
}
