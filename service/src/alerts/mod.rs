//! Saved searches and their alerts: a person saves the filters of a list page (needs,
//! openings, programs, events); a digest, run on a schedule by every app server, tells
//! them — in one e-mail per period and in the app — what matches now that it never told
//! them before.
//!
//! "What matches" is the page's own query (`matches`), so an alert never lists what the
//! page would not. "Never told before" is one `alert_delivery` row per person and item,
//! whose primary key settles races between servers and between overlapping searches.
pub mod digest;
pub mod manage;
pub mod matches;
pub mod unsubscribe;

pub use matches::Match;

use chrono::{DateTime, Duration, Utc};
use domain::alerts::AlertFrequency;

/// When a search is next looked at. One that `told` something waits its period (an hour
/// for "immediately": at most one mail an hour); one that told nothing, or was just saved,
/// is looked at again at once if "immediately", after a period otherwise.
pub(crate) fn next_look(frequency: AlertFrequency, told: bool, now: DateTime<Utc>) -> DateTime<Utc> {
    match (frequency, told) {
        (AlertFrequency::Immediately, false) => now,
        (frequency, _) => now + Duration::hours(frequency.period_hours()),
    }
}
