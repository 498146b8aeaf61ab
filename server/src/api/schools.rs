//! `/api/v1/schools`: school programs IPEDS does not list. `status=verified` — added by
//! their instructors and checked by Bayline's admins; `status=unclaimed` — from a list the
//! site's operator imported, nobody from the school on Bayline yet (each says which list and
//! line). Without `status`, both, each in its own field: a listing never counts as verified.
use app::ssr::AppState;
use axum::{
    Json,
    extract::{RawQuery, State},
};
use domain::{
    orgs::SchoolPin,
    school_year::YearMark,
    schools::ListingView,
    sources::{LOCATION, Source, VERIFIED_LISTINGS},
};
use serde::{Deserialize, Serialize};

use super::ApiError;

#[derive(Serialize, utoipa::ToSchema)]
pub struct SchoolsResponse {
    /// Verified programs (empty when `status=unclaimed`).
    pub schools: Vec<SchoolPin>,
    /// Imported, unclaimed listings (empty when `status=verified`).
    pub listings: Vec<ListingView>,
    /// School programs on Bayline (verified ones and claimed colleges, by organisation id and
    /// UNITID) that posted this school year's update or hold a badge of this year or last.
    pub marks: Vec<YearMark>,
    /// The listings themselves, and where their ZIP codes' points come from. Each imported
    /// listing names its own list in `source`.
    pub sources: Vec<Source>,
}

/// Which schools to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Verified,
    Unclaimed,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchoolsQuery {
    status: Option<Status>,
}

/// Every verified program IPEDS does not list, and every unclaimed imported listing, for
/// the map's layers.
#[utoipa::path(
    get,
    path = "/api/v1/schools",
    params(("status" = Option<Status>, Query, description = "Only the verified programs, or only the unclaimed listings")),
    responses(
        (status = 200, body = SchoolsResponse),
        (status = 400, description = "`status` is neither verified nor unclaimed, or another parameter was given", body = super::error::ApiErrorBody),
    )
)]
pub async fn verified(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<SchoolsResponse>, ApiError> {
    super::error::query_pairs(query.as_deref())?;
    let asked: SchoolsQuery = match query.as_deref() {
        None | Some("") => SchoolsQuery::default(),
        Some(q) => serde_urlencoded::from_str(q)
            .map_err(|_| ApiError::bad_request("status", "use status=verified or status=unclaimed"))?,
    };
    let internal = |error: service::error::ServiceError| {
        tracing::error!(%error, "could not list schools");
        ApiError::internal()
    };
    let schools = match asked.status {
        Some(Status::Unclaimed) => Vec::new(),
        _ => service::orgs::public::verified_school_pins(&state.db, None).await.map_err(internal)?,
    };
    let listings = match asked.status {
        Some(Status::Verified) => Vec::new(),
        _ => service::schools::unclaimed(&state.db).await.map_err(internal)?,
    };
    let marks = match asked.status {
        Some(Status::Unclaimed) => Vec::new(),
        _ => service::school_year::badges::marks(&state.db, app::api::school_year::running_year())
            .await
            .map_err(internal)?,
    };
    let sources = std::iter::once(VERIFIED_LISTINGS).chain(LOCATION).collect();
    Ok(Json(SchoolsResponse { schools, listings, marks, sources }))
}
