//! The openings finder's URL parameters and the data the openings pages exchange with
//! their server functions (plain serde types; no database).
use domain::{
    openings::{OpeningKind, OpeningView, ProgramChoice, SharedDetails},
    programs::ParamError,
};
use serde::{Deserialize, Serialize};

use crate::finder_params::{Finder, FinderParams, FinderQuery};

/// Openings per page of the finder.
pub const OPENINGS_PER_PAGE: usize = 20;
/// Radius the finder uses when the URL names none.
pub const DEFAULT_OPENING_RADIUS_MI: u16 = 25;
/// Radius choices offered by the finder.
pub const OPENING_RADIUS_CHOICES: [u16; 5] = [10, 25, 50, 100, 250];

/// The openings finder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OpeningFinder;

impl Finder for OpeningFinder {
    type Kind = OpeningKind;
    const PATH: &'static str = "/openings";
    const DEFAULT_RADIUS_MI: u16 = DEFAULT_OPENING_RADIUS_MI;
    const RADIUS_CHOICES: [u16; 5] = OPENING_RADIUS_CHOICES;
    const SEARCH_LABEL: &'static str = "Opening search";
    const KIND_LABEL: &'static str = "Kind of opening";

    fn kind(slug: &str) -> Option<OpeningKind> {
        OpeningKind::from_slug(slug)
    }

    fn kinds() -> Vec<(&'static str, &'static str)> {
        OpeningKind::ALL.iter().map(|k| (k.slug(), k.label())).collect()
    }
}

/// `/openings?zip=…&radius=…&kind=…&page=…` exactly as given.
pub type OpeningSearchParams = FinderParams<OpeningFinder>;
/// A validated search.
pub type OpeningQuery = FinderQuery<OpeningKind>;

/// One page of the openings finder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpeningSearchPage {
    pub problem: Option<ParamError>,
    /// "ZIP 48201 (Detroit, MI)", once a search ran.
    pub origin: Option<String>,
    pub radius_mi: u16,
    pub total: usize,
    pub page: usize,
    pub results: Vec<OpeningView>,
}

impl OpeningSearchPage {
    pub fn page_count(&self) -> usize {
        self.total.div_ceil(OPENINGS_PER_PAGE)
    }
}

/// An opening's page: the opening, and what the visitor may do with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpeningPageData {
    pub opening: OpeningView,
    /// A member of the shop: closes or reopens it and reads the interest list.
    pub is_member: bool,
    pub signed_in: bool,
    /// What the visitor shared, if they expressed interest.
    pub my_interest: Option<SharedDetails>,
    /// The programs the visitor may name.
    pub program_choices: Vec<ProgramChoice>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(zip: &str, radius: &str, kind: &str, page: &str) -> OpeningSearchParams {
        OpeningSearchParams::from_lookup(|key| {
            Some(
                match key {
                    "zip" => zip,
                    "radius" => radius,
                    "kind" => kind,
                    _ => page,
                }
                .to_string(),
            )
        })
    }

    #[test]
    fn parses_or_names_the_parameter() {
        assert_eq!(OpeningSearchParams::default().to_query(), Ok(None));
        let query = params("48201", "", "apprenticeship", "2").to_query().unwrap().unwrap();
        assert_eq!((query.radius_mi, query.kind, query.page), (25, Some(OpeningKind::Apprenticeship), 2));
        assert_eq!(params("482", "", "", "").to_query().unwrap_err().param, "zip");
        assert_eq!(params("48201", "501", "", "").to_query().unwrap_err().param, "radius");
        assert_eq!(params("48201", "", "astronaut", "").to_query().unwrap_err().param, "kind");
        assert_eq!(params("48201", "", "", "0").to_query().unwrap_err().param, "page");
        assert_eq!(params("48201", "50", "", "").href_for_page(3), "/openings?zip=48201&radius=50&page=3");
    }
}
