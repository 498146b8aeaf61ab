//! The openings finder's URL parameters and the data the openings pages exchange with
//! their server functions (plain serde types; no database).
use domain::openings::{MyInterest, OpeningKind, OpeningView, ProgramChoice};
use serde::{Deserialize, Serialize};

use crate::finder_params::{Finder, FinderPage, FinderParams, FinderQuery};

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
    const PER_PAGE: usize = OPENINGS_PER_PAGE;
    const ONE: &'static str = "opening";
    const MANY: &'static str = "openings";
    const PROMPT: &'static str = "Enter a ZIP code to see open openings near it, nearest first.";
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
pub type OpeningSearchPage = FinderPage<OpeningView>;

/// An opening's page: the opening, and what the visitor may do with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpeningPageData {
    pub opening: OpeningView,
    /// A member of the shop: closes or reopens it and reads the interest list.
    pub is_member: bool,
    pub signed_in: bool,
    /// What the visitor shared, if they expressed interest.
    pub my_interest: Option<MyInterest>,
    /// The programs the visitor may name.
    pub program_choices: Vec<ProgramChoice>,
}
