//! The public JSON API under `/api/v1`, described by the OpenAPI document it serves.
mod error;
mod insights;
mod programs;
mod schools;

use app::ssr::AppState;
use axum::{
    Json, Router,
    http::{HeaderValue, header},
    routing::get,
};
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::OpenApi;

pub use error::ApiError;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Bayline public API",
        description = "Automotive, diesel, collision and medium/heavy truck technician programs \
                       from NCES IPEDS (2023-24 completions), located by ZIP code (GeoNames CC BY 4.0; \
                       Census ZCTA), and verified programs IPEDS does not list (high-school CTE), \
                       added by their instructors.",
        license(
            name = "Data: public domain (IPEDS, BLS, Census); ZIP centroids CC BY 4.0 (GeoNames); every answer lists its `sources`"
        )
    ),
    paths(
        programs::near,
        programs::near_point,
        programs::clusters,
        programs::profile,
        schools::verified,
        insights::figures
    ),
    components(schemas(
        ApiError,
        error::ApiErrorBody,
        programs::NearResponse,
        programs::NearOrigin,
        programs::ClustersResponse,
        programs::ProfileResponse,
        schools::SchoolsResponse,
        schools::Status,
        domain::schools::ListingView,
        domain::schools::SchoolLevel,
        domain::sources::Source,
        domain::ProgramKind,
        domain::AwardLevel,
        domain::Sector,
        insights::FiguresResponse,
        insights::StateCode,
        domain::insights::Role,
        domain::divisions::Division,
        domain::insights::ShopGroup,
        domain::insights::ExperienceBand,
        domain::insights::Certification,
        domain::insights::LaborKind,
        domain::insights_table::FigureRow,
        domain::insights_table::Unit
    ))
)]
pub struct ApiDoc;

/// Routes of the public API. Read-only and cacheable, so any site may call it.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/programs/near", get(programs::near))
        .route("/api/v1/programs/near-point", get(programs::near_point))
        .route("/api/v1/programs/clusters", get(programs::clusters))
        .route("/api/v1/programs/{unitid}", get(programs::profile))
        .route("/api/v1/schools", get(schools::verified))
        .route("/api/v1/insights/figures", get(insights::figures))
        .route("/api/v1/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ))
}
