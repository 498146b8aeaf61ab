//! Event times: typed as local date-times in an IANA zone, stored in UTC, shown in the
//! event's zone ("Tue 12 Jan 2027, 6:00–7:00 pm CST"). The zone database (chrono-tz) lives
//! here on the server only, so the WebAssembly client never carries it.
use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::ServiceError;

/// An IANA zone by name ("America/Chicago"), or a field error naming `field`.
pub fn zone(field: &'static str, name: &str) -> Result<Tz, ServiceError> {
    name.trim().parse::<Tz>().map_err(|_| {
        ServiceError::invalid(field, "choose a time zone from the list (an IANA name like America/Chicago)")
    })
}

/// A `datetime-local` value ("2027-01-12T18:00", seconds optional) in `tz`, as UTC. A time
/// that the clocks skip (spring forward) is refused; one they pass twice (fall back) is
/// read as the first.
pub fn local_to_utc(field: &'static str, raw: &str, tz: Tz) -> Result<DateTime<Utc>, ServiceError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ServiceError::invalid(field, "give a date and time"));
    }
    let naive = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| ServiceError::invalid(field, "a date and time looks like 2027-01-12T18:00"))?;
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => Err(ServiceError::invalid(
            field,
            "that time does not exist in this time zone (the clocks skip it); choose another",
        )),
    }
}

/// The `datetime-local` value of `at` in `tz`, to fill an edit form.
pub fn utc_to_local_input(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

/// "6:00" and "pm" of a local time.
pub(crate) fn clock(at: &DateTime<Tz>) -> (String, &'static str) {
    let text = at.format("%-I:%M").to_string();
    (text, if at.format("%P").to_string() == "am" { "am" } else { "pm" })
}

/// When an event happens, in its own zone: "Tue 12 Jan 2027, 6:00–7:00 pm CST";
/// "Tue 12 Jan 2027, 11:00 am–1:00 pm CST" across noon; both days when it ends on another.
pub fn describe(starts: DateTime<Utc>, ends: DateTime<Utc>, tz: Tz) -> String {
    let (start, end) = (starts.with_timezone(&tz), ends.with_timezone(&tz));
    let day = |t: &DateTime<Tz>| t.format("%a %-d %b %Y").to_string();
    let zone = |t: &DateTime<Tz>| t.format("%Z").to_string();
    let ((s_clock, s_half), (e_clock, e_half)) = (clock(&start), clock(&end));
    if start.date_naive() != end.date_naive() {
        return format!(
            "{}, {s_clock} {s_half} {} – {}, {e_clock} {e_half} {}",
            day(&start),
            zone(&start),
            day(&end),
            zone(&end)
        );
    }
    if s_half == e_half {
        format!("{}, {s_clock}–{e_clock} {e_half} {}", day(&start), zone(&end))
    } else {
        format!("{}, {s_clock} {s_half}–{e_clock} {e_half} {}", day(&start), zone(&end))
    }
}

/// A UTC moment as the calendar file writes it.
pub fn stamp(at: DateTime<Utc>) -> domain::ics::UtcStamp {
    use chrono::{Datelike, Timelike};
    domain::ics::UtcStamp {
        year: at.year(),
        month: at.month(),
        day: at.day(),
        hour: at.hour(),
        minute: at.minute(),
        second: at.second(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chicago() -> Tz {
        zone("time_zone", "America/Chicago").unwrap()
    }

    #[test]
    fn every_offered_zone_is_known() {
        for (name, _) in domain::events::US_TIME_ZONES {
            assert!(zone("time_zone", name).is_ok(), "{name}");
        }
        assert!(zone("time_zone", "Mars/Olympus_Mons").is_err());
        assert!(zone("time_zone", "").is_err());
    }

    #[test]
    fn local_times_become_utc_in_their_zone() {
        let t = local_to_utc("starts_at", "2027-01-12T18:00", chicago()).unwrap();
        assert_eq!(t.to_rfc3339(), "2027-01-13T00:00:00+00:00");
        // Summer time: CDT is UTC-5.
        let t = local_to_utc("starts_at", "2027-07-01T09:30", chicago()).unwrap();
        assert_eq!(t.to_rfc3339(), "2027-07-01T14:30:00+00:00");
        assert_eq!(utc_to_local_input(t, chicago()), "2027-07-01T09:30");
    }

    #[test]
    fn skipped_and_malformed_times_are_refused_naming_the_field() {
        // 14 March 2027, 2:30 am does not happen in Chicago.
        match local_to_utc("starts_at", "2027-03-14T02:30", chicago()) {
            Err(ServiceError::Invalid { field: "starts_at", .. }) => {}
            other => panic!("{other:?}"),
        }
        assert!(local_to_utc("ends_at", "12/01/2027 6pm", chicago()).is_err());
        assert!(local_to_utc("ends_at", "", chicago()).is_err());
    }

    #[test]
    fn describes_times_in_the_events_zone() {
        let tz = chicago();
        let at = |s| local_to_utc("x", s, tz).unwrap();
        assert_eq!(
            describe(at("2027-01-12T18:00"), at("2027-01-12T19:00"), tz),
            "Tue 12 Jan 2027, 6:00–7:00 pm CST"
        );
        assert_eq!(
            describe(at("2027-01-12T11:00"), at("2027-01-12T13:30"), tz),
            "Tue 12 Jan 2027, 11:00 am–1:30 pm CST"
        );
        assert_eq!(
            describe(at("2027-01-12T23:00"), at("2027-01-13T01:00"), tz),
            "Tue 12 Jan 2027, 11:00 pm CST – Wed 13 Jan 2027, 1:00 am CST"
        );
        assert_eq!(
            describe(at("2027-07-01T09:00"), at("2027-07-01T10:00"), tz),
            "Thu 1 Jul 2027, 9:00–10:00 am CDT"
        );
    }
}
