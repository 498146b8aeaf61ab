//! Server functions behind the program finder and the program profiles.
use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{ProfilePageData, ProgramSearchPage, SearchParams},
};

/// One page of programs near a ZIP code or point. Input the visitor should correct comes
/// back as `problem` (the page shows it beside the form), not as an error.
#[server(endpoint = "search_programs")]
pub async fn search_programs(params: SearchParams) -> Result<ProgramSearchPage, AppError> {
    use domain::params::ParamError;
    use service::programs::{SearchError, search};

    use crate::model::{DEFAULT_RADIUS_MI, OriginView};

    let state = crate::ssr::state()?;
    let page = params.page_number().unwrap_or(1);
    let empty = |problem: Option<ParamError>| ProgramSearchPage {
        problem,
        origin: None,
        radius_mi: DEFAULT_RADIUS_MI,
        total: 0,
        page,
        results: Vec::new(),
        schools: Vec::new(),
        listings: Vec::new(),
        marks: Vec::new(),
        tiles: state.tiles.clone(),
    };
    if !params.has_origin() {
        return Ok(empty(None));
    }
    let query = match params.to_query() {
        Ok(query) => query,
        Err(problem) => return Ok(empty(Some(problem))),
    };
    let found = match search(&state.db, &state.programs, &query).await {
        Ok(found) => found,
        Err(SearchError::NoPlace { zip, why }) => {
            return Ok(empty(Some(ParamError { param: "zip".into(), message: why.message(&zip) })));
        }
        Err(SearchError::Database(e)) => return Err(e.into()),
    };
    let location = found.origin.location;
    let mut schools =
        service::orgs::public::verified_school_pins(&state.db, Some((location, f64::from(query.radius_mi))))
            .await?;
    if let Some(kind) = query.filter.kind {
        schools.retain(|school| school.kinds.contains(&kind));
    }
    let listings =
        service::schools::near(&state.db, location, f64::from(query.radius_mi), query.filter.kind).await?;
    let label = match (&found.origin.zip, &found.origin.place) {
        (Some(zip), Some(place)) => format!("ZIP {zip} ({place})"),
        (Some(zip), None) => format!("ZIP {zip}"),
        // A point from "Use my location": people know it as theirs, not as coordinates.
        _ => "your location".to_string(),
    };
    // Only the marks of what this page lists travel with it (the page's data is also the
    // hydration payload), and none are read for a page that lists no school program.
    let mut marks = Vec::new();
    if !found.results.is_empty() || !schools.is_empty() {
        marks =
            service::school_year::badges::marks(&state.db, crate::api::school_year::running_year()).await?;
        marks.retain(|mark| {
            schools.iter().any(|school| school.id == mark.organisation_id)
                || found.results.iter().any(|r| Some(r.program.unitid) == mark.unitid)
        });
    }
    Ok(ProgramSearchPage {
        problem: None,
        origin: Some(OriginView { zip: found.origin.zip, label, lat: location.lat, lon: location.lon }),
        radius_mi: query.radius_mi,
        total: found.total,
        page,
        results: found.results,
        schools,
        listings,
        marks,
        tiles: state.tiles.clone(),
    })
}

/// A program's profile; `None` when no program has this UNITID (the page answers 404).
#[server(endpoint = "program_profile")]
pub async fn program_profile(
    unitid: String,
    zip: Option<String>,
) -> Result<Option<ProfilePageData>, AppError> {
    let state = crate::ssr::state()?;
    let Ok(id) = super::ids::unitid(&unitid) else { return Ok(None) };
    let Some(profile) = state.programs.profile(&state.db, id).await? else { return Ok(None) };
    let here = domain::LatLon { lat: profile.lat, lon: profile.lon };
    let from_zip = match zip.as_deref().and_then(|z| domain::Zip::parse(z).ok()) {
        Some(zip) => state
            .programs
            .zip_place(&state.db, zip.as_str())
            .await?
            .ok()
            .map(|place| (place.zip, (place.location.distance_mi(here) * 10.0).round() / 10.0)),
        None => None,
    };
    let snapshot = state.programs.current(&state.db).await?;
    Ok(Some(ProfilePageData {
        profile,
        from_zip,
        nearest: snapshot.nearest_to(id, 5),
        tiles: state.tiles.clone(),
    }))
}
