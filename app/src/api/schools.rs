//! Server functions of imported school listings: a listing's public page and a shop's
//! printable invitation letter; and of the admins' school-list import: the lists imported so
//! far, and the preview of an uploaded one. Inviting, uploading, confirming and discarding
//! are forms (server/src/forms/schools.rs). Who may is decided by the service layer.
use domain::{
    school_invites::{InviteLetter, ListingPage},
    schools::{ImportPreview, ListSummary, ListingPrefill},
};
use leptos::prelude::*;

use crate::error::AppError;

/// Problems shown at once in a preview: enough to correct a file in one go.
#[cfg(feature = "ssr")]
const MOST_PROBLEMS: usize = 50;

/// An unclaimed imported school, for "add your program" to start from (public facts;
/// `None` once claimed, or for an id that is not one).
#[server(endpoint = "listing_to_claim")]
pub async fn listing_to_claim(listing: Option<String>) -> Result<Option<ListingPrefill>, AppError> {
    let Some(id) = listing.as_deref().and_then(|text| text.trim().parse::<i64>().ok()) else {
        return Ok(None);
    };
    let db = crate::ssr::db()?;
    Ok(service::schools::prefill(&db, id).await?)
}

/// A listing's public page (`/schools/listings/{id}`): its facts and where they came from,
/// whether it is on Bayline now, how many shops invited it, and the viewer's verified shops'
/// invitations. Never the list's e-mail address.
#[server(endpoint = "listing_details")]
pub async fn listing_details(id: String) -> Result<ListingPage, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    Ok(service::schools::invites::page(&db, actor, id).await?)
}

/// The printable invitation letter from one of the viewer's verified shops (`shop`, else
/// their first) to a listed school: members of verified shops only.
#[server(endpoint = "listing_letter")]
pub async fn listing_letter(id: String, shop: Option<String>) -> Result<InviteLetter, AppError> {
    let ctx = crate::ssr::request_ctx().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    let shop = match shop.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(shop) => Some(super::ids::record(shop)?),
        None => None,
    };
    Ok(service::schools::invites::letter(&db, ctx.actor, id, shop, &ctx.site_url, ctx.now).await?)
}

/// Every imported list, with its schools and how many are claimed.
#[server(endpoint = "school_lists")]
pub async fn school_lists() -> Result<Vec<ListSummary>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    Ok(service::schools::lists(&db, actor).await?)
}

/// What importing the admin's uploaded list `id` would do.
#[server(endpoint = "school_import_preview")]
pub async fn school_import_preview(id: String) -> Result<ImportPreview, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    let draft = service::schools::drafts::get(&db, actor, id, chrono::Utc::now()).await?;
    let path = std::path::Path::new(&draft.file_name);
    let empty = |problems| ImportPreview {
        id,
        file_name: draft.file_name.clone(),
        source: draft.source.clone(),
        problems,
        added: Vec::new(),
        updated: Vec::new(),
        unchanged: 0,
    };
    let rows = match importer::check_schools_all(&db, path, draft.contents.as_bytes(), MOST_PROBLEMS).await {
        Ok(rows) => rows,
        Err(problems) => {
            // A database failure is ours, not the file's: logged, never shown.
            if problems.iter().any(|p| matches!(p, importer::ImportError::Database(_))) {
                tracing::error!(?problems, "school import preview");
                return Err(AppError::Internal);
            }
            return Ok(empty(problems.iter().map(ToString::to_string).collect()));
        }
    };
    let plan = importer::plan(&db, &rows).await.map_err(|error| {
        tracing::error!(%error, "school import preview");
        AppError::Internal
    })?;
    Ok(ImportPreview {
        added: plan.added,
        updated: plan.updated,
        unchanged: plan.unchanged,
        ..empty(Vec::new())
    })
}
