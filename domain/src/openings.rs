//! Openings that verified shops post for students — internships, apprenticeships and
//! entry-level jobs — and the interest students express in them, sharing only what they
//! choose.
use serde::{Deserialize, Serialize};

use crate::{needs::SkillArea, time::Moment, vocabulary};

vocabulary! {
    stored
    /// What a shop offers a student.
    OpeningKind {
        Internship => ("internship", "Internship"),
        Apprenticeship => ("apprenticeship", "Apprenticeship"),
        EntryLevelJob => ("entry_level_job", "Entry-level job"),
    }
}

vocabulary! {
    /// What the pay figures are per.
    PayPeriod {
        Hourly => ("hourly", "per hour"),
        Annual => ("annual", "per year"),
    }
}

vocabulary! {
    /// When the work happens.
    Schedule {
        FullTime => ("full_time", "Full-time"),
        PartTime => ("part_time", "Part-time"),
        Summer => ("summer", "Summer"),
        EveningsWeekends => ("evenings_weekends", "Evenings and weekends"),
        Flexible => ("flexible", "Flexible"),
    }
}

vocabulary! {
    stored
    /// Where an opening stands; only open ones are shown to students and the public.
    OpeningStatus {
        Open => ("open", "Open"),
        Closed => ("closed", "Closed"),
    }
}

vocabulary! {
    /// What a student may share with a shop when expressing interest. Nothing else about
    /// the student (not even the email address) reaches the shop.
    SharedField {
        Name => ("name", "Name"),
        Program => ("program", "Program"),
        ExpectedCompletion => ("expected_completion", "Expected completion"),
        Certifications => ("certifications", "Certifications"),
    }
}

vocabulary! {
    stored
    /// Where a student's application stands, as the shop sets it and the student sees it
    /// under "My applications".
    ApplicationStatus {
        New => ("new", "New"),
        Contacted => ("contacted", "Contacted"),
        Interview => ("interview", "Interview"),
        Offer => ("offer", "Offer"),
        Hired => ("hired", "Hired"),
        NotSelected => ("not_selected", "Not selected"),
    }
}

/// Whole dollars with cents only when there are some: 1850 → "$18.50", 4500000 → "$45,000".
pub fn dollars(cents: i64) -> String {
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match cents % 100 {
        0 => format!("${grouped}"),
        rest => format!("${grouped}.{rest:02}"),
    }
}

/// An opening as pages show it. `description_html` is Markdown rendered and sanitised on
/// the server, safe to insert as HTML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpeningView {
    pub id: i64,
    pub shop_id: i64,
    pub shop_name: String,
    pub kind: OpeningKind,
    pub title: String,
    pub description_html: String,
    pub pay_min_cents: i64,
    pub pay_max_cents: i64,
    pub pay_period: PayPeriod,
    pub schedule: Schedule,
    pub zip: String,
    pub city: String,
    pub state: String,
    /// ISO `yyyy-mm-dd`, when the shop gave one.
    pub starts_on: Option<String>,
    pub status: OpeningStatus,
    /// Great-circle miles from the search origin, when there is one.
    pub distance_mi: Option<f64>,
}

impl OpeningView {
    /// "$18.00–$22.50 per hour", or one figure when both ends are equal.
    pub fn pay(&self) -> String {
        let (min, max) = (dollars(self.pay_min_cents), dollars(self.pay_max_cents));
        let range = if self.pay_min_cents == self.pay_max_cents { min } else { format!("{min}–{max}") };
        format!("{range} {}", self.pay_period.label())
    }
}

/// What a student shared with a shop: `None` for anything not shared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedDetails {
    pub name: Option<String>,
    /// The school program's name (a verified program organisation).
    pub program: Option<String>,
    /// `yyyy-mm`.
    pub expected_completion: Option<String>,
    pub certifications: Option<Vec<SkillArea>>,
}

/// One student's interest as the shop sees it: exactly what was shared, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InterestView {
    pub id: i64,
    pub shared: SharedDetails,
    /// When the student expressed interest, in the reader's zone.
    pub at: Moment,
    pub status: ApplicationStatus,
    pub messages: u64,
    /// Whether the student stopped this shop from messaging them.
    pub blocked: bool,
}

/// One of a student's own applications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationView {
    /// The interest's id: its conversation is `/applications/{id}`.
    pub id: i64,
    pub opening_id: i64,
    pub opening_title: String,
    pub shop_name: String,
    pub opening_status: OpeningStatus,
    pub shared: SharedDetails,
    pub at: Moment,
    pub status: ApplicationStatus,
    /// How many messages the conversation with the shop holds.
    pub messages: u64,
}

/// The visitor's own active application to an opening, as the opening's page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyInterest {
    /// Its conversation is `/applications/{id}`.
    pub id: i64,
    pub status: ApplicationStatus,
    pub shared: SharedDetails,
}

/// A student who named a program when expressing interest, as that program's instructors
/// see it: the opening and shop, and the student's name only if they shared it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgramApplicationView {
    pub opening_id: i64,
    pub opening_title: String,
    pub shop_name: String,
    pub student_name: Option<String>,
    pub at: Moment,
}

/// Who is reading a conversation: the shop's side or the student.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConversationSide {
    Shop,
    Student,
}

/// One message of an application's conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationMessage {
    pub id: i64,
    /// "Pat Lee, Motor City Auto" for a shop member; what the student shared as their name
    /// (or "The student") for the student. Never an e-mail address.
    pub author: String,
    pub from_shop: bool,
    /// Empty when hidden by a moderator.
    pub body: String,
    pub hidden: bool,
    pub at: Moment,
}

/// An application's conversation page: the opening, what the student shared, the status
/// and the messages, with what the viewer may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationView {
    pub id: i64,
    pub side: ConversationSide,
    pub opening_id: i64,
    pub opening_title: String,
    pub shop_id: i64,
    pub shop_name: String,
    /// How the shop's side names the student: the shared name, or "A student".
    pub student_label: String,
    pub shared: SharedDetails,
    pub status: ApplicationStatus,
    pub status_changed_at: Option<Moment>,
    pub messages: Vec<ConversationMessage>,
    /// The student withdrew: the conversation is read-only (and gone from the shop's side).
    pub withdrawn: bool,
    /// The student blocked the shop: the shop can no longer message them.
    pub blocked: bool,
}

impl ConversationView {
    /// Whether the viewer may send a message now.
    pub fn can_post(&self) -> bool {
        !(self.withdrawn || self.blocked && self.side == ConversationSide::Shop)
    }
}

/// A school program a student may name when expressing interest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramChoice {
    pub id: i64,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip() {
        for kind in OpeningKind::ALL {
            assert_eq!(OpeningKind::from_slug(kind.slug()), Some(*kind));
        }
        for schedule in Schedule::ALL {
            assert_eq!(Schedule::from_slug(schedule.slug()), Some(*schedule));
        }
        assert_eq!(OpeningKind::from_slug("astronaut"), None);
        assert_eq!(SharedField::from_slug("expected_completion"), Some(SharedField::ExpectedCompletion));
    }

    #[test]
    fn dollars_group_thousands_and_keep_cents() {
        assert_eq!(dollars(1850), "$18.50");
        assert_eq!(dollars(1800), "$18");
        assert_eq!(dollars(4_500_000), "$45,000");
        assert_eq!(dollars(123_456_789), "$1,234,567.89");
        assert_eq!(dollars(5), "$0.05");
    }
}
