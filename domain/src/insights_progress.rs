//! What a contributing shop is told its data joins: the places whose figures it counts toward
//! (its state, the state's Census division, national), from when (the quarter's first use
//! under the 3-month rule), and how far each place is from having enough shops — in bands
//! only, never a count (docs/privacy.md, "What a contributing shop is told").
use serde::{Deserialize, Serialize};

use crate::{
    disclosure::{MIN_SHOPS, count_band},
    insights::{CountBand, Quarter},
    insights_view::Place,
    time::day_in_words,
};

/// How near a place is to the 5 shops a figure needs, as a band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "band", content = "shops", rename_all = "snake_case")]
pub enum Progress {
    /// 1 to 4 shops so far (the viewer's own shop is always one of them).
    NeedsMore,
    /// Enough shops, in the bands figures use (5–14, 15–49, 50+).
    Enough(CountBand),
}

impl Progress {
    /// The band of a count of shops. The count includes the viewer's own shop, so it is at
    /// least 1; a smaller one is read as 1 rather than given a band of its own.
    pub fn of(shops: u64) -> Self {
        count_band(shops.max(1)).map_or(Self::NeedsMore, Self::Enough)
    }

    pub fn text(self) -> String {
        match self {
            Self::NeedsMore => format!("needs 1–{} more shops", MIN_SHOPS - 1),
            Self::Enough(band) => format!("{} shops so far", band.label()),
        }
    }
}

/// One place a shop's data counts toward, and how near its figures are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceProgress {
    pub place: Place,
    pub progress: Progress,
}

/// What a shop's data for a quarter joins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountsToward {
    pub quarter: Quarter,
    /// The first day figures use the quarter (ISO date): 3 months after it ends.
    pub first_used: String,
    /// Narrowest first: state, division (when the state has one), national.
    pub places: Vec<PlaceProgress>,
}

impl CountsToward {
    /// "Counts toward Michigan, East North Central and national figures from Thu 1 Apr 2027".
    pub fn sentence(&self) -> String {
        let places: Vec<Place> = self.places.iter().map(|p| p.place.clone()).collect();
        joins_sentence(&places, &self.first_used)
    }
}

/// The places a shop in `state` (USPS code) counts toward, narrowest first.
pub fn places_of_state(state: &str) -> Vec<Place> {
    Place::State { state: state.trim().to_ascii_uppercase() }.and_wider()
}

/// "Counts toward Michigan, East North Central and national figures from Thu 1 Apr 2027".
pub fn joins_sentence(places: &[Place], first_used: &str) -> String {
    let names: Vec<String> = places.iter().map(Place::adjective).collect();
    let listed = match names.as_slice() {
        [] => "national".to_string(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    format!("Counts toward {listed} figures from {}", day_in_words(first_used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_names_state_division_and_nation() {
        let places = places_of_state("mi");
        assert_eq!(
            joins_sentence(&places, "2027-04-01"),
            "Counts toward Michigan, East North Central and national figures from Thu 1 Apr 2027"
        );
        assert_eq!(
            joins_sentence(&places_of_state("PR"), "2027-04-01"),
            "Counts toward Puerto Rico and national figures from Thu 1 Apr 2027",
            "a territory belongs to no division"
        );
    }

    #[test]
    fn progress_is_a_band_never_a_count() {
        for n in 0..=4 {
            assert_eq!(Progress::of(n), Progress::NeedsMore);
        }
        assert_eq!(Progress::NeedsMore.text(), "needs 1–4 more shops");
        assert_eq!(Progress::of(5), Progress::Enough(CountBand::From5To14));
        assert_eq!(Progress::of(14).text(), "5–14 shops so far");
        assert_eq!(Progress::of(15), Progress::Enough(CountBand::From15To49));
        assert_eq!(Progress::of(50).text(), "50 or more shops so far");
    }
}
