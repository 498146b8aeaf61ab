//! The nine Census divisions: the level of place the Industry Data Exchange shows between the
//! nation and a state (docs/privacy.md), so that figures appear while each state still has
//! fewer than 5 reporting shops.
//!
//! The assignment of states is the U.S. Census Bureau's, "Census Regions and Divisions of the
//! United States" (the 50 states and the District of Columbia in nine divisions within four
//! regions). Puerto Rico, the other territories and the freely associated states belong to no
//! division: their shops count toward their own state-level figures and the national ones only.
use crate::vocabulary;

vocabulary! {
    /// A Census division (U.S. Census Bureau).
    Division {
        NewEngland => ("new_england", "New England"),
        MiddleAtlantic => ("middle_atlantic", "Middle Atlantic"),
        EastNorthCentral => ("east_north_central", "East North Central"),
        WestNorthCentral => ("west_north_central", "West North Central"),
        SouthAtlantic => ("south_atlantic", "South Atlantic"),
        EastSouthCentral => ("east_south_central", "East South Central"),
        WestSouthCentral => ("west_south_central", "West South Central"),
        Mountain => ("mountain", "Mountain"),
        Pacific => ("pacific", "Pacific"),
    }
}

/// The states (USPS codes) of each division, as the Census Bureau assigns them. The one table
/// of the assignment: everything else asks [`Division::of_state`] or [`Division::states`].
const MEMBERS: [(Division, &[&str]); 9] = [
    (Division::NewEngland, &["CT", "ME", "MA", "NH", "RI", "VT"]),
    (Division::MiddleAtlantic, &["NJ", "NY", "PA"]),
    (Division::EastNorthCentral, &["IL", "IN", "MI", "OH", "WI"]),
    (Division::WestNorthCentral, &["IA", "KS", "MN", "MO", "NE", "ND", "SD"]),
    (Division::SouthAtlantic, &["DE", "DC", "FL", "GA", "MD", "NC", "SC", "VA", "WV"]),
    (Division::EastSouthCentral, &["AL", "KY", "MS", "TN"]),
    (Division::WestSouthCentral, &["AR", "LA", "OK", "TX"]),
    (Division::Mountain, &["AZ", "CO", "ID", "MT", "NV", "NM", "UT", "WY"]),
    (Division::Pacific, &["AK", "CA", "HI", "OR", "WA"]),
];

impl Division {
    /// The division of a state (USPS code, any case); `None` for a territory, a freely
    /// associated state or an unknown code.
    pub fn of_state(code: &str) -> Option<Self> {
        let code = code.trim().to_ascii_uppercase();
        MEMBERS.iter().find(|(_, states)| states.contains(&code.as_str())).map(|(division, _)| *division)
    }

    /// The division's states (USPS codes).
    pub fn states(self) -> &'static [&'static str] {
        MEMBERS.iter().find(|(division, _)| *division == self).map(|(_, states)| *states).unwrap_or(&[])
    }

    /// Its position in [`Division::ALL`] (how the lattice numbers it).
    pub fn index(self) -> u8 {
        Self::ALL.iter().position(|d| *d == self).unwrap_or(0) as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::states::STATES;

    const TERRITORIES_AND_FREELY_ASSOCIATED: [&str; 6] = ["AS", "GU", "MH", "MP", "PR", "VI"];

    #[test]
    fn the_fifty_states_and_dc_each_belong_to_exactly_one_division() {
        let mut assigned = 0;
        for (code, name) in STATES {
            let holding: Vec<Division> =
                MEMBERS.iter().filter(|(_, states)| states.contains(&code)).map(|(d, _)| *d).collect();
            if TERRITORIES_AND_FREELY_ASSOCIATED.contains(&code) {
                assert!(holding.is_empty(), "{name} belongs to no division");
                assert_eq!(Division::of_state(code), None);
            } else {
                assert_eq!(holding.len(), 1, "{name}: {holding:?}");
                assert_eq!(Division::of_state(code), Some(holding[0]));
                assigned += 1;
            }
        }
        assert_eq!(assigned, 51, "50 states and the District of Columbia");
        let listed: usize = MEMBERS.iter().map(|(_, states)| states.len()).sum();
        assert_eq!(listed, 51, "no code outside the list of states");
    }

    #[test]
    fn divisions_hold_the_census_bureaus_states() {
        let sizes: Vec<usize> = Division::ALL.iter().map(|d| d.states().len()).collect();
        assert_eq!(sizes, [6, 3, 5, 7, 9, 4, 4, 8, 5]);
        assert_eq!(Division::of_state("mi"), Some(Division::EastNorthCentral));
        assert_eq!(Division::of_state("DC"), Some(Division::SouthAtlantic));
        assert_eq!(Division::of_state("AK"), Some(Division::Pacific));
        assert_eq!(Division::of_state("PA"), Some(Division::MiddleAtlantic));
        assert_eq!(Division::of_state("ZZ"), None);
        assert_eq!(Division::from_slug("east_north_central"), Some(Division::EastNorthCentral));
        assert_eq!(Division::EastNorthCentral.label(), "East North Central");
        for (i, division) in Division::ALL.iter().enumerate() {
            assert_eq!(division.index() as usize, i);
        }
    }
}
