//! `/api/v1/programs/…`: radius search, map clusters and profiles.
use app::ssr::AppState;
use axum::{
    Json,
    extract::{Path, RawQuery, State},
};
use domain::{
    AwardLevel, ProgramKind, Sector,
    params::given,
    programs::{NearQuery, NearbyProgram, ProgramProfile, RawNearQuery, parse_filter},
    sources::{IPEDS, PROGRAMS_BY_PLACE, Source},
};
use serde::{Deserialize, Serialize};
use service::programs::{BBox, MapFeature};

use super::ApiError;

/// Parses a query string by hand so that malformed input is answered with the parameter's
/// name, never with a framework rejection.
fn raw_query<T: for<'de> Deserialize<'de> + Default>(query: Option<String>) -> Result<T, ApiError> {
    super::error::query_pairs(query.as_deref())?;
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
    /// The datasets this answer draws on, to credit when republishing it.
    pub sources: Vec<Source>,
}

/// The program filters every search and the map take, declared once for the OpenAPI
/// document (the handlers read the raw query through `domain::programs::parse_filter`).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct Filters {
    /// A kind taught.
    kind: Option<ProgramKind>,
    /// An IPEDS award level; with `kind`, one and the same program must be of both.
    award: Option<AwardLevel>,
    /// The institution's IPEDS sector.
    sector: Option<Sector>,
    /// Let programs that reported 0 awards in 2023-24 match `kind` and `award` (default false).
    include_zero: Option<bool>,
}

/// The radius and page of a search from a ZIP code or a point.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct RadiusAndPage {
    /// Miles (default 50).
    #[param(minimum = 1, maximum = 500)]
    radius_mi: Option<u16>,
    /// Results per page (default 50).
    #[param(minimum = 1, maximum = 500)]
    limit: Option<u16>,
    /// Results to skip (default 0).
    #[param(minimum = 0)]
    offset: Option<u32>,
}

/// Programs within a radius of a ZIP code, nearest first.
#[utoipa::path(
    get,
    path = "/api/v1/programs/near",
    params(
        ("zip" = String, Query, description = "Five-digit ZIP code (its GeoNames point, else its Census ZCTA point)", pattern = r"^[0-9]{5}$"),
        RadiusAndPage,
        Filters,
    ),
    responses(
        (status = 200, body = NearResponse),
        (status = 400, description = "A parameter is malformed or out of range; `error.param` names it", body = super::error::ApiErrorBody),
        (status = 404, description = "A ZIP code no dataset places: unknown, or military (APO/FPO), which has no fixed place", body = super::error::ApiErrorBody),
    )
)]
pub async fn near(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<NearResponse>, ApiError> {
    let raw: RawNearQuery = raw_query(query)?;
    if given(&raw.lat).is_some() || given(&raw.lon).is_some() {
        return Err(ApiError::bad_request("lat", "a point is searched at /api/v1/programs/near-point"));
    }
    if given(&raw.zip).is_none() {
        return Err(ApiError::bad_request("zip", "is required"));
    }
    answer_near(&state, &raw).await
}

/// Programs within a radius of a point, nearest first.
#[utoipa::path(
    get,
    path = "/api/v1/programs/near-point",
    params(
        ("lat" = f64, Query, description = "Latitude in degrees", minimum = -90, maximum = 90),
        ("lon" = f64, Query, description = "Longitude in degrees", minimum = -180, maximum = 180),
        RadiusAndPage,
        Filters,
    ),
    responses(
        (status = 200, body = NearResponse),
        (status = 400, description = "A parameter is malformed or out of range; `error.param` names it", body = super::error::ApiErrorBody),
    )
)]
pub async fn near_point(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<NearResponse>, ApiError> {
    let raw: RawNearQuery = raw_query(query)?;
    if given(&raw.zip).is_some() {
        return Err(ApiError::bad_request("zip", "a ZIP code is searched at /api/v1/programs/near"));
    }
    for (param, value) in [("lat", &raw.lat), ("lon", &raw.lon)] {
        if given(value).is_none() {
            return Err(ApiError::bad_request(param, "is required"));
        }
    }
    answer_near(&state, &raw).await
}

async fn answer_near(state: &AppState, raw: &RawNearQuery) -> Result<Json<NearResponse>, ApiError> {
    let query = NearQuery::parse(raw, 50, 50)?;
    let found = service::programs::search(&state.db, &state.programs, &query).await?;
    // A point is the caller's own; a ZIP code's point is GeoNames's or a Census one.
    let sources = if found.origin.zip.is_some() { PROGRAMS_BY_PLACE.to_vec() } else { vec![IPEDS] };
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
        sources,
    }))
}

