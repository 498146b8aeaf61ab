//! The Industry Data Exchange: shops contribute what they pay, offer and charge; everyone
//! reads figures that obey docs/privacy.md. Contributions and reviews write; reads go
//! through one in-memory snapshot of published data and one disclosure module.
pub mod access;
pub mod cells;
pub mod contribute;
pub mod disclose;
pub mod figures;
pub mod form;
pub mod history;
pub mod map;
pub mod oews;
pub mod progress;
pub mod publish;
pub mod read;
pub mod review;
pub mod snapshot;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::{disclosure::DELAY_MONTHS, insights::Quarter};

/// How many published quarters the trend shows (and the snapshot holds).
pub const TREND_QUARTERS: usize = 8;

/// The quarter a moment falls in.
pub fn quarter_of(at: DateTime<Utc>) -> Quarter {
    Quarter::of_month(at.year(), at.month())
}

/// The first moment a quarter's data may be used: 3 months after it ends (rule 3).
pub fn published_from(quarter: Quarter) -> DateTime<Utc> {
    let (year, month) = quarter.month_after_end();
    let months = year * 12 + (month as i32 - 1) + DELAY_MONTHS as i32;
    NaiveDate::from_ymd_opt(months.div_euclid(12), months.rem_euclid(12) as u32 + 1, 1)
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// The published quarters as of `now`, oldest first: the latest one that ended at least 3
/// months ago and the ones before it, [`TREND_QUARTERS`] in all.
pub fn published_quarters(now: DateTime<Utc>) -> Vec<Quarter> {
    let mut latest = quarter_of(now);
    while published_from(latest) > now {
        latest = latest.previous();
    }
    let mut out = vec![latest];
    while out.len() < TREND_QUARTERS {
        let before = out[out.len() - 1].previous();
        out.push(before);
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_quarter_is_published_three_months_after_it_ends() {
        let q1 = Quarter::parse("2026-Q1").unwrap();
        assert_eq!(published_from(q1), at("2026-07-01T00:00:00Z"));
        assert_eq!(published_from(Quarter::parse("2025-Q4").unwrap()), at("2026-04-01T00:00:00Z"));
        let before = published_quarters(at("2026-06-30T23:59:59Z"));
        assert_eq!(before.last().unwrap().to_string(), "2025-Q4");
        let after = published_quarters(at("2026-07-01T00:00:00Z"));
        assert_eq!(after.last().unwrap().to_string(), "2026-Q1");
        assert_eq!(after.len(), TREND_QUARTERS);
        assert_eq!(after[0].to_string(), "2024-Q2");
    }
}
