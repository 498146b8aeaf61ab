//! The openings finder's URL parameters and the data the openings pages exchange with
//! their server functions (plain serde types; no database).
use domain::{
    openings::{OpeningKind, OpeningView, ProgramChoice, SharedDetails},
    programs::ParamError,
};
use serde::{Deserialize, Serialize};

use crate::model::encode;

/// Openings per page of the finder.
pub const OPENINGS_PER_PAGE: usize = 20;
/// Radius the finder uses when the URL names none.
pub const DEFAULT_OPENING_RADIUS_MI: u16 = 25;
/// Radius choices offered by the finder.
pub const OPENING_RADIUS_CHOICES: [u16; 5] = [10, 25, 50, 100, 250];

/// `/openings?zip=…&radius=…&kind=…&page=…` exactly as given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningSearchParams {
    pub zip: Option<String>,
    pub radius: Option<String>,
    pub kind: Option<String>,
    pub page: Option<String>,
}

/// A validated openings search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpeningQuery {
    pub zip: String,
    pub radius_mi: u16,
    pub kind: Option<OpeningKind>,
    pub page: usize,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl OpeningSearchParams {
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        Self { zip: get("zip"), radius: get("radius"), kind: get("kind"), page: get("page") }
    }

    /// The search these parameters ask for, `None` before a ZIP is given, or the parameter
    /// to correct.
    pub fn to_query(&self) -> Result<Option<OpeningQuery>, ParamError> {
        let bad = |param: &str, message: String| ParamError { param: param.into(), message };
        let Some(zip) = given(&self.zip) else { return Ok(None) };
        if zip.len() != 5 || !zip.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad("zip", "a ZIP code has five digits".into()));
        }
        let radius_mi = match given(&self.radius) {
            None => DEFAULT_OPENING_RADIUS_MI,
            Some(text) => text
                .parse::<u16>()
                .ok()
                .filter(|r| (1..=500).contains(r))
                .ok_or_else(|| bad("radius", format!("'{text}' is not a radius from 1 to 500 miles")))?,
        };
        let kind = match given(&self.kind) {
            None => None,
            Some(slug) => Some(
                OpeningKind::from_slug(slug)
                    .ok_or_else(|| bad("kind", "choose a kind from the list".into()))?,
            ),
        };
        let page = match given(&self.page) {
            None => 1,
            Some(text) => text
                .parse::<usize>()
                .ok()
                .filter(|p| (1..=10_000).contains(p))
                .ok_or_else(|| bad("page", format!("'{text}' is not a page number")))?,
        };
        Ok(Some(OpeningQuery { zip: zip.into(), radius_mi, kind, page }))
    }

    /// The finder URL for these parameters on another page (empty values left out).
    pub fn href_for_page(&self, page: usize) -> String {
        let page = page.to_string();
        let pairs = [
            ("zip", given(&self.zip)),
            ("radius", given(&self.radius)),
            ("kind", given(&self.kind)),
            ("page", Some(page.as_str()).filter(|p| *p != "1")),
        ];
        let query: Vec<String> =
            pairs.iter().filter_map(|(k, v)| v.map(|v| format!("{k}={}", encode(v)))).collect();
        if query.is_empty() { "/openings".into() } else { format!("/openings?{}", query.join("&")) }
    }
}

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
        let some = |v: &str| Some(v.to_string());
        OpeningSearchParams { zip: some(zip), radius: some(radius), kind: some(kind), page: some(page) }
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