#[derive(Deserialize, Default)]
struct ClusterQuery {
    west: Option<String>,
    south: Option<String>,
    east: Option<String>,
    north: Option<String>,
    zoom: Option<String>,
    #[serde(flatten)]
    filters: RawNearQuery,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ClustersResponse {
    /// Clusters, or single programs when zoomed in, in a stable order.
    pub features: Vec<MapFeature>,
    pub sources: Vec<Source>,
}

/// A required number in `-limit..=limit`, or the named refusal.
fn degrees(param: &str, value: &Option<String>, limit: f64) -> Result<f64, ApiError> {
    let text = given(value).ok_or_else(|| ApiError::bad_request(param, "is required"))?;
    text.parse::<f64>().ok().filter(|v| v.is_finite() && v.abs() <= limit).ok_or_else(|| {
        ApiError::bad_request(param, format!("'{text}' is not a number from -{limit} to {limit}"))
    })
}

/// Map features (clusters, or single programs when zoomed in) inside a box.
#[utoipa::path(
    get,
    path = "/api/v1/programs/clusters",
    params(
        ("west" = f64, Query, description = "West edge in degrees; east of `east` for a box across the antimeridian", minimum = -180, maximum = 180),
        ("south" = f64, Query, description = "One latitude edge in degrees (either order with `north`)", minimum = -90, maximum = 90),
        ("east" = f64, Query, description = "East edge in degrees", minimum = -180, maximum = 180),
        ("north" = f64, Query, description = "The other latitude edge in degrees", minimum = -90, maximum = 90),
        ("zoom" = u8, Query, description = "Map zoom; from 12 every program is its own feature", minimum = 0, maximum = 20),
        Filters,
    ),
    responses(
        (status = 200, body = ClustersResponse),
        (status = 400, description = "A missing or out-of-range edge, a bad zoom or filter; `error.param` names it", body = super::error::ApiErrorBody),
    )
)]
pub async fn clusters(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<ClustersResponse>, ApiError> {
    let raw: ClusterQuery = raw_query(query)?;
    let bbox = BBox::new(
        degrees("west", &raw.west, 180.0)?,
        degrees("south", &raw.south, 90.0)?,
        degrees("east", &raw.east, 180.0)?,
        degrees("north", &raw.north, 90.0)?,
    )
    .map_err(|m| ApiError::bad_request("west", m))?;
    let zoom_text = given(&raw.zoom).ok_or_else(|| ApiError::bad_request("zoom", "is required"))?;
    let zoom: u8 =
        zoom_text.parse().ok().filter(|z| *z <= 20).ok_or_else(|| {
            ApiError::bad_request("zoom", format!("'{zoom_text}' is not a zoom from 0 to 20"))
        })?;
    let filter = parse_filter(&raw.filters)?;
    let snapshot = state.programs.current(&state.db).await?;
    Ok(Json(ClustersResponse {
        features: service::programs::clusters(&snapshot.index, bbox, zoom, &filter),
        sources: vec![IPEDS],
    }))
}

/// A program's profile and the datasets it comes from.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ProfileResponse {
    #[serde(flatten)]
    pub profile: ProgramProfile,
    pub sources: Vec<Source>,
}

/// A program's profile: location, kinds taught, 2023-24 completions by kind and award.
#[utoipa::path(
    get,
    path = "/api/v1/programs/{unitid}",
    params(("unitid" = i32, Path, description = "IPEDS UNITID", minimum = 1, example = 102711)),
    responses(
        (status = 200, body = ProfileResponse),
        (status = 400, description = "unitid is not a number", body = super::error::ApiErrorBody),
        (status = 404, description = "No program with this UNITID", body = super::error::ApiErrorBody),
    )
)]
pub async fn profile(
    State(state): State<AppState>,
    Path(unitid): Path<String>,
) -> Result<Json<ProfileResponse>, ApiError> {
    let id: i32 =
        unitid.parse().map_err(|_| ApiError::bad_request("unitid", format!("'{unitid}' is not a UNITID")))?;
    let profile = service::programs::profile(&state.db, id)
        .await?
        .ok_or_else(|| ApiError::not_found("unitid", format!("no program has UNITID {id}")))?;
    // Its address, coordinates and completions are all IPEDS's own.
    Ok(Json(ProfileResponse { profile, sources: vec![IPEDS] }))
}
