//! The school's year: a verified program's yearly update, the needs shops filled for it, and
//! the badges both earn. A school year runs from July 1 to June 30 (as US schools and the
//! ASE Education Foundation count them); it is named by the year it starts in.
use serde::{Deserialize, Serialize};

use crate::ProgramKind;

/// Needs a school must have filled (and not disputed) in a school year, beside its yearly
/// update, to earn that year's school badge.
pub const SCHOOL_BADGE_FILLED_NEEDS: usize = 3;
/// The longest "what changed" and "what we need" texts of an update.
pub const MAX_UPDATE_TEXT: usize = 2000;
/// Students a program may report enrolled in one kind (larger is a typing slip).
pub const MAX_ENROLLED: u32 = 5000;

/// A school year, named by the calendar year its July falls in (2026 → "2026–27").
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SchoolYear(pub i32);

impl SchoolYear {
    /// The school year a day of `month` (1–12) in `year` belongs to.
    pub fn of(year: i32, month: u32) -> Self {
        if month >= 7 { Self(year) } else { Self(year - 1) }
    }

    /// The school year of an ISO date (`yyyy-mm-dd…`), if it is one.
    pub fn of_iso(iso: &str) -> Option<Self> {
        let year = iso.get(0..4)?.parse().ok()?;
        let month = iso.get(5..7)?.parse().ok().filter(|m| (1..=12).contains(m))?;
        Some(Self::of(year, month))
    }

    /// "2026–27".
    pub fn label(self) -> String {
        format!("{}–{:02}", self.0, (self.0 + 1).rem_euclid(100))
    }

    /// July 1, ISO.
    pub fn first_day(self) -> String {
        format!("{:04}-07-01", self.0)
    }

    /// June 30, ISO: the last day its update can be posted or changed.
    pub fn last_day(self) -> String {
        format!("{:04}-06-30", self.0 + 1)
    }

    pub fn previous(self) -> Self {
        Self(self.0 - 1)
    }

    /// A year as URLs and forms carry it: "2026" or "2026-27" (also with an en dash).
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        let (start, end) = match raw.split_once(['-', '–']) {
            Some((start, end)) => (start, Some(end)),
            None => (raw, None),
        };
        let start: i32 = start.parse().ok().filter(|y| (2000..=2100).contains(y))?;
        match end {
            None => Some(Self(start)),
            Some(end) if end.len() == 2 && end.parse::<i32>().ok() == Some((start + 1) % 100) => {
                Some(Self(start))
            }
            Some(_) => None,
        }
    }
}

/// What a school reports for a year, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearlyUpdateView {
    pub year: SchoolYear,
    /// Students enrolled, by the kinds the program teaches (only kinds it reported).
    pub enrolled: Vec<(ProgramKind, u32)>,
    /// Students who completed the program in the year (as the school counts them).
    pub completions: u32,
    /// Plain text as typed.
    pub changes: String,
    pub asks: String,
    /// ISO date of the last change.
    pub updated_on: String,
    /// Whether the viewer may still change it (a member, on or before June 30).
    pub editable: bool,
}

/// A need a school recorded as filled by a shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilledNeedView {
    pub need_id: i64,
    pub need_title: String,
    pub need_kind: crate::needs::NeedKind,
    pub school_id: i64,
    pub school_name: String,
    pub shop_id: i64,
    pub shop_name: String,
    /// ISO date the school gives.
    pub filled_on: String,
    /// The shop's reason when it says it did not fill this need (empty for viewers who are
    /// neither party); a disputed record counts towards no badge.
    pub dispute: Option<String>,
}

impl FilledNeedView {
    pub fn counts(&self) -> bool {
        self.dispute.is_none()
    }
}

/// Which badge.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BadgeKind {
    /// A school with its yearly update and enough needs filled.
    School,
    /// A shop that filled a need of a badge-earning school.
    Shop,
}

impl BadgeKind {
    /// The badge's name without its year (the rules page names badges this way).
    pub fn name(self) -> &'static str {
        match self {
            Self::School => "Partner-ready school",
            Self::Shop => "Industry partner",
        }
    }

    pub fn title(self, year: SchoolYear) -> String {
        format!("{} {}", year.label(), self.name())
    }
}

