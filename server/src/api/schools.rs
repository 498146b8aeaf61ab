//! `/api/v1/schools`: verified programs IPEDS does not list (high-school CTE and the like),
//! added by their instructors and checked by Bayline's admins.
use app::ssr::AppState;
use axum::{Json, extract::State};
use domain::{
    orgs::SchoolPin,
    sources::{LOCATION, Source, VERIFIED_LISTINGS},
};
use serde::Serialize;

use super::ApiError;

#[derive(Serialize, utoipa::ToSchema)]
pub struct SchoolsResponse {
    pub schools: Vec<SchoolPin>,
    /// The listings themselves, and where their ZIP codes' points come from.
    pub sources: Vec<Source>,
}

/// Every verified program IPEDS does not list, for the map's second layer.
#[utoipa::path(
    get,
    path = "/api/v1/schools",
    responses((status = 200, body = SchoolsResponse))
)]
pub async fn verified(State(state): State<AppState>) -> Result<Json<SchoolsResponse>, ApiError> {
    match service::orgs::public::verified_school_pins(&state.db, None).await {
        Ok(schools) => {
            let sources = std::iter::once(VERIFIED_LISTINGS).chain(LOCATION).collect();
            Ok(Json(SchoolsResponse { schools, sources }))
        }
        Err(error) => {
            tracing::error!(%error, "could not list verified schools");
            Err(ApiError::internal())
        }
    }
}
