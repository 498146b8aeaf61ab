//! What the ZIP finders' server functions share: parameters to a search around a known
//! ZIP code, or the page that says what to correct.
use domain::{LatLon, params::ParamError};

use crate::{
    error::AppError,
    finder_params::{Finder, FinderPage, FinderParams, FinderQuery},
};

/// A search ready to run: the validated query, where it is, and how the page names it.
pub struct Located<K> {
    pub query: FinderQuery<K>,
    pub location: LatLon,
    /// "ZIP 48201 (Detroit, MI)".
    pub origin: String,
}

impl<K> Located<K> {
    /// The results page of this search.
    pub fn page<F: Finder<Kind = K>, R>(&self, total: usize, results: Vec<R>) -> FinderPage<R> {
        let center = (self.location.lat, self.location.lon);
        FinderParams::<F>::found(&self.query, self.origin.clone(), center, total, results)
    }

    /// The window of results on the query's page.
    pub fn window(&self, per_page: usize) -> (usize, usize) {
        ((self.query.page - 1) * per_page, per_page)
    }
}

/// What a finder's parameters ask for.
pub enum Asked<K> {
    /// Nothing yet: no ZIP code was given.
    Nothing,
    /// A parameter to correct, a ZIP code we do not know included.
    Problem(ParamError),
    /// A search ready to run.
    Search(Located<K>),
}

/// What `params` ask for, given the server's state: the one reading of a finder's URL that
/// the pages (through [`locate`]) and the Atom feeds (`server::feeds`, outside any page's
/// context) share, so a feed is exactly the search its page shows.
pub async fn ask<F: Finder>(
    state: &crate::ssr::AppState,
    params: &FinderParams<F>,
) -> Result<Asked<F::Kind>, sea_orm::DbErr> {
    let query = match params.to_query() {
        Ok(Some(query)) => query,
        Ok(None) => return Ok(Asked::Nothing),
        Err(problem) => return Ok(Asked::Problem(problem)),
    };
    let place = match state.programs.zip_place(&state.db, &query.zip).await? {
        Ok(place) => place,
        Err(why) => {
            return Ok(Asked::Problem(ParamError { param: "zip".into(), message: why.message(&query.zip) }));
        }
    };
    let origin = if place.city.is_empty() {
        format!("ZIP {}", place.zip)
    } else {
        format!("ZIP {} ({}, {})", place.zip, place.city, place.state)
    };
    Ok(Asked::Search(Located { query, location: place.location, origin }))
}

/// The search `params` ask for, or (as `Err`) the page to show instead: the prompt before
/// a ZIP code is given, or the parameter to correct (a ZIP code we do not know included).
pub async fn locate<F: Finder, R>(
    params: &FinderParams<F>,
) -> Result<Result<Located<F::Kind>, FinderPage<R>>, AppError> {
    let state = crate::ssr::state()?;
    Ok(match ask(&state, params).await? {
        Asked::Nothing => Err(FinderPage::without_results::<F>(None)),
        Asked::Problem(problem) => Err(FinderPage::without_results::<F>(Some(problem))),
        Asked::Search(search) => Ok(search),
    })
}
