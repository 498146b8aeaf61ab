//! Needs that verified school programs post for industry partners: internship hosts, guest
//! speakers, equipment and the like, with the skills and dates they concern.
use serde::{Deserialize, Serialize};

use crate::vocabulary;

vocabulary! {
    stored
    /// What a school program asks industry for.
    NeedKind {
        InternshipHosts => ("internship_hosts", "Internship hosts"),
        Apprenticeship => ("apprenticeship", "Apprenticeship / work-based learning"),
        JobPlacement => ("job_placement", "Job placement for graduates"),
        GuestSpeaker => ("guest_speaker", "Guest speaker"),
        ShopTour => ("shop_tour", "Shop tour"),
        EquipmentDonation => ("equipment_donation", "Equipment or tool donation"),
        AdvisoryCommittee => ("advisory_committee", "Advisory committee member"),
        EvAdasDemonstration => ("ev_adas_demo", "EV/ADAS demonstration"),
        CareerFair => ("career_fair", "Career fair"),
    }
}

vocabulary! {
    /// ASE certification areas a need concerns.
    SkillArea {
        A1 => ("a1", "A1 Engine repair"),
        A2 => ("a2", "A2 Automatic transmission/transaxle"),
        A3 => ("a3", "A3 Manual drive train and axles"),
        A4 => ("a4", "A4 Suspension and steering"),
        A5 => ("a5", "A5 Brakes"),
        A6 => ("a6", "A6 Electrical/electronic systems"),
        A7 => ("a7", "A7 Heating and air conditioning"),
        A8 => ("a8", "A8 Engine performance"),
        A9 => ("a9", "A9 Light vehicle diesel engines"),
        L1 => ("l1", "L1 Advanced engine performance"),
        L3 => ("l3", "L3 Light duty hybrid/electric vehicles"),
        TSeries => ("t_series", "T-series Medium/heavy truck"),
        BSeries => ("b_series", "B-series Collision repair and refinish"),
        G1 => ("g1", "G1 Auto maintenance and light repair"),
    }
}

vocabulary! {
    stored
    /// Where a need stands; only open needs are shown to the public.
    NeedStatus {
        Open => ("open", "Open"),
        Filled => ("filled", "Filled"),
        Closed => ("closed", "Closed"),
    }
}

/// A need as pages show it. Dates are ISO `yyyy-mm-dd`; `description_html` is the
/// Markdown rendered and sanitised on the server, safe to insert as HTML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedView {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub city: String,
    pub state: String,
    pub kind: NeedKind,
    pub title: String,
    pub description_html: String,
    pub students: u16,
    pub skills: Vec<SkillArea>,
    pub starts_on: String,
    pub ends_on: String,
    pub paid: bool,
    pub status: NeedStatus,
    /// Hidden by a moderator: only the program's members and admins still see it.
    pub hidden: bool,
    pub lat: f64,
    pub lon: f64,
    /// Great-circle miles from the search origin, when there is one.
    pub distance_mi: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip() {
        for kind in NeedKind::ALL {
            assert_eq!(NeedKind::from_slug(kind.slug()), Some(*kind));
        }
        for skill in SkillArea::ALL {
            assert_eq!(SkillArea::from_slug(skill.slug()), Some(*skill));
        }
        assert_eq!(NeedStatus::from_slug("filled"), Some(NeedStatus::Filled));
        assert_eq!(NeedKind::from_slug("astronaut"), None);
    }
}
