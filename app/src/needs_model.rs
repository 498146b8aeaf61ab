//! The needs finder's URL parameters and the data its pages exchange with their server
//! functions (plain serde types; no database).
use domain::needs::{NeedKind, NeedView};
use serde::{Deserialize, Serialize};

use crate::finder_params::{Finder, FinderPage, FinderParams, FinderQuery};

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
    const PER_PAGE: usize = NEEDS_PER_PAGE;
    const ONE: &'static str = "open need";
    const MANY: &'static str = "open needs";
    const PROMPT: &'static str = "Enter a ZIP code to see open needs near it, nearest first.";
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
pub type NeedSearchPage = FinderPage<NeedView>;

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
