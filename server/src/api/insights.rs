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
use domain::{
    divisions::Division,
    insights::{Certification, ExperienceBand, LaborKind, Role, ShopGroup},
    insights_table::FigureRow,
    sources::{EXCHANGE, OEWS, Source},
    states::STATES,
};
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
    /// The datasets the figures come from.
    pub sources: Vec<Source>,
}

/// A USPS state or territory code, as the OpenAPI document lists them.
pub struct StateCode;

impl utoipa::PartialSchema for StateCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(STATES.iter().map(|(code, _)| *code)))
            .into()
    }
}

impl utoipa::ToSchema for StateCode {}

/// The figures for a role and place, each shown or hidden with the reason.
#[utoipa::path(
    get,
    path = "/api/v1/insights/figures",
    params(
        ("role" = Option<Role>, Query, description = "The role (default general_service)"),
        ("division" = Option<Division>, Query, description = "A Census division; absent for national figures (a state or ZIP code, if given, must lie in it)"),
        ("state" = Option<StateCode>, Query, description = "USPS state or territory code; absent for national or division figures"),
        ("zip" = Option<String>, Query, description = "A ZIP code whose state and three-digit area to use (the area for contributing shops only); with `state`, it must lie in it", pattern = r"^[0-9]{5}$"),
        ("group" = Option<ShopGroup>, Query, description = "Shop type (contributing shops only)"),
        ("experience" = Option<ExperienceBand>, Query, description = "Experience band (contributing shops only)"),
        ("certification" = Option<Certification>, Query, description = "ASE certification (contributing shops only)"),
        ("labor" = Option<LaborKind>, Query, description = "The by-state labor rate (default mechanical)"),
    ),
    responses(
        (status = 200, body = FiguresResponse),
        (status = 400, description = "A parameter is not one of its values; `error.param` names it", body = super::error::ApiErrorBody),
        (status = 404, description = "A ZIP code no dataset places (unknown, or military), or a place outside the `division` or `state` given: there are no figures for it", body = super::error::ApiErrorBody),
    )
)]
pub async fn figures(
    State(state): State<AppState>,
    caller: Caller,
    RawQuery(query): RawQuery,
) -> Result<Json<FiguresResponse>, ApiError> {
    let pairs = super::error::query_pairs(query.as_deref())?;
    let params =
        InsightsParams::from_lookup(|name| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()));
    let query = params.to_query()?;
    let (actor, now) = (caller.ctx.actor, caller.ctx.now);
    let figures = match for_viewer(&state.db, &state.insights, actor, &query.filter, query.labor, now).await {
        Ok(figures) => figures,
        // A well-formed ZIP code that names no place here, or places that do not nest (a ZIP
        // code outside the state, a state outside the division): there are no figures for
        // them, as for a UNITID no program has.
        Err(ServiceError::Invalid { field: field @ ("zip" | "division"), message }) => {
            return Err(ApiError::not_found(field, message));
        }
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
        sources: vec![OEWS, EXCHANGE],
    }))
}
