//! The needs finder's URL parameters and the data its pages exchange with their server
//! functions (plain serde types; no database).
use domain::{
    needs::{NeedKind, NeedView},
    programs::ParamError,
};
use serde::{Deserialize, Serialize};

use crate::model::encode;

/// Needs per page of the finder.
pub const NEEDS_PER_PAGE: usize = 20;
/// Radius the needs finder uses when the URL names none.
pub const DEFAULT_NEED_RADIUS_MI: u16 = 50;
/// Radius choices offered by the needs finder.
pub const NEED_RADIUS_CHOICES: [u16; 5] = [10, 25, 50, 100, 250];
/// "Needs near you" on the account page: within this many miles of each shop.
pub const NEAR_SHOP_MI: u16 = 50;
/// …showing the nearest this many, with a link to all of them.
pub const NEAR_SHOP_SHOWN: usize = 10;

/// `/needs?zip=…&radius=…&kind=…&page=…` exactly as given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedSearchParams {
    pub zip: Option<String>,
    pub radius: Option<String>,
    pub kind: Option<String>,
    pub page: Option<String>,
}

/// A validated needs search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedQuery {
    pub zip: String,
    pub radius_mi: u16,
    pub kind: Option<NeedKind>,
    pub page: usize,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl NeedSearchParams {
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        Self { zip: get("zip"), radius: get("radius"), kind: get("kind"), page: get("page") }
    }

    /// The search these parameters ask for, `None` before a ZIP is given, or the parameter
    /// to correct.
    pub fn to_query(&self) -> Result<Option<NeedQuery>, ParamError> {
        let bad = |param: &str, message: String| ParamError { param: param.into(), message };
        let Some(zip) = given(&self.zip) else { return Ok(None) };
        if zip.len() != 5 || !zip.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad("zip", "a ZIP code has five digits".into()));
        }
        let radius_mi = match given(&self.radius) {
            None => DEFAULT_NEED_RADIUS_MI,
            Some(text) => text
                .parse::<u16>()
                .ok()
                .filter(|r| (1..=500).contains(r))
                .ok_or_else(|| bad("radius", format!("'{text}' is not a radius from 1 to 500 miles")))?,
        };
        let kind = match given(&self.kind) {
            None => None,
            Some(slug) => Some(
                NeedKind::from_slug(slug).ok_or_else(|| bad("kind", "choose a kind from the list".into()))?,
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
        Ok(Some(NeedQuery { zip: zip.into(), radius_mi, kind, page }))
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
        if query.is_empty() { "/needs".into() } else { format!("/needs?{}", query.join("&")) }
    }
}

/// One page of the needs finder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedSearchPage {
    /// Input the visitor should correct, shown beside the form.
    pub problem: Option<ParamError>,
    /// "ZIP 48201 (Detroit, MI)", once a search ran.
    pub origin: Option<String>,
    pub radius_mi: u16,
    /// The search origin (the ZIP centroid), where the map centres.
    pub center: Option<(f64, f64)>,
    pub total: usize,
    pub page: usize,
    pub results: Vec<NeedView>,
    pub tiles: crate::model::TileSettings,
}

impl NeedSearchPage {
    pub fn page_count(&self) -> usize {
        self.total.div_ceil(NEEDS_PER_PAGE)
    }
}

/// A need's page: the need, and whether the visitor is a member of its organisation (who
/// may change its status).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedPageData {
    pub need: NeedView,
    pub is_member: bool,
}

/// A shop the visitor belongs to and the open needs near it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShopNeedsView {
    pub shop_id: i64,
    pub shop_name: String,
    /// The shop's ZIP code: "see them all" searches `/needs` around it.
    pub zip: String,
    /// How many open needs are within the radius; `needs` holds the nearest few.
    pub total: usize,
    pub needs: Vec<NeedView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(zip: &str, radius: &str, kind: &str, page: &str) -> NeedSearchParams {
        let some = |v: &str| Some(v.to_string());
        NeedSearchParams { zip: some(zip), radius: some(radius), kind: some(kind), page: some(page) }
    }

    #[test]
    fn parses_or_names_the_parameter() {
        assert_eq!(NeedSearchParams::default().to_query(), Ok(None));
        let query = params("48201", "", "guest_speaker", "2").to_query().unwrap().unwrap();
        assert_eq!((query.radius_mi, query.kind, query.page), (50, Some(NeedKind::GuestSpeaker), 2));
        assert_eq!(params("482", "", "", "").to_query().unwrap_err().param, "zip");
        assert_eq!(params("48201", "0", "", "").to_query().unwrap_err().param, "radius");
        assert_eq!(params("48201", "", "astronaut", "").to_query().unwrap_err().param, "kind");
        assert_eq!(params("48201", "", "", "x").to_query().unwrap_err().param, "page");
    }

    #[test]
    fn page_links_keep_the_filters() {
        let p = params("48201", "25", "", "");
        assert_eq!(p.href_for_page(2), "/needs?zip=48201&radius=25&page=2");
        assert_eq!(p.href_for_page(1), "/needs?zip=48201&radius=25");
        assert_eq!(NeedSearchParams::default().href_for_page(1), "/needs");
    }
}
