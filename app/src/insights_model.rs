//! `/insights?role=…&division=…&state=…&zip=…&group=…&experience=…&certification=…&labor=…`: the
//! parameters of the Industry Data Exchange page, its CSV download and its API, parsed in
//! one place so the three always ask the same question.
use domain::{
    divisions::Division,
    insights::{Certification, ExperienceBand, LaborKind, Role, ShopGroup},
    insights_table::FigureRow,
    insights_view::{InsightsFilter, InsightsView, LaborMap, Place},
    params::{ParamError, given},
};
use serde::{Deserialize, Serialize};

use crate::model::query_string;

/// The role shown when none is chosen.
pub const DEFAULT_ROLE: Role = Role::GeneralService;
/// The labor rate the map shows when none is chosen.
pub const DEFAULT_LABOR: LaborKind = LaborKind::Mechanical;

/// The parameters exactly as given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsightsParams {
    pub role: Option<String>,
    #[serde(default)]
    pub division: Option<String>,
    pub state: Option<String>,
    pub zip: Option<String>,
    pub group: Option<String>,
    pub experience: Option<String>,
    pub certification: Option<String>,
    pub labor: Option<String>,
}

/// A validated question: the figures' filter and the map's labor rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsightsQuery {
    pub filter: InsightsFilter,
    pub labor: LaborKind,
}

/// A closed-list parameter: absent, or one of the list.
fn choice<T>(
    value: &Option<String>,
    param: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>, ParamError> {
    domain::params::choice(value, param, parse, "choose from the list")
}

impl InsightsParams {
    pub const PATH: &'static str = "/insights";
    pub const CSV_PATH: &'static str = "/insights.csv";

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            role: get("role"),
            division: get("division"),
            state: get("state"),
            zip: get("zip"),
            group: get("group"),
            experience: get("experience"),
            certification: get("certification"),
            labor: get("labor"),
        }
    }

    /// The question these parameters ask, or the parameter to correct. The state is checked
    /// against the list, the ZIP against the known ZIP codes and both against the division by
    /// the service.
    pub fn to_query(&self) -> Result<InsightsQuery, ParamError> {
        let role = choice(&self.role, "role", Role::from_slug)?.unwrap_or(DEFAULT_ROLE);
        let zip = given(&self.zip).map(str::to_string);
        if let Some(zip) = &zip
            && let Err(e) = domain::Zip::parse(zip)
        {
            return Err(ParamError::new("zip", e.to_string()));
        }
        let filter = InsightsFilter {
            role,
            division: choice(&self.division, "division", Division::from_slug)?,
            state: given(&self.state).map(str::to_uppercase),
            zip,
            group: choice(&self.group, "group", ShopGroup::from_slug)?,
            experience: choice(&self.experience, "experience", ExperienceBand::from_slug)?,
            certification: choice(&self.certification, "certification", Certification::from_slug)?,
        };
        let labor = choice(&self.labor, "labor", LaborKind::from_slug)?.unwrap_or(DEFAULT_LABOR);
        Ok(InsightsQuery { filter, labor })
    }

    /// The query string of these parameters (empty values left out), with `?` when any.
    pub fn query_string(&self) -> String {
        let query = query_string(&[
            ("role", self.role.as_deref()),
            ("division", self.division.as_deref()),
            ("state", self.state.as_deref()),
            ("zip", self.zip.as_deref()),
            ("group", self.group.as_deref()),
            ("experience", self.experience.as_deref()),
            ("certification", self.certification.as_deref()),
            ("labor", self.labor.as_deref()),
        ]);
        if query.is_empty() { query } else { format!("?{query}") }
    }

    /// The CSV of exactly these figures.
    pub fn csv_href(&self) -> String {
        format!("{}{}", Self::CSV_PATH, self.query_string())
    }

    /// The page asking the same question of another place.
    pub fn at_place(&self, place: &Place) -> String {
        let (division, state, _) = place.parts();
        let other = Self {
            division: division.map(|d| d.slug().to_string()),
            state: state.map(str::to_string),
            zip: None,
            ..self.clone()
        };
        format!("{}{}", Self::PATH, other.query_string())
    }

    /// The page with another labor rate on the map.
    pub fn with_labor(&self, kind: LaborKind) -> String {
        let other = Self { labor: Some(kind.slug().into()), ..self.clone() };
        format!("{}{}", Self::PATH, other.query_string())
    }
}

/// Everything the page shows. `rows` are all its figures — the tables print them and the
/// CSV and API carry exactly them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InsightsPage {
    pub params: InsightsParams,
    pub problem: Option<ParamError>,
    pub view: Option<InsightsView>,
    pub map: Option<LaborMap>,
    pub rows: Vec<FigureRow>,
    /// When the quarter now being collected is first published (e.g. "1 April 2027").
    pub next_publication: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> InsightsParams {
        InsightsParams::from_lookup(|k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn defaults_and_choices_parse() {
        let q = params(&[]).to_query().unwrap();
        assert_eq!(q.filter, InsightsFilter::national(DEFAULT_ROLE));
        assert_eq!(q.labor, DEFAULT_LABOR);
        let q = params(&[("role", "diesel"), ("state", "mi"), ("group", "dealer"), ("labor", "body")])
            .to_query()
            .unwrap();
        assert_eq!(q.filter.state.as_deref(), Some("MI"));
        assert_eq!(q.filter.group, Some(ShopGroup::Dealer));
        assert_eq!(q.labor, LaborKind::Body);
    }

    #[test]
    fn bad_values_name_their_parameter() {
        assert_eq!(params(&[("role", "astronaut")]).to_query().unwrap_err().param, "role");
        assert_eq!(params(&[("zip", "4820")]).to_query().unwrap_err().param, "zip");
        assert_eq!(params(&[("experience", "99")]).to_query().unwrap_err().param, "experience");
        assert_eq!(params(&[("division", "midwest")]).to_query().unwrap_err().param, "division");
        let q = params(&[("division", "east_north_central")]).to_query().unwrap();
        assert_eq!(q.filter.division, Some(Division::EastNorthCentral));
    }

    #[test]
    fn links_keep_the_question() {
        let p = params(&[("role", "diesel"), ("state", "MI"), ("zip", "")]);
        assert_eq!(p.csv_href(), "/insights.csv?role=diesel&state=MI");
        assert_eq!(p.with_labor(LaborKind::Paint), "/insights?role=diesel&state=MI&labor=paint");
        let division = Place::Division { division: Division::EastNorthCentral };
        assert_eq!(p.at_place(&division), "/insights?role=diesel&division=east_north_central");
        assert_eq!(p.at_place(&Place::National), "/insights?role=diesel");
        assert_eq!(params(&[]).query_string(), "");
    }
}
