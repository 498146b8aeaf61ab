//! The headline figures on the home page.
use serde::{Deserialize, Serialize};

use crate::ProgramKind;

/// Programs and completions in the imported IPEDS year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgramTotals {
    /// Institutions reporting at least one of the four technician CIP codes.
    pub programs: u64,
    /// States and territories those institutions are in.
    pub states: u64,
    /// First-major awards across the four CIP codes and every award level.
    pub completions: u64,
    /// One entry per kind, in [`ProgramKind::ALL`] order, including kinds with no rows.
    pub by_kind: Vec<KindTotal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindTotal {
    pub kind: ProgramKind,
    pub programs: u64,
    pub completions: u64,
}

impl ProgramTotals {
    /// A kind's share of all completions, in tenths of a percent (integer maths, so the
    /// server and the browser always agree on the rounding).
    pub fn share_permille(&self, kind: &KindTotal) -> u64 {
        if self.completions == 0 {
            return 0;
        }
        (kind.completions * 1000 + self.completions / 2) / self.completions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_to_the_nearest_tenth_of_a_percent() {
        let kind = KindTotal { kind: ProgramKind::Auto, programs: 1, completions: 2 };
        let totals = ProgramTotals { programs: 1, states: 1, completions: 3, by_kind: vec![kind.clone()] };
        assert_eq!(totals.share_permille(&kind), 667);
        let empty = ProgramTotals { completions: 0, ..totals };
        assert_eq!(empty.share_permille(&kind), 0);
    }
}
