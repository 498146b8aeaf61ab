//! The needs finder's URL parameters and the data its pages exchange with their server
//! functions (plain serde types; no database).
use domain::{
    needs::{NeedKind, NeedView},
    programs::ParamError,
};
use serde::{Deserialize, Serialize};

use crate::finder_params::{Finder, FinderParams, FinderQuery};

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

/// The needs finder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NeedFinder;

impl Finder for NeedFinder {
    type Kind = NeedKind;
    const PATH: &'static str = "/needs";
    const DEFAULT_RADIUS_MI: u16 = DEFAULT_NEED_RADIUS_MI;
    const RADIUS_CHOICES: [u16; 5] = NEED_RADIUS_CHOICES;
    const SEARCH_LABEL: &'static str = "Need search";
    const KIND_LABEL: &'static str = "Kind of need";

    fn kind(slug: &str) -> Option<NeedKind> {
        NeedKind::from_slug(slug)
    }

    fn kinds() -> Vec<(&'static str, &'static str)> {
        NeedKind::ALL.iter().map(|k| (k.slug(), k.label())).collect()
    }
}

/// `/needs?zip=…&radius=…&kind=…&page=…` exactly as given.
pub type NeedSearchParams = FinderParams<NeedFinder>;
/// A validated search.
pub type NeedQuery = FinderQuery<NeedKind>;

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
        NeedSearchParams::from_lookup(|key| {
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
