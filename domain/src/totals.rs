//! The headline figures on the home page.
use serde::{Deserialize, Serialize};

use crate::ProgramKind;

/// Schools, programs and completions in the imported IPEDS year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgramTotals {
    /// Institutions reporting at least one of the four technician CIP codes.
    pub schools: u64,
    /// Programs: institution × CIP code (a school teaching auto and diesel counts twice).
    pub programs: u64,
    /// USPS codes of the places those institutions are in, sorted (see
    /// [`crate::states::describe_places`]).
    pub places: Vec<String>,
    /// What `places` covers in words ("50 states, the District of Columbia and …"), made once
    /// with the totals rather than on every page view (it was a fifth of the home page's work).
    pub places_summary: String,
    /// First-major awards across the four CIP codes and every award level.
    pub completions: u64,
    /// One entry per kind, in [`ProgramKind::ALL`] order, including kinds with no rows.
    pub by_kind: Vec<KindTotal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindTotal {
    pub kind: ProgramKind,
    /// Institutions teaching this kind (each is one program of the kind).
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
        let totals = ProgramTotals {
            schools: 1,
            programs: 1,
            places: vec![],
            places_summary: String::new(),
            completions: 3,
            by_kind: vec![kind.clone()],
        };
        assert_eq!(totals.share_permille(&kind), 667);
        let empty = ProgramTotals { completions: 0, ..totals };
        assert_eq!(empty.share_permille(&kind), 0);
    }
}
