//! What the Industry Data Exchange shows: the filter of an insights query, and figures that
//! are either shown (with counts as bands) or hidden with the reason. Built only by the
//! service's disclosure module; the page, the CSV and the API all render these.
use serde::{Deserialize, Serialize};

use crate::{
    disclosure::{Quartiles, Suppressed},
    divisions::Division,
    insights::{
        Access, Benefit, Certification, CountBand, ExperienceBand, LaborKind, Quarter, Role, ShopGroup,
    },
    states::state_name,
};

/// An insights query. Place is national, a Census division, a state, or the fixed area (state
/// and three-digit ZIP prefix) of a ZIP code; see docs/privacy.md for why there are no free
/// radii.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsightsFilter {
    pub role: Role,
    /// A Census division (a state or ZIP, when given, must lie in it).
    #[serde(default)]
    pub division: Option<Division>,
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
        Self {
            role,
            division: None,
            state: None,
            zip: None,
            group: None,
            experience: None,
            certification: None,
        }
    }
}

/// A node of the place tree (docs/privacy.md): national → Census division → state → ZIP area.
/// Territories and freely associated states sit directly under national.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "level", rename_all = "snake_case")]
pub enum Place {
    National,
    Division {
        division: Division,
    },
    /// USPS code.
    State {
        state: String,
    },
    /// A state and the first three digits of a ZIP code in it.
    Area {
        state: String,
        prefix: String,
    },
}

impl Place {
    /// How a heading names it: "the United States", "East North Central", "Michigan",
    /// "the 482xx ZIP area, Michigan".
    pub fn name(&self) -> String {
        let state = |code: &str| state_name(code).unwrap_or(code).to_string();
        match self {
            Self::National => "the United States".into(),
            Self::Division { division } => division.label().into(),
            Self::State { state: code } => state(code),
            Self::Area { state: code, prefix } => format!("the {prefix}xx ZIP area, {}", state(code)),
        }
    }

    /// How a list of figures names it: "national", "East North Central", "Michigan".
    pub fn adjective(&self) -> String {
        match self {
            Self::National => "national".into(),
            other => other.name(),
        }
    }

    /// The place one step wider, `None` for national.
    pub fn parent(&self) -> Option<Self> {
        match self {
            Self::National => None,
            Self::Division { .. } => Some(Self::National),
            Self::State { state } => {
                Some(Division::of_state(state).map_or(Self::National, |division| Self::Division { division }))
            }
            Self::Area { state, .. } => Some(Self::State { state: state.clone() }),
        }
    }

    /// This place and every wider one, narrowest first.
    pub fn and_wider(&self) -> Vec<Self> {
        let mut out = vec![self.clone()];
        while let Some(up) = out[out.len() - 1].parent() {
            out.push(up);
        }
        out
    }

    /// The filter's parameters that ask for this place: (division, state, ZIP area prefix).
    pub fn parts(&self) -> (Option<Division>, Option<&str>, Option<&str>) {
        match self {
            Self::National => (None, None, None),
            Self::Division { division } => (Some(*division), None, None),
            Self::State { state } => (None, Some(state), None),
            Self::Area { state, prefix } => (None, Some(state), Some(prefix)),
        }
    }
}

/// The pay figure of the nearest wider place, shown when the asked place's is hidden by the
/// rules: the same question, one or more steps up the place tree (a cell anyone with the
/// viewer's access could ask directly, so it adds nothing to difference).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WiderPay {
    pub place: Place,
    pub figure: PayFigure,
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
    /// The place the figures describe (a ZIP resolved to its area).
    pub place: Place,
    /// The quarter the figures describe: the latest that ended at least 3 months ago.
    pub quarter: Option<Quarter>,
    pub pay: Shown<PayFigure>,
    /// When `pay` is hidden by the rules: the nearest wider place's pay, if that is shown.
    pub wider_pay: Option<WiderPay>,
    pub benefits: Shown<BenefitsFigure>,
    pub labor: Vec<(LaborKind, Shown<LaborFigure>)>,
    /// Oldest first.
    pub trend: Vec<TrendPoint>,
    pub oews: Option<OewsFigure>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_widen_through_the_division_and_territories_skip_it() {
        let area = Place::Area { state: "MI".into(), prefix: "482".into() };
        let names: Vec<String> = area.and_wider().iter().map(Place::name).collect();
        assert_eq!(
            names,
            ["the 482xx ZIP area, Michigan", "Michigan", "East North Central", "the United States"]
        );
        let pr = Place::State { state: "PR".into() };
        assert_eq!(pr.and_wider(), [pr.clone(), Place::National]);
        assert_eq!(Place::National.adjective(), "national");
        assert_eq!(
            Place::Division { division: Division::Pacific }.parts(),
            (Some(Division::Pacific), None, None)
        );
    }
}