/// Whether a school earns the year's badge, by the rules `/recognition` states.
pub fn school_qualifies(has_update: bool, counted_fills: usize) -> bool {
    has_update && counted_fills >= SCHOOL_BADGE_FILLED_NEEDS
}

/// A badge as pages show it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadgeView {
    pub kind: BadgeKind,
    pub year: SchoolYear,
}

impl BadgeView {
    pub fn title(&self) -> String {
        self.kind.title(self.year)
    }
}

/// A partnership as the year's section lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearPartnership {
    pub partner_id: i64,
    pub partner_name: String,
    pub kinds: Vec<crate::needs::NeedKind>,
    pub status: crate::partnerships::PartnershipStatus,
}

/// One organisation's school year: what its page shows under "This school year".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearOverview {
    pub year: SchoolYear,
    /// Schools only; `None` until posted.
    pub update: Option<YearlyUpdateView>,
    /// Needs filled this year: a school's own, or those a shop filled.
    pub filled: Vec<FilledNeedView>,
    /// Partnerships that ran during the year (created or changed in it, or still running).
    pub partnerships: Vec<YearPartnership>,
    pub badges: Vec<BadgeView>,
    /// The viewer is a member of this organisation.
    pub is_member: bool,
}

/// One organisation on the admins' list of who qualifies for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Qualifier {
    pub organisation_id: i64,
    pub name: String,
    pub kind: BadgeKind,
    pub has_update: bool,
    /// Needs filled that count (undisputed); for a shop, those at badge-earning schools.
    pub counted_fills: usize,
    pub disputed_fills: usize,
    /// The admin's reason, when the badge is revoked.
    pub revoked: Option<String>,
}

/// A badge holder as the public list and the finder show it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearMark {
    pub organisation_id: i64,
    /// The IPEDS UNITID of a claimed college program (its finder entry is by UNITID).
    pub unitid: Option<i32>,
    pub updated_this_year: bool,
    /// The newest badge, this school year's or last year's.
    pub badge: Option<BadgeView>,
    /// That badge as pages word it ("2026–27 Partner-ready school"), for the map's popups,
    /// so the words live in one place.
    pub badge_title: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_school_year_runs_from_july_to_june() {
        assert_eq!(SchoolYear::of(2026, 7), SchoolYear(2026));
        assert_eq!(SchoolYear::of(2027, 6), SchoolYear(2026));
        assert_eq!(SchoolYear::of(2026, 6), SchoolYear(2025));
        assert_eq!(SchoolYear::of_iso("2026-12-07"), Some(SchoolYear(2026)));
        assert_eq!(SchoolYear::of_iso("2027-06-30T23:00:00Z"), Some(SchoolYear(2026)));
        assert_eq!(SchoolYear::of_iso("2027-13-01"), None);
        assert_eq!(SchoolYear(2026).last_day(), "2027-06-30");
        assert_eq!(SchoolYear(2026).first_day(), "2026-07-01");
        assert_eq!(SchoolYear(2026).label(), "2026–27");
        assert_eq!(SchoolYear(2099).label(), "2099–00");
    }

    #[test]
    fn years_parse_from_urls_and_refuse_mismatched_ends() {
        assert_eq!(SchoolYear::parse("2026"), Some(SchoolYear(2026)));
        assert_eq!(SchoolYear::parse("2026-27"), Some(SchoolYear(2026)));
        assert_eq!(SchoolYear::parse("2026–27"), Some(SchoolYear(2026)));
        assert_eq!(SchoolYear::parse("2026-28"), None);
        assert_eq!(SchoolYear::parse("26"), None);
        assert_eq!(SchoolYear::parse("twenty"), None);
        assert_eq!(SchoolYear::parse(""), None);
    }

    #[test]
    fn the_school_badge_needs_both_the_update_and_three_fills() {
        assert!(school_qualifies(true, 3));
        assert!(!school_qualifies(true, 2));
        assert!(!school_qualifies(false, 10));
    }
}
