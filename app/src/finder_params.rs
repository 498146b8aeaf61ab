//! The URL parameters of the ZIP finders for needs and openings (`?zip=…&radius=…&kind=…&page=…`):
//! one parser and one link builder, told by a [`Finder`] which path, default radius and
//! kind vocabulary apply.
use std::marker::PhantomData;

use domain::params::{ParamError, choice, given, number_in};
use serde::{Deserialize, Serialize};

use crate::model::query_string;

/// What differs between the finders.
pub trait Finder {
    type Kind;
    /// The finder's page, e.g. `/needs`.
    const PATH: &'static str;
    /// Results per page.
    const PER_PAGE: usize;
    /// What one result is called in the summary ("1 open need within …").
    const ONE: &'static str;
    /// …and several ("12 open needs within …", "No open needs within …").
    const MANY: &'static str;
    /// Shown before a ZIP code is given.
    const PROMPT: &'static str;
    const DEFAULT_RADIUS_MI: u16;
    /// The radii the form offers.
    const RADIUS_CHOICES: [u16; 5];
    /// The form's accessible name, e.g. "Need search".
    const SEARCH_LABEL: &'static str;
    /// The label of the kind choice, e.g. "Kind of need".
    const KIND_LABEL: &'static str;
    fn kind(slug: &str) -> Option<Self::Kind>;
    /// Every kind as (slug, label), in the order the form lists them.
    fn kinds() -> Vec<(&'static str, &'static str)>;
}

/// A finder's parameters exactly as given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct FinderParams<F> {
    pub zip: Option<String>,
    pub radius: Option<String>,
    pub kind: Option<String>,
    pub page: Option<String>,
    #[serde(skip)]
    finder: PhantomData<F>,
}

/// One page of a finder's results, or the problem to correct before there are any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FinderPage<R> {
    /// Input the visitor should correct, shown beside the form.
    pub problem: Option<ParamError>,
    /// "ZIP 48201 (Detroit, MI)", once a search ran.
    pub origin: Option<String>,
    pub radius_mi: u16,
    /// The search origin (the ZIP centroid), where a map centres.
    pub center: Option<(f64, f64)>,
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub results: Vec<R>,
    /// The map's tile layer, for finders that draw one.
    pub tiles: Option<crate::model::TileSettings>,
}

impl<R> FinderPage<R> {
    /// The page before a search: the prompt, or the problem with the input.
    pub fn without_results<F: Finder>(problem: Option<ParamError>) -> Self {
        Self {
            problem,
            origin: None,
            radius_mi: F::DEFAULT_RADIUS_MI,
            center: None,
            total: 0,
            page: 1,
            per_page: F::PER_PAGE,
            results: Vec::new(),
            tiles: None,
        }
    }

    pub fn page_count(&self) -> usize {
        self.total.div_ceil(self.per_page.max(1))
    }

    /// The list number of the page's first result.
    pub fn first_number(&self) -> usize {
        (self.page - 1) * self.per_page + 1
    }

    /// The summary above the results, e.g. "1 open need within 50 miles of ZIP 48201".
    pub fn summary<F: Finder>(&self) -> Option<String> {
        let origin = self.origin.as_ref()?;
        let radius = self.radius_mi;
        Some(match self.total {
            0 => format!("No {} within {radius} miles of {origin}", F::MANY),
            1 => format!("1 {} within {radius} miles of {origin}", F::ONE),
            n => format!("{n} {} within {radius} miles of {origin}", F::MANY),
        })
    }
}

/// A validated search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinderQuery<K> {
    pub zip: String,
    pub radius_mi: u16,
    pub kind: Option<K>,
    pub page: usize,
}

