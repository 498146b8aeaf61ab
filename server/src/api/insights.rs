//! `/api/v1/insights/figures`: the Industry Data Exchange figures of `/insights`, as JSON.
//! From the same service function as the page and its CSV, so all three carry the same
//! figures.
//! A same-site request with a session sees what its viewer may see on the page; any other
//! request (cross-site callers cannot send the cookie) sees the public figures.
use app::{insights_model::InsightsParams, ssr::AppState};
use axum::{
    Json,
    extract::{RawQuery, State},
};
use domain::insights_table::FigureRow;
use serde::Serialize;
use service::{error::ServiceError, insights::figures::for_viewer};

use super::ApiError;
use crate::forms::reply::Caller;

#[derive(Serialize, utoipa::ToSchema)]
pub struct FiguresResponse {
    /// Whose figures these are: `public`, `member` or `contributor` (give to get).
    pub access: String,
    /// The quarter the shops' figures describe, e.g. `2026-Q2`: the latest one that ended at
    /// least 3 months ago. Absent when no quarter is published yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quarter: Option<String>,
    /// Every figure, shown (with `value`) or hidden (with `note`); never a raw submission.
    pub figures: Vec<FigureRow>,
}

/// The figures for a role and place, each shown or hidden with the reason.
#[utoipa::path(
    get,
    path = "/api/v1/insights/figures",
    params(
        ("role" = Option<String>, Query, description = "lube_express | entry_level | general_service (default) | master_tech | diagnostic | diesel | collision | painter | service_advisor | shop_foreman"),
        ("division" = Option<String>, Query, description = "A Census division: new_england | middle_atlantic | east_north_central | west_north_central | south_atlantic | east_south_central | west_south_central | mountain | pacific; absent for national figures (a state, if given, must lie in it)"),
        ("state" = Option<String>, Query, description = "USPS state code; absent for national or division figures"),
        ("zip" = Option<String>, Query, description = "A ZIP code whose three-digit area to use (contributing shops only)"),
        ("group" = Option<String>, Query, description = "dealer | independent | fleet_diesel | collision (contributing shops only)"),
        ("experience" = Option<String>, Query, description = "0-2 | 3-5 | 6-10 | 11+ (contributing shops only)"),
        ("certification" = Option<String>, Query, description = "none | certified | master (contributing shops only)"),
        ("labor" = Option<String>, Query, description = "The by-state labor rate: mechanical (default) | diesel | body | paint"),
    ),
    responses(
        (status = 200, body = FiguresResponse),
        (status = 400, description = "A parameter is not one of its values, or an unknown ZIP code; `error.param` names it", body = super::error::ApiErrorBody),
    )
)]
pub async fn figures(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(query): RawQuery,
) -> Result<Json<FiguresResponse>, ApiError> {
    let pairs: Vec<(String, String)> = match query {
        None => Vec::new(),
        Some(q) => {
            serde_urlencoded::from_str(&q).map_err(|e| ApiError::bad_request("query", e.to_string()))?
        }
    };
    let params =
        InsightsParams::from_lookup(|name| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()));
    let query = params.to_query()?;
    let (actor, now) = (caller.ctx.actor, caller.ctx.now);
    let figures = match for_viewer(&state.db, &state.insights, actor, &query.filter, query.labor, now).await {
        Ok(figures) => figures,
        Err(ServiceError::Invalid { field, message }) => {
            return Err(domain::params::ParamError { param: field.into(), message }.into());
        }
        Err(error) => {
            tracing::error!(%error, "could not build insights figures");
            return Err(ApiError::internal());
        }
    };
    let view = figures.view;
    Ok(Json(FiguresResponse {
        access: view.access.slug().into(),
        quarter: view.quarter.map(|q| q.to_string()),
        figures: figures.rows,
    }))
}
