//! The server function of `/insights`, and [`build`], which the CSV download and the API
//! call too: one builder, so the page, the file and the API carry the same figures.
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
    let actor = crate::ssr::current_actor().await?;
    Ok(build(&state.db, &state.insights, actor, params, chrono::Utc::now()).await?)
}

/// The page's data for a viewer. Bad parameters (including a state or ZIP the service does
/// not know) come back as the page's `problem`, naming the parameter.
#[cfg(feature = "ssr")]
pub async fn build(
    db: &sea_orm::DatabaseConnection,
    cache: &service::insights::snapshot::InsightsCache,
    actor: Option<service::authz::Actor>,
    params: InsightsParams,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<InsightsPage, service::error::ServiceError> {
    use domain::{
        exchange_table::{figure_rows, map_rows},
        insights::Access,
        programs::ParamError,
    };
    use service::{
        error::ServiceError,
        insights::{map::labor_by_state, published_from, quarter_of, read::insights},
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
    let view = match insights(db, cache, actor, &query.filter, now).await {
        Ok(view) => view,
        Err(ServiceError::Invalid { field, message }) => {
            return Ok(refused(params, ParamError { param: field.into(), message }));
        }
        Err(other) => return Err(other),
    };
    let mut rows = figure_rows(&view);
    // The public sees no labor rates at all, so it gets no map of them either.
    let map = match view.access {
        Access::Public => None,
        _ => Some(labor_by_state(db, cache, actor, query.labor, now).await?),
    };
    if let Some(map) = &map {
        rows.extend(map_rows(map));
    }
    Ok(InsightsPage { params, problem: None, view: Some(view), map, rows, next_publication })
}

/// `/insights/privacy`: the rules (docs/privacy.md), rendered and sanitised like any Markdown.
#[server(endpoint = "insights_privacy")]
pub async fn privacy_rules() -> Result<String, AppError> {
    Ok(service::needs::markdown::to_safe_html(include_str!("../../../docs/privacy.md")))
}