impl<F: Finder> FinderParams<F> {
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            zip: get("zip"),
            radius: get("radius"),
            kind: get("kind"),
            page: get("page"),
            finder: PhantomData,
        }
    }

    /// The search these parameters ask for, `None` before a ZIP is given, or the parameter
    /// to correct.
    pub fn to_query(&self) -> Result<Option<FinderQuery<F::Kind>>, ParamError> {
        let Some(zip) = given(&self.zip) else { return Ok(None) };
        domain::Zip::parse(zip).map_err(|e| ParamError::new("zip", e.to_string()))?;
        let radius_mi = number_in(&self.radius, "radius", 1..=500, F::DEFAULT_RADIUS_MI, |text| {
            format!("'{text}' is not a radius from 1 to 500 miles")
        })?;
        let kind = choice(&self.kind, "kind", F::kind, "choose a kind from the list")?;
        let page =
            number_in(&self.page, "page", 1..=10_000, 1, |text| format!("'{text}' is not a page number"))?;
        Ok(Some(FinderQuery { zip: zip.into(), radius_mi, kind, page }))
    }

    /// The results page of a search that found `total` results around `origin`.
    pub fn found<R>(
        query: &FinderQuery<F::Kind>,
        origin: String,
        center: (f64, f64),
        total: usize,
        results: Vec<R>,
    ) -> FinderPage<R> {
        FinderPage {
            problem: None,
            origin: Some(origin),
            radius_mi: query.radius_mi,
            center: Some(center),
            total,
            page: query.page,
            per_page: F::PER_PAGE,
            results,
            tiles: None,
        }
    }

    /// The finder URL for these parameters on another page (empty values left out).
    /// The first page of the same search at the next larger radius the form offers, for an
    /// empty result: `(radius, href)`, or none at the largest.
    pub fn wider(&self, radius_mi: u16) -> Option<(u16, String)> {
        let next = F::RADIUS_CHOICES.into_iter().find(|r| *r > radius_mi)?;
        let wider = Self {
            zip: self.zip.clone(),
            radius: Some(next.to_string()),
            kind: self.kind.clone(),
            page: None,
            finder: PhantomData,
        };
        Some((next, wider.href_for_page(1)))
    }

    pub fn href_for_page(&self, page: usize) -> String {
        let page = page.to_string();
        let pairs = [
            ("zip", given(&self.zip)),
            ("radius", given(&self.radius)),
            ("kind", given(&self.kind)),
            ("page", Some(page.as_str()).filter(|p| *p != "1")),
        ];
        let query = query_string(&pairs);
        if query.is_empty() { F::PATH.into() } else { format!("{}?{query}", F::PATH) }
    }

    /// The Atom feed of this search (`/needs.atom?zip=…`): the same filters, no page (a feed
    /// is the newest results, not a page of the nearest).
    pub fn feed_href(&self) -> String {
        let first_page = self.href_for_page(1);
        match first_page.split_once('?') {
            Some((path, query)) => format!("{path}.atom?{query}"),
            None => format!("{first_page}.atom"),
        }
    }

    /// The same search with every filter spelled out (the radius even when it is the
    /// default) and no page: one address per search however it was asked, for a feed's id.
    pub fn spelled_out(&self, query: &FinderQuery<F::Kind>) -> Self {
        Self {
            zip: Some(query.zip.clone()),
            radius: Some(query.radius_mi.to_string()),
            kind: given(&self.kind).map(str::to_string),
            page: None,
            finder: PhantomData,
        }
    }

    /// What the feed of this search is called, on the page's `<link>` and in the feed:
    /// "Open needs within 50 miles of ZIP 48201 (Detroit, MI)", the kind after the noun
    /// when one is chosen.
    pub fn feed_title(&self, radius_mi: u16, origin: &str) -> String {
        let mut what = F::MANY.chars();
        let what: String = what.next().map(|c| c.to_uppercase().chain(what).collect()).unwrap_or_default();
        let kind = self.kind_label().map(|label| format!(" ({label})")).unwrap_or_default();
        format!("{what}{kind} within {radius_mi} miles of {origin}")
    }

    /// The label of the kind asked for ("Internship hosts"), if one was.
    pub fn kind_label(&self) -> Option<&'static str> {
        let slug = given(&self.kind)?;
        F::kinds().into_iter().find(|(s, _)| *s == slug).map(|(_, label)| label)
    }
}

#[cfg(test)]
mod tests {
    //! Both finders share this code; what differs (path, default radius, kinds) is checked
    //! for each.
    use domain::{needs::NeedKind, openings::OpeningKind};

    use super::*;
    use crate::{needs_model::NeedFinder, openings_model::OpeningFinder};

