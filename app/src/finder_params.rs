//! The URL parameters of the ZIP finders for needs and openings (`?zip=…&radius=…&kind=…&page=…`):
//! one parser and one link builder, told by a [`Finder`] which path, default radius and
//! kind vocabulary apply.
use std::marker::PhantomData;

use domain::programs::ParamError;
use serde::{Deserialize, Serialize};

use crate::model::encode;

/// What differs between the finders.
pub trait Finder {
    type Kind;
    /// The finder's page, e.g. `/needs`.
    const PATH: &'static str;
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

/// A validated search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinderQuery<K> {
    pub zip: String,
    pub radius_mi: u16,
    pub kind: Option<K>,
    pub page: usize,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
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
        let bad = |param: &str, message: String| ParamError { param: param.into(), message };
        let Some(zip) = given(&self.zip) else { return Ok(None) };
        domain::Zip::parse(zip).map_err(|e| bad("zip", e.to_string()))?;
        let radius_mi = match given(&self.radius) {
            None => F::DEFAULT_RADIUS_MI,
            Some(text) => text
                .parse::<u16>()
                .ok()
                .filter(|r| (1..=500).contains(r))
                .ok_or_else(|| bad("radius", format!("'{text}' is not a radius from 1 to 500 miles")))?,
        };
        let kind = match given(&self.kind) {
            None => None,
            Some(slug) => {
                Some(F::kind(slug).ok_or_else(|| bad("kind", "choose a kind from the list".into()))?)
            }
        };
        let page = match given(&self.page) {
            None => 1,
            Some(text) => text
                .parse::<usize>()
                .ok()
                .filter(|p| (1..=10_000).contains(p))
                .ok_or_else(|| bad("page", format!("'{text}' is not a page number")))?,
        };
        Ok(Some(FinderQuery { zip: zip.into(), radius_mi, kind, page }))
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
        if query.is_empty() { F::PATH.into() } else { format!("{}?{}", F::PATH, query.join("&")) }
    }
}
