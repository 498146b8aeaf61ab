//! Server functions of the career pages. They only read: saving a path goes through the
//! form handlers in server/src/forms/careers.rs.
use domain::careers::{CareerPathPage, CareerPathSummary};
use leptos::prelude::*;

use crate::error::AppError;

/// The embedded, checked paths. The server refuses to start when they are broken, so the
/// error here is only logged in case that check was bypassed.
#[cfg(feature = "ssr")]
fn catalog() -> Result<&'static service::careers::Catalog, AppError> {
    service::careers::catalog().map_err(|error| {
        tracing::error!(%error, "career paths");
        AppError::Internal
    })
}

/// Every path, in the order of the data files.
#[server(endpoint = "career_paths")]
pub async fn career_paths() -> Result<Vec<CareerPathSummary>, AppError> {
    Ok(catalog()?.paths.iter().map(CareerPathSummary::from).collect())
}

/// A path's page for a ZIP code (or nationally); `None` when there is no such path. A ZIP
/// that cannot be used is explained on the page (`zip_problem`), never an error.
#[server(endpoint = "career_path")]
pub async fn career_path(path: String, zip: Option<String>) -> Result<Option<CareerPathPage>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let state = crate::ssr::state()?;
    Ok(service::careers::page::path_page(
        &state.db,
        &state.programs,
        &state.insights,
        actor,
        path.trim(),
        zip.as_deref(),
        chrono::Utc::now(),
    )
    .await?)
}

/// The paths the signed-in person saved, newest first.
#[server(endpoint = "saved_paths")]
pub async fn saved_paths() -> Result<Vec<CareerPathSummary>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let catalog = catalog()?;
    let slugs = service::careers::saved::list(&db, actor).await?;
    // A path removed from the data files since it was saved is skipped.
    Ok(slugs.iter().filter_map(|slug| catalog.get(slug)).map(CareerPathSummary::from).collect())
}