    fn params<F: Finder>(zip: &str, radius: &str, kind: &str, page: &str) -> FinderParams<F> {
        FinderParams::from_lookup(|key| {
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

    fn names_the_bad_parameter<F: Finder + Default>()
    where
        F::Kind: std::fmt::Debug + PartialEq,
    {
        assert_eq!(FinderParams::<F>::default().to_query(), Ok(None));
        assert_eq!(params::<F>("482", "", "", "").to_query().unwrap_err().param, "zip");
        assert_eq!(params::<F>("48201", "0", "", "").to_query().unwrap_err().param, "radius");
        assert_eq!(params::<F>("48201", "501", "", "").to_query().unwrap_err().param, "radius");
        assert_eq!(params::<F>("48201", "", "astronaut", "").to_query().unwrap_err().param, "kind");
        assert_eq!(params::<F>("48201", "", "", "x").to_query().unwrap_err().param, "page");
        assert_eq!(params::<F>("48201", "", "", "0").to_query().unwrap_err().param, "page");
    }

    #[test]
    fn parses_or_names_the_parameter() {
        names_the_bad_parameter::<NeedFinder>();
        names_the_bad_parameter::<OpeningFinder>();
        let need = params::<NeedFinder>("48201", "", "guest_speaker", "2").to_query().unwrap().unwrap();
        assert_eq!((need.radius_mi, need.kind, need.page), (50, Some(NeedKind::GuestSpeaker), 2));
        let opening =
            params::<OpeningFinder>("48201", "", "apprenticeship", "2").to_query().unwrap().unwrap();
        assert_eq!(
            (opening.radius_mi, opening.kind, opening.page),
            (25, Some(OpeningKind::Apprenticeship), 2)
        );
        // A kind of the other finder is not a kind of this one.
        assert_eq!(
            params::<NeedFinder>("48201", "", "entry_level_job", "").to_query().unwrap_err().param,
            "kind"
        );
    }

    #[test]
    fn page_links_keep_the_filters() {
        let p = params::<NeedFinder>("48201", "25", "", "");
        assert_eq!(p.href_for_page(2), "/needs?zip=48201&radius=25&page=2");
        assert_eq!(p.href_for_page(1), "/needs?zip=48201&radius=25");
        assert_eq!(FinderParams::<NeedFinder>::default().href_for_page(1), "/needs");
        let p = params::<OpeningFinder>("48201", "50", "", "");
        assert_eq!(p.href_for_page(3), "/openings?zip=48201&radius=50&page=3");
    }

    #[test]
    fn feed_links_keep_the_filters_but_not_the_page() {
        let p = params::<NeedFinder>("48201", "", "guest_speaker", "3");
        assert_eq!(p.feed_href(), "/needs.atom?zip=48201&kind=guest_speaker");
        assert_eq!(FinderParams::<OpeningFinder>::default().feed_href(), "/openings.atom");
        // Spelled out, the default radius is named, so both ways of asking share one id.
        let query = p.to_query().unwrap().unwrap();
        let full = p.spelled_out(&query);
        assert_eq!(full.feed_href(), "/needs.atom?zip=48201&radius=50&kind=guest_speaker");
        assert_eq!(params::<NeedFinder>("48201", "50", "guest_speaker", "").spelled_out(&query), full);
        assert_eq!(p.kind_label(), Some(NeedKind::GuestSpeaker.label()));
        assert_eq!(params::<NeedFinder>("48201", "", "", "").kind_label(), None);
        assert_eq!(
            p.feed_title(50, "ZIP 48201 (Detroit, MI)"),
            format!(
                "Open needs ({}) within 50 miles of ZIP 48201 (Detroit, MI)",
                NeedKind::GuestSpeaker.label()
            )
        );
        assert_eq!(
            params::<OpeningFinder>("48201", "", "", "").feed_title(25, "ZIP 48201"),
            "Openings within 25 miles of ZIP 48201"
        );
    }

    #[test]
    fn a_page_counts_and_numbers_its_results() {
        let query = params::<OpeningFinder>("48201", "", "", "2").to_query().unwrap().unwrap();
        let page =
            FinderParams::<OpeningFinder>::found(&query, "ZIP 48201".into(), (42.3, -83.0), 21, vec![21]);
        assert_eq!((page.page_count(), page.first_number()), (2, 21));
        assert_eq!(page.summary::<OpeningFinder>().unwrap(), "21 openings within 25 miles of ZIP 48201");
        let one = FinderPage { total: 1, ..page.clone() };
        assert_eq!(one.summary::<NeedFinder>().unwrap(), "1 open need within 25 miles of ZIP 48201");
        let none = FinderPage { total: 0, ..page };
        assert_eq!(none.summary::<NeedFinder>().unwrap(), "No open needs within 25 miles of ZIP 48201");
        assert_eq!(FinderPage::<u8>::without_results::<NeedFinder>(None).summary::<NeedFinder>(), None);
        // An empty result offers the next radius up, keeping the rest of the search.
        let params = FinderParams::<NeedFinder>::from_lookup(|k| match k {
            "zip" => Some("48201".into()),
            "kind" => Some("internship".into()),
            "page" => Some("3".into()),
            _ => None,
        });
        let largest = *NeedFinder::RADIUS_CHOICES.last().unwrap();
        let (next, href) = params.wider(NeedFinder::RADIUS_CHOICES[0]).unwrap();
        assert_eq!(next, NeedFinder::RADIUS_CHOICES[1]);
        assert_eq!(href, format!("/needs?zip=48201&radius={next}&kind=internship"));
        assert_eq!(params.wider(largest), None);
    }
}
