//! `GET /insights.csv?…`: the figures of `/insights` for the same question and viewer, as
//! CSV — built by the same function as the page, so the file holds exactly the figures on
//! screen. Bad parameters go back to the page, which names the field.
use app::{api::insights::build, insights_model::InsightsParams, ssr::AppState};
use axum::{
    extract::{Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use domain::exchange_table::to_csv;

use crate::forms::reply::Caller;

pub async fn csv(
    State(state): State<AppState>,
    caller: Caller,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    let params =
        InsightsParams::from_lookup(|name| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()));
    let page_url = format!("{}{}", InsightsParams::PATH, params.query_string());
    let page = match build(&state.db, &state.insights, caller.actor, params, Utc::now()).await {
        Ok(page) => page,
        Err(error) => {
            tracing::error!(%error, "could not build the insights CSV");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let Some(view) = page.view.as_ref().filter(|_| page.problem.is_none()) else {
        return Redirect::to(&page_url).into_response();
    };
    let place = view.filter.zip.clone().or_else(|| view.filter.state.clone()).unwrap_or_else(|| "US".into());
    let quarter = view.quarter.map(|q| q.to_string()).unwrap_or_else(|| "none".into());
    let file = format!("bayline-insights-{}-{place}-{quarter}.csv", view.filter.role.slug());
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file}\"")),
            // What a viewer may see depends on their shop: never cache it for others.
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        to_csv(&page.rows),
    )
        .into_response()
}
