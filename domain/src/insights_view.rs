//! What the Industry Data Exchange shows: the filter of an insights query, and figures that
//! are either shown (with counts as bands) or hidden with the reason. Built only by the
//! service's disclosure module; the page, the CSV and the API all render these.
use serde::{Deserialize, Serialize};

use crate::{
    disclosure::{Quartiles, Suppressed},
    insights::{
        Access, Benefit, Certification, CountBand, ExperienceBand, LaborKind, Quarter, Role, ShopGroup,
    },
};

/// An insights query. Place is national, a state, or the fixed area (state and three-digit
/// ZIP prefix) of a ZIP code; see docs/privacy.md for why there are no free radii.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsightsFilter {
    pub role: Role,
    /// USPS state code.
    pub state: Option<String>,
    /// A ZIP code whose area to use (needs `state` to match the ZIP's state, or none).
    pub zip: Option<String>,
    pub group: Option<ShopGroup>,
    pub experience: Option<ExperienceBand>,
    pub certification: Option<Certification>,
}

impl InsightsFilter {
    pub fn national(role: Role) -> Self {
        Self { role, state: None, zip: None, group: None, experience: None, certification: None }
    }
}

/// A figure, or why it is hidden.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shown", rename_all = "snake_case")]
pub enum Shown<T> {
    Yes { figure: T },
    No { reason: Suppressed },
}

impl<T> Shown<T> {
    pub fn figure(&self) -> Option<&T> {
        match self {
            Self::Yes { figure } => Some(figure),
            Self::No { .. } => None,
        }
    }

    pub fn reason(&self) -> Option<Suppressed> {
        match self {
            Self::Yes { .. } => None,
            Self::No { reason } => Some(*reason),
        }
    }
}

/// Annualised pay and its hourly equivalent (annual ÷ 2,080), in cents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PayFigure {
    pub shops: CountBand,
    pub technicians: CountBand,
    pub annual: Quartiles,
    pub hourly: Quartiles,
}

/// The share of shops offering each benefit, in tenths of a percent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenefitsFigure {
    pub shops: CountBand,
    pub prevalence: Vec<(Benefit, u32)>,
}

/// A customer labor rate's distribution, in cents per hour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LaborFigure {
    pub shops: CountBand,
    pub rate: Quartiles,
}

/// The median annual pay of one published quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub quarter: Quarter,
    pub median_annual: Shown<i64>,
}

/// A BLS OEWS row as published (dollars).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OewsFigure {
    pub occ_code: String,
    pub occ_title: String,
    pub area_title: String,
    pub hourly: [Option<f64>; 5],
    pub annual: [Option<f64>; 5],
    pub footnotes: String,
    pub release: String,
}

/// One state's labor rate on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateLabor {
    /// USPS code.
    pub state: String,
    pub name: String,
    pub figure: Shown<LaborFigure>,
}

/// The labor-rate-by-state map: one kind of labor, every state drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LaborMap {
    pub access: Access,
    pub quarter: Option<Quarter>,
    pub kind: LaborKind,
    pub states: Vec<StateLabor>,
}

/// An insights answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InsightsView {
    pub access: Access,
    pub filter: InsightsFilter,
    /// The quarter the figures describe: the latest that ended at least 3 months ago.
    pub quarter: Option<Quarter>,
    pub pay: Shown<PayFigure>,
    pub benefits: Shown<BenefitsFigure>,
    pub labor: Vec<(LaborKind, Shown<LaborFigure>)>,
    /// Oldest first.
    pub trend: Vec<TrendPoint>,
    pub oews: Option<OewsFigure>,
}
