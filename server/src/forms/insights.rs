//! `GET /insights.csv?…`: the figures of `/insights` for the same question and viewer, as
//! CSV — from the same service function as the page, so the file holds exactly the figures
//! on screen. Bad parameters go back to the page, which names the field.
use app::{insights_model::InsightsParams, ssr::AppState};
use axum::{
    extract::{Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use domain::insights_table::to_csv;
use service::{error::ServiceError, insights::figures::for_viewer};

use crate::forms::reply::Caller;

pub async fn csv(
    State(state): State<AppState>,
    caller: Caller,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    let params =
        InsightsParams::from_lookup(|name| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()));
    let page_url = format!("{}{}", InsightsParams::PATH, params.query_string());
    let Ok(query) = params.to_query() else { return Redirect::to(&page_url).into_response() };
    let (actor, now) = (caller.ctx.actor, caller.ctx.now);
    let figures = match for_viewer(&state.db, &state.insights, actor, &query.filter, query.labor, now).await {
        Ok(figures) => figures,
        Err(ServiceError::Invalid { .. }) => return Redirect::to(&page_url).into_response(),
        Err(error) => {
            tracing::error!(%error, "could not build the insights CSV");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let view = &figures.view;
    let place = view
        .filter
        .zip
        .clone()
        .or_else(|| view.filter.state.clone())
        .or_else(|| view.filter.division.map(|d| d.slug().to_string()))
        .unwrap_or_else(|| "US".into());
    let quarter = view.quarter.map(|q| q.to_string()).unwrap_or_else(|| "none".into());
    let file = format!("bayline-insights-{}-{place}-{quarter}.csv", view.filter.role.slug());
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file}\"")),
            // What a viewer may see depends on their shop: never cache it for others.
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        to_csv(&figures.rows),
    )
        .into_response()
}
