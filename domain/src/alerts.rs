//! Saved searches ("alerts"): which list page a search is of, how often its new matches are
//! e-mailed, and the limits. The search itself is the page's own filter (ZIP, radius,
//! kind), parsed by the page's own parser at the edge; here it is only carried and turned
//! back into the page's URL.
use serde::{Deserialize, Serialize};

use crate::vocabulary;

/// At most this many saved searches per person.
pub const MAX_SAVED_SEARCHES: usize = 20;
/// Longest name of a saved search, in characters.
pub const MAX_NAME_CHARS: usize = 80;
/// The default search of a verified shop's members: needs within this many miles of it.
pub const SHOP_DEFAULT_RADIUS_MI: u16 = 50;

vocabulary! {
    stored
    /// The list page a search was saved on.
    AlertPage {
        Needs => ("needs", "School needs"),
        Openings => ("openings", "Openings"),
        Programs => ("programs", "Programs with instructors on Bayline"),
        Events => ("events", "Events"),
    }
}

vocabulary! {
    stored
    /// How often a search's new matches are e-mailed.
    AlertFrequency {
        Immediately => ("immediately", "As they appear (at most one e-mail an hour)"),
        Daily => ("daily", "Once a day"),
        Weekly => ("weekly", "Once a week"),
    }
}

impl AlertPage {
    /// The page's path, e.g. `/needs`.
    pub fn path(self) -> &'static str {
        match self {
            Self::Needs => "/needs",
            Self::Openings => "/openings",
            Self::Programs => "/programs",
            Self::Events => "/events",
        }
    }

    /// The page a path names (`/needs`, …), if it is one a search can be saved on.
    pub fn from_path(path: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|page| page.path() == path)
    }

    /// What the in-app notice and the e-mail call its new results, one and several:
    /// ("new need", "new needs").
    pub fn nouns(self) -> (&'static str, &'static str) {
        match self {
            Self::Needs => ("new need", "new needs"),
            Self::Openings => ("new opening", "new openings"),
            Self::Programs => ("program newly on Bayline", "programs newly on Bayline"),
            Self::Events => ("new event", "new events"),
        }
    }

    /// Whether the page's searches are around a ZIP code (every page but the events list).
    pub fn needs_zip(self) -> bool {
        self != Self::Events
    }
}

impl AlertFrequency {
    /// The shortest time between two e-mails of a search at this frequency, in hours.
    pub fn period_hours(self) -> i64 {
        match self {
            Self::Immediately => 1,
            Self::Daily => 24,
            Self::Weekly => 7 * 24,
        }
    }
}

/// A saved search's filter: the page and the page's own parameters, already validated by
/// that page's parser. `kind` is the slug of the page's own kind vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertSearch {
    pub page: AlertPage,
    pub zip: Option<String>,
    pub radius_mi: Option<u16>,
    pub kind: Option<String>,
}

impl AlertSearch {
    /// The page's URL for this search, e.g. `/needs?zip=48201&radius=50&kind=internship`.
    pub fn url(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(zip) = &self.zip {
            pairs.push(format!("zip={zip}"));
        }
        if let Some(radius) = self.radius_mi {
            pairs.push(format!("radius={radius}"));
        }
        if let Some(kind) = &self.kind {
            pairs.push(format!("kind={kind}"));
        }
        if pairs.is_empty() {
            self.page.path().to_string()
        } else {
            format!("{}?{}", self.page.path(), pairs.join("&"))
        }
    }

    /// "near 48201" for the notice "3 new openings near 48201"; empty for the events list.
    pub fn place(&self) -> String {
        match (&self.zip, self.radius_mi) {
            (Some(zip), Some(radius)) => format!(" within {radius} miles of {zip}"),
            (Some(zip), None) => format!(" near {zip}"),
            _ => String::new(),
        }
    }
}

/// A saved search as its owner sees it on `/account/alerts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearchView {
    pub id: i64,
    pub name: String,
    pub page: AlertPage,
    /// The page with the search's filters, to open it.
    pub url: String,
    pub frequency: AlertFrequency,
    pub paused: bool,
    /// When its last e-mail or notice listed something new.
    pub last_matched: Option<crate::time::Moment>,
    /// Saved for the person because they belong to this shop ("needs near each shop").
    pub shop_default: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_turns_back_into_its_pages_url() {
        let search = AlertSearch {
            page: AlertPage::Openings,
            zip: Some("48201".into()),
            radius_mi: Some(25),
            kind: Some("internship".into()),
        };
        assert_eq!(search.url(), "/openings?zip=48201&radius=25&kind=internship");
        let events = AlertSearch { page: AlertPage::Events, zip: None, radius_mi: None, kind: None };
        assert_eq!(events.url(), "/events");
        assert_eq!(AlertPage::from_path("/programs"), Some(AlertPage::Programs));
        assert_eq!(AlertPage::from_path("/account"), None);
    }

    #[test]
    fn periods_grow_with_the_frequency() {
        let hours: Vec<i64> = AlertFrequency::ALL.iter().map(|f| f.period_hours()).collect();
        assert_eq!(hours, [1, 24, 168]);
    }
}
