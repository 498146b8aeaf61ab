//! `/api/v1/programs/…`: radius search, map clusters and profiles.
use app::ssr::AppState;
use axum::{
    Json,
    extract::{Path, RawQuery, State},
};
use domain::programs::{NearQuery, NearbyProgram, ProgramProfile, RawNearQuery, parse_filter};
use serde::{Deserialize, Serialize};
use service::programs::{BBox, MapFeature};

use super::ApiError;

/// Parses a query string by hand so that malformed input is answered with the parameter's
/// name, never with a framework rejection.
fn raw_query<T: for<'de> Deserialize<'de> + Default>(query: Option<String>) -> Result<T, ApiError> {
    match query {
        None => Ok(T::default()),
        Some(q) => serde_urlencoded::from_str(&q).map_err(|e| ApiError::bad_request("query", e.to_string())),
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct NearOrigin {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct NearResponse {
    pub origin: NearOrigin,
    pub radius_mi: u16,
    /// Programs matching in all; `results` holds the page `offset..offset+limit`.
    pub total: usize,
    pub limit: u16,
    pub offset: u32,
    pub results: Vec<NearbyProgram>,
}

/// Programs within a radius of a ZIP code or point, nearest first.
#[utoipa::path(
    get,
    path = "/api/v1/programs/near",
    params(
        ("zip" = Option<String>, Query, description = "Five-digit ZIP code (centroid from GeoNames, else Census ZCTA)"),
        ("lat" = Option<f64>, Query, description = "Latitude, with lon, instead of zip"),
        ("lon" = Option<f64>, Query, description = "Longitude, with lat"),
        ("radius_mi" = Option<u16>, Query, description = "1–500 miles (default 50)"),
        ("kind" = Option<String>, Query, description = "auto | diesel | collision | heavy_truck"),
        ("award" = Option<String>, Query, description = "short_certificate | certificate | associate | bachelor"),
        ("sector" = Option<String>, Query, description = "public_2yr | public_4yr | public_lt2yr | private"),
        ("limit" = Option<u16>, Query, description = "1–500 (default 50)"),
        ("offset" = Option<u32>, Query, description = "default 0"),
    ),
    responses(
        (status = 200, body = NearResponse),
        (status = 400, description = "A parameter is malformed or out of range; `error.param` names it", body = super::error::ApiErrorBody),
        (status = 404, description = "Unknown ZIP code", body = super::error::ApiErrorBody),
    )
)]
pub async fn near(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<NearResponse>, ApiError> {
    let raw: RawNearQuery = raw_query(query)?;
    let query = NearQuery::parse(&raw, 50, 50)?;
    let found = service::programs::search(&state.db, &state.programs, &query).await?;
    Ok(Json(NearResponse {
        origin: NearOrigin {
            zip: found.origin.zip,
            lat: found.origin.location.lat,
            lon: found.origin.location.lon,
        },
        radius_mi: query.radius_mi,
        total: found.total,
        limit: query.limit,
        offset: query.offset,
        results: found.results,
    }))
}

#[derive(Deserialize, Default)]
struct ClusterQuery {
    bbox: Option<String>,
    zoom: Option<String>,
    #[serde(flatten)]
    filters: RawNearQuery,
}

/// Map features (clusters, or single programs when zoomed in) inside a box.
#[utoipa::path(
    get,
    path = "/api/v1/programs/clusters",
    params(
        ("bbox" = String, Query, description = "west,south,east,north in degrees"),
        ("zoom" = u8, Query, description = "Map zoom 0–20; from 12 every program is its own feature"),
        ("kind" = Option<String>, Query, description = "auto | diesel | collision | heavy_truck"),
    ),
    responses(
        (status = 200, body = Vec<MapFeature>),
        (status = 400, description = "Malformed or inverted bbox, bad zoom or filter", body = super::error::ApiErrorBody),
    )
)]
pub async fn clusters(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Vec<MapFeature>>, ApiError> {
    let raw: ClusterQuery = raw_query(query)?;
    let bbox_text = raw.bbox.as_deref().ok_or_else(|| ApiError::bad_request("bbox", "is required"))?;
    let parts: Vec<f64> = bbox_text
        .split(',')
        .map(|v| v.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| ApiError::bad_request("bbox", format!("'{bbox_text}' is not four numbers")))?;
    let [west, south, east, north] = parts[..] else {
        return Err(ApiError::bad_request("bbox", "needs four numbers: west,south,east,north"));
    };
    let bbox = BBox::new(west, south, east, north).map_err(|m| ApiError::bad_request("bbox", m))?;
    let zoom_text = raw.zoom.as_deref().ok_or_else(|| ApiError::bad_request("zoom", "is required"))?;
    let zoom: u8 =
        zoom_text.parse().ok().filter(|z| *z <= 20).ok_or_else(|| {
            ApiError::bad_request("zoom", format!("'{zoom_text}' is not a zoom from 0 to 20"))
        })?;
    let filter = parse_filter(&raw.filters)?;
    let snapshot = state.programs.current(&state.db).await?;
    Ok(Json(service::programs::clusters(&snapshot.index, bbox, zoom, &filter)))
}

/// A program's profile: location, kinds taught, 2023-24 completions by kind and award.
#[utoipa::path(
    get,
    path = "/api/v1/programs/{unitid}",
    params(("unitid" = i32, Path, description = "IPEDS UNITID")),
    responses(
        (status = 200, body = ProgramProfile),
        (status = 400, description = "unitid is not a number", body = super::error::ApiErrorBody),
        (status = 404, description = "No program with this UNITID", body = super::error::ApiErrorBody),
    )
)]
pub async fn profile(
    State(state): State<AppState>,
    Path(unitid): Path<String>,
) -> Result<Json<ProgramProfile>, ApiError> {
    let id: i32 =
        unitid.parse().map_err(|_| ApiError::bad_request("unitid", format!("'{unitid}' is not a UNITID")))?;
    let profile = service::programs::profile(&state.db, id)
        .await?
        .ok_or_else(|| ApiError::not_found("unitid", format!("no program has UNITID {id}")))?;
    Ok(Json(profile))
}
