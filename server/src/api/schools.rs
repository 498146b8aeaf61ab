//! `/api/v1/schools`: verified programs IPEDS does not list (high-school CTE and the like),
//! added by their instructors and checked by Bayline's admins.
use app::ssr::AppState;
use axum::{Json, extract::State};
use domain::orgs::SchoolPin;

use super::ApiError;

/// Every verified program IPEDS does not list, for the map's second layer.
#[utoipa::path(
    get,
    path = "/api/v1/schools",
    responses((status = 200, body = Vec<SchoolPin>))
)]
pub async fn verified(State(state): State<AppState>) -> Result<Json<Vec<SchoolPin>>, ApiError> {
    match service::orgs::public::verified_school_pins(&state.db, None).await {
        Ok(pins) => Ok(Json(pins)),
        Err(error) => {
            tracing::error!(%error, "could not list verified schools");
            Err(ApiError::internal())
        }
    }
}
