//! Saved searches at the edge: the filter of a list page's URL, read by that page's own
//! parser (the finders' `FinderParams`, the program finder's `SearchParams`), so what is
//! saved is exactly what the page searched, and what the page would refuse is refused.
#[cfg(feature = "ssr")]
use domain::{
    alerts::{AlertPage, AlertSearch},
    params::ParamError,
    programs::Origin,
};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::{
    finder_params::FinderParams, model::SearchParams, needs_model::NeedFinder, openings_model::OpeningFinder,
};

/// What the "Save this search" form shows a signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveState {
    /// How many searches they keep.
    pub count: usize,
    /// The name they saved this very search under, if they did.
    pub saved_as: Option<String>,
}

/// The filter of a list page's URL, read by that page's own parser; the error is the
/// message the form shows.
#[cfg(feature = "ssr")]
pub fn search_from_url(url: &str) -> Result<AlertSearch, String> {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let page = AlertPage::from_path(path).ok_or_else(|| {
        "a search can be saved from the needs, openings, programs or events list".to_string()
    })?;
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let problem = |e: ParamError| format!("{}: {}", e.param, e.message);
    let need_zip = || "search around a ZIP code first, then save the search".to_string();
    match page {
        AlertPage::Events => Ok(AlertSearch { page, zip: None, radius_mi: None, kind: None }),
        AlertPage::Needs => {
            let query = FinderParams::<NeedFinder>::from_lookup(get).to_query().map_err(problem)?;
            let query = query.ok_or_else(need_zip)?;
            let kind = query.kind.map(|k| k.slug().to_string());
            Ok(AlertSearch { page, zip: Some(query.zip), radius_mi: Some(query.radius_mi), kind })
        }
        AlertPage::Openings => {
            let query = FinderParams::<OpeningFinder>::from_lookup(get).to_query().map_err(problem)?;
            let query = query.ok_or_else(need_zip)?;
            let kind = query.kind.map(|k| k.slug().to_string());
            Ok(AlertSearch { page, zip: Some(query.zip), radius_mi: Some(query.radius_mi), kind })
        }
        AlertPage::Programs => {
            let params = SearchParams::from_lookup(get);
            if !params.has_origin() {
                return Err(need_zip());
            }
            let query = params.to_query().map_err(problem)?;
            let Origin::Zip(zip) = query.origin else {
                return Err("alerts follow a ZIP code: search by ZIP code rather than your location".into());
            };
            let kind = query.filter.kind.map(|k| k.slug().to_string());
            Ok(AlertSearch { page, zip: Some(zip), radius_mi: Some(query.radius_mi), kind })
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn a_pages_url_becomes_the_search_its_parser_reads() {
        let search = search_from_url("/needs?zip=48201&radius=100&kind=guest_speaker&page=3").unwrap();
        assert_eq!(search.url(), "/needs?zip=48201&radius=100&kind=guest_speaker");
        let openings = search_from_url("/openings?zip=48201").unwrap();
        assert_eq!(openings.radius_mi, Some(crate::openings_model::DEFAULT_OPENING_RADIUS_MI));
        assert_eq!(search_from_url("/events").unwrap().url(), "/events");
        let programs = search_from_url("/programs?zip=48201&radius=50&kind=diesel&page=2").unwrap();
        assert_eq!(programs.url(), "/programs?zip=48201&radius=50&kind=diesel");
    }

    #[test]
    fn what_a_page_would_refuse_is_refused() {
        assert!(search_from_url("/needs?zip=4820").unwrap_err().starts_with("zip:"));
        assert!(search_from_url("/needs?zip=48201&radius=9000").unwrap_err().starts_with("radius:"));
        assert!(search_from_url("/openings?zip=48201&kind=astronaut").unwrap_err().starts_with("kind:"));
        assert!(search_from_url("/needs").unwrap_err().contains("ZIP code first"));
        assert!(search_from_url("/account").is_err());
        assert!(search_from_url("/programs?lat=42.3&lon=-83.0").unwrap_err().contains("ZIP code"));
    }
}
