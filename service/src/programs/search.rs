//! A radius search from request to page of results: resolve the origin, query the index.
use domain::{
    LatLon,
    programs::{NearQuery, NearbyProgram, Origin},
    zip::Unplaceable,
};
use sea_orm::{ConnectionTrait, DbErr};

use super::ProgramCatalog;

/// The resolved centre of a search.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchOrigin {
    pub zip: Option<String>,
    /// "City, ST" for a ZIP origin.
    pub place: Option<String>,
    pub location: LatLon,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    pub origin: SearchOrigin,
    pub total: usize,
    pub results: Vec<NearbyProgram>,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// A well-formed ZIP code with no place: unknown, or military.
    #[error("{}", why.message(zip))]
    NoPlace { zip: String, why: Unplaceable },
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// Runs a validated search.
// Not recorded: a searched point can be a visitor's own location.
#[tracing::instrument(skip_all)]
pub async fn search(
    db: &impl ConnectionTrait,
    catalog: &ProgramCatalog,
    query: &NearQuery,
) -> Result<SearchResults, SearchError> {
    let origin = match &query.origin {
        Origin::Zip(zip) => {
            let place = catalog
                .zip_place(db, zip)
                .await?
                .map_err(|why| SearchError::NoPlace { zip: zip.clone(), why })?;
            let name = match (place.city.is_empty(), place.state.is_empty()) {
                (false, false) => Some(format!("{}, {}", place.city, place.state)),
                _ => None,
            };
            SearchOrigin { zip: Some(place.zip), place: name, location: place.location }
        }
        Origin::Point(point) => SearchOrigin { zip: None, place: None, location: *point },
    };
    let snapshot = catalog.current(db).await?;
    let page = snapshot.index.near(
        origin.location,
        f64::from(query.radius_mi),
        &query.filter,
        query.offset as usize,
        usize::from(query.limit),
    );
    Ok(SearchResults { origin, total: page.total, results: page.results })
}
