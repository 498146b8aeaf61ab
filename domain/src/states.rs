//! USPS codes of the states, the District of Columbia and the territories that have ZIP
//! codes, with their names, in alphabetical order of name (for address forms).
pub const STATES: [(&str, &str); 57] = [
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AS", "American Samoa"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("GU", "Guam"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MH", "Marshall Islands"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("MP", "Northern Mariana Islands"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("PR", "Puerto Rico"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("VI", "U.S. Virgin Islands"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
];

/// The name of a state code.
pub fn state_name(code: &str) -> Option<&'static str> {
    STATES.iter().find(|(c, _)| *c == code).map(|(_, name)| *name)
}

/// What kind of place a USPS code names, for counting them honestly: the Marshall Islands,
/// Micronesia and Palau are sovereign states in free association with the U.S., not
/// territories, though IPEDS and USPS list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Jurisdiction {
    State,
    District,
    Territory,
    FreelyAssociated,
}

/// The kind of place of a USPS code, or `None` for an unknown code (or a military one).
pub fn jurisdiction(code: &str) -> Option<Jurisdiction> {
    match code {
        "DC" => Some(Jurisdiction::District),
        "PR" | "GU" | "VI" | "AS" | "MP" => Some(Jurisdiction::Territory),
        "MH" | "FM" | "PW" => Some(Jurisdiction::FreelyAssociated),
        other => state_name(other).map(|_| Jurisdiction::State),
    }
}

/// "50 states, 3 territories and 2 freely associated states": the places a list of USPS
/// codes covers, counted by kind (unknown codes are left out).
pub fn describe_places<'a>(codes: impl IntoIterator<Item = &'a str>) -> String {
    let mut counts = std::collections::BTreeMap::new();
    for code in codes.into_iter().collect::<std::collections::BTreeSet<_>>() {
        if let Some(kind) = jurisdiction(code) {
            *counts.entry(kind).or_insert(0u32) += 1;
        }
    }
    let parts: Vec<String> = counts
        .into_iter()
        .map(|(kind, n)| match (kind, n) {
            (Jurisdiction::State, 1) => "1 state".to_string(),
            (Jurisdiction::State, n) => format!("{n} states"),
            (Jurisdiction::District, _) => "the District of Columbia".to_string(),
            (Jurisdiction::Territory, 1) => "1 territory".to_string(),
            (Jurisdiction::Territory, n) => format!("{n} territories"),
            (Jurisdiction::FreelyAssociated, 1) => "1 freely associated state".to_string(),
            (Jurisdiction::FreelyAssociated, n) => format!("{n} freely associated states"),
        })
        .collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    match parts.as_slice() {
        [] => "no states".into(),
        [only] => only.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn associated_states_are_not_territories() {
        assert_eq!(jurisdiction("MH"), Some(Jurisdiction::FreelyAssociated));
        assert_eq!(jurisdiction("PW"), Some(Jurisdiction::FreelyAssociated));
        assert_eq!(jurisdiction("PR"), Some(Jurisdiction::Territory));
        assert_eq!(jurisdiction("DC"), Some(Jurisdiction::District));
        assert_eq!(jurisdiction("MI"), Some(Jurisdiction::State));
        assert_eq!(jurisdiction("AE"), None);
    }

    #[test]
    fn places_are_counted_by_kind() {
        let all: Vec<&str> = STATES.iter().map(|(code, _)| *code).collect();
        let states = all.iter().filter(|c| jurisdiction(c) == Some(Jurisdiction::State)).count();
        assert_eq!(states, 50);
        assert_eq!(
            describe_places(["MI", "OH", "PR", "GU", "AS", "MH", "PW", "MI"]),
            "2 states, 3 territories and 2 freely associated states"
        );
        assert_eq!(describe_places(["DC", "MD"]), "1 state and the District of Columbia");
        assert_eq!(describe_places([]), "no states");
    }
}
