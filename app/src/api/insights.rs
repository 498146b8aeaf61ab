//! The server function of `/insights`. Its figures come from
//! `service::insights::figures::for_viewer`, which the CSV download and the JSON API call
//! too, so the page, the file and the API carry the same figures.
//! Who sees what (give to get) is decided by the service layer from the viewer.
use leptos::prelude::*;

use crate::{
    error::AppError,
    insights_model::{InsightsPage, InsightsParams},
};

/// `/insights`: the figures the signed-in viewer (or the public) may see for the question.
#[server(endpoint = "insights_page")]
pub async fn load_insights(params: InsightsParams) -> Result<InsightsPage, AppError> {
    let state = crate::ssr::state()?;
    let service::Ctx { actor, now, .. } = crate::ssr::request_ctx().await?;
    Ok(build(&state, actor, params, now).await?)
}

/// The page's data for a viewer. Bad parameters (including a state or ZIP the service does
/// not know) come back as the page's `problem`, naming the parameter.
#[cfg(feature = "ssr")]
async fn build(
    state: &crate::ssr::AppState,
    actor: Option<service::authz::Actor>,
    params: InsightsParams,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<InsightsPage, service::error::ServiceError> {
    use domain::params::ParamError;
    use service::{
        error::ServiceError,
        insights::{figures::for_viewer, published_from, quarter_of},
    };

    let next_publication = published_from(quarter_of(now)).format("%-d %B %Y").to_string();
    let refused = |params, problem| InsightsPage {
        params,
        problem: Some(problem),
        view: None,
        map: None,
        rows: Vec::new(),
        next_publication: next_publication.clone(),
    };
    let query = match params.to_query() {
        Ok(query) => query,
        Err(problem) => return Ok(refused(params, problem)),
    };
    match for_viewer(&state.db, &state.insights, actor, &query.filter, query.labor, now).await {
        Ok(found) => Ok(InsightsPage {
            params,
            problem: None,
            view: Some(found.view),
            map: found.map,
            rows: found.rows,
            next_publication,
        }),
        Err(ServiceError::Invalid { field, message }) => {
            Ok(refused(params, ParamError { param: field.into(), message }))
        }
        Err(other) => Err(other),
    }
}

/// `/insights/privacy`: the rules (docs/privacy.md), rendered and sanitised like any Markdown.
#[server(endpoint = "insights_privacy")]
pub async fn privacy_rules() -> Result<String, AppError> {
    Ok(service::needs::markdown::to_safe_html(include_str!("../../../docs/privacy.md")))
}
