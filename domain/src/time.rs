//! Moments as people read them: in the viewer's own time zone, with the date in words
//! ("Tue 12 Jan 2027, 6:00 pm EST"), beside the machine-readable instant for `<time>`.
//! Formatting happens on the server (the zone database stays off the WebAssembly client);
//! pages receive both forms.
use serde::{Deserialize, Serialize};

/// One instant as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    /// RFC 3339 in UTC ("2027-01-12T23:00:00Z"), for `<time datetime>`.
    pub iso: String,
    /// In the viewer's zone, in words: "Tue 12 Jan 2027, 6:00 pm EST".
    pub text: String,
}

/// The zone most of a state's people live in (IANA name), for people who chose none: the
/// state of their organisation decides. States split between zones take the larger part.
pub fn zone_of_state(state: &str) -> Option<&'static str> {
    let zone = match state.trim().to_ascii_uppercase().as_str() {
        "CT" | "DC" | "DE" | "FL" | "GA" | "IN" | "KY" | "MA" | "MD" | "ME" | "MI" | "NC" | "NH" | "NJ"
        | "NY" | "OH" | "PA" | "RI" | "SC" | "VA" | "VT" | "WV" => "America/New_York",
        "AL" | "AR" | "IA" | "IL" | "KS" | "LA" | "MN" | "MO" | "MS" | "ND" | "NE" | "OK" | "SD" | "TN"
        | "TX" | "WI" => "America/Chicago",
        "CO" | "ID" | "MT" | "NM" | "UT" | "WY" => "America/Denver",
        "AZ" => "America/Phoenix",
        "CA" | "NV" | "OR" | "WA" => "America/Los_Angeles",
        "AK" => "America/Anchorage",
        "HI" => "Pacific/Honolulu",
        "PR" | "VI" => "America/Puerto_Rico",
        "GU" | "MP" => "Pacific/Guam",
        "AS" => "Pacific/Pago_Pago",
        "MH" => "Pacific/Majuro",
        _ => return None,
    };
    Some(zone)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The year, month (1–12) and day of an ISO calendar date ("2027-05-24"), or `None`.
fn calendar_date(iso: &str) -> Option<(i32, usize, i32)> {
    let iso = iso.trim();
    let mut parts = iso.splitn(3, '-').map(|p| p.parse::<i32>().ok());
    let (Some(Some(year)), Some(Some(month)), Some(Some(day))) = (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let valid = (1..=12).contains(&month) && (1..=31).contains(&day) && iso.len() == 10;
    valid.then_some((year, month as usize, day))
}

/// A calendar date ("2027-05-24") in words ("Mon 24 May 2027"); anything else unchanged.
/// Dates carry no time zone: a need's or an opening's start is the same day everywhere.
pub fn day_in_words(iso: &str) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    let Some((year, month, day)) = calendar_date(iso) else { return iso.to_string() };
    // Sakamoto's day of the week (0 = Sunday), Gregorian calendar.
    const OFFSETS: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let weekday = (y + y / 4 - y / 100 + y / 400 + OFFSETS[month - 1] + day).rem_euclid(7);
    format!("{} {day} {} {year}", DAYS[weekday as usize], &MONTHS[month - 1][..3])
}

/// A calendar date in full words, for dates that stand in a sentence ("first used on
/// 1 April 2027"); anything else unchanged.
pub fn long_date(iso: &str) -> String {
    match calendar_date(iso) {
        Some((year, month, day)) => format!("{day} {} {year}", MONTHS[month - 1]),
        None => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_words() {
        assert_eq!(day_in_words("2027-05-24"), "Mon 24 May 2027");
        assert_eq!(day_in_words("2027-01-12"), "Tue 12 Jan 2027");
        assert_eq!(day_in_words("2024-02-29"), "Thu 29 Feb 2024");
        assert_eq!(day_in_words("2000-03-01"), "Wed 1 Mar 2000");
        assert_eq!(day_in_words("next week"), "next week");
        assert_eq!(day_in_words("2027-13-01"), "2027-13-01");
        assert_eq!(long_date("2027-04-01"), "1 April 2027");
        assert_eq!(long_date("2026-12-31"), "31 December 2026");
        assert_eq!(long_date("soon"), "soon");
    }

    #[test]
    fn every_state_has_a_zone() {
        for (code, _) in crate::states::STATES {
            assert!(zone_of_state(code).is_some(), "{code}");
        }
        assert_eq!(zone_of_state("tx"), Some("America/Chicago"));
        assert_eq!(zone_of_state("ZZ"), None);
    }
}
