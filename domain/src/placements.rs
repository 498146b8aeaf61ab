//! Work-based learning: a placement of a student at a shop for a school program, and a
//! guardian's consent for a student under 18 (who says so; no date of birth is stored).
use serde::{Deserialize, Serialize};

use crate::{
    needs::{NeedKind, SkillArea},
    openings::SharedDetails,
    time::Moment,
    vocabulary,
};

vocabulary! {
    stored
    /// Where a placement stands. One made from an offer first waits for its student to join
    /// by the link the school passed on. It then awaits consent: the student says whether they
    /// are under 18, and a minor's guardian agrees by a link, before it is active.
    PlacementStatus {
        AwaitingStudent => ("awaiting_student", "Waiting for the student to join"),
        AwaitingConsent => ("awaiting_consent", "Awaiting consent"),
        Active => ("active", "Active"),
        Ended => ("ended", "Ended"),
        Withdrawn => ("withdrawn", "Withdrawn"),
    }
}

impl PlacementStatus {
    /// Whether it still runs or waits (it can be ended, its coordinator chosen).
    pub fn is_open(self) -> bool {
        matches!(self, Self::AwaitingStudent | Self::AwaitingConsent | Self::Active)
    }
}

/// Most hours a week a placement may plan.
pub const MAX_WEEKLY_HOURS: u32 = 60;
/// Longest reason for ending a placement early.
pub const MAX_END_REASON: usize = 500;
/// Days a guardian's consent link works.
pub const CONSENT_LINK_DAYS: i64 = 14;
/// Days a student's link to join a placement made from an offer works.
pub const JOIN_LINK_DAYS: i64 = 14;

/// Who is reading a placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlacementSide {
    Student,
    Shop,
    Program,
    Admin,
}

/// A person a form may choose (a mentor of the shop, a coordinator of the program).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonChoice {
    pub id: i64,
    pub name: String,
}

/// The guardian's consent: the name they typed as their signature, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentView {
    pub name: String,
    pub at: Moment,
}

/// What the student said about their age, and the consent; the shop reads it only once
/// consent is settled (an adult, or a minor whose guardian agreed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudentDetails {
    /// The student's name on their account.
    pub name: String,
    /// `None` until the student says.
    pub under_18: Option<bool>,
    /// For the student, the program's members and admins only: never the shop.
    pub guardian_email: Option<String>,
    pub consent: Option<ConsentView>,
}

/// How a placement ended early, and by which side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndedView {
    pub reason: String,
    pub at: Moment,
}

/// A placement as one of its parties reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlacementView {
    pub id: i64,
    pub side: PlacementSide,
    pub status: PlacementStatus,
    pub shop_id: i64,
    pub shop_name: String,
    pub program_id: i64,
    pub program_name: String,
    /// The application it came from, for its student and the shop.
    pub interest_id: Option<i64>,
    /// How the student is named to everyone: what they shared, or "The student".
    pub student_label: String,
    /// What the student chose to share with the shop.
    pub shared: SharedDetails,
    /// `None` for the shop until consent is settled.
    pub student: Option<StudentDetails>,
    pub mentor: Option<String>,
    pub coordinator: Option<String>,
    /// ISO dates.
    pub starts_on: String,
    pub ends_on: String,
    pub weekly_hours: u32,
    pub paid: bool,
    pub task_areas: Vec<SkillArea>,
    pub ended: Option<EndedView>,
    /// The accepted offer on a need it was made from, if any.
    pub origin: Option<PlacementOrigin>,
    /// The program's members, for the program's side to choose the coordinator from.
    pub coordinator_choices: Vec<PersonChoice>,
}

impl PlacementView {
    /// Whether the placement is still running or waiting (it can be ended).
    pub fn open(&self) -> bool {
        self.status.is_open()
    }

    /// Whether it waits for its student to join (no student is known yet).
    pub fn waiting_for_student(&self) -> bool {
        self.status == PlacementStatus::AwaitingStudent
    }

    /// Whether the viewer is a party that may end it (admins read only).
    pub fn may_end(&self) -> bool {
        self.open() && self.side != PlacementSide::Admin
    }

    /// Whether the student is still to say their age or send the guardian's link.
    pub fn student_to_answer(&self) -> bool {
        self.side == PlacementSide::Student && self.status == PlacementStatus::AwaitingConsent
    }
}

/// What the guardian's link shows: that placement's terms, nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentTerms {
    /// The student as they chose to be named to the shop, or "the student".
    pub student_label: String,
    pub shop_name: String,
    pub program_name: String,
    pub mentor: Option<String>,
    pub starts_on: String,
    pub ends_on: String,
    pub weekly_hours: u32,
    pub paid: bool,
    pub task_areas: Vec<SkillArea>,
}

/// The application page's placement section: the placement made from it, or (for the
/// shop, once the application is marked hired) what the form to make one offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementOfApplication {
    pub placement: Option<i64>,
    pub form: Option<PlacementFormData>,
}

/// What the shop's form to make a placement offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementFormData {
    pub mentors: Vec<PersonChoice>,
    /// The program the student named in the application, if any.
    pub program: Option<PersonChoice>,
    /// Verified school programs to choose from when the student named none.
    pub programs: Vec<PersonChoice>,
}

/// Where a placement made from an offer came from: the need and the partnership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementOrigin {
    pub need_id: i64,
    pub need_title: String,
    pub partnership_id: Option<i64>,
}

/// A placement made from an offer, as the partnership page lists it: no student's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferPlacementLine {
    pub id: i64,
    pub status: PlacementStatus,
    pub starts_on: String,
    pub ends_on: String,
}

/// An accepted internship or apprenticeship offer of a partnership: the placements made
/// from it and, for the verified shop's members, what the form to make another offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferPlacements {
    pub offer_id: i64,
    pub need_id: i64,
    pub need_title: String,
    pub need_kind: NeedKind,
    pub program_name: String,
    pub placements: Vec<OfferPlacementLine>,
    /// The shop's mentors to choose from; `None` for the program's members, or while the
    /// shop is not verified.
    pub mentors: Option<Vec<PersonChoice>>,
}

/// What a student's join link opens to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum JoinLink {
    /// Used, replaced by a newer one, expired, or its placement withdrawn.
    Dead,
    /// A live link, signed out: sign in or create an account first (no terms shown).
    SignInFirst,
    /// The placement's terms, and why this person cannot join it, if they cannot.
    Open { terms: ConsentTerms, refused: Option<String> },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip() {
        for status in PlacementStatus::ALL {
            assert_eq!(PlacementStatus::from_slug(status.slug()), Some(*status));
        }
    }
}
