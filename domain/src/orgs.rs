//! Organisations: shops and school programs, their kinds, sizes, accreditation and the
//! state of their verification.
use serde::{Deserialize, Serialize};

use crate::{ProgramKind, vocabulary};

vocabulary! {
    stored
    /// What an organisation is.
    OrgKind {
        Shop => ("shop", "Shop"),
        /// A program of an institution in IPEDS, claimed by its instructor.
        IpedsProgram => ("ipeds_program", "College program"),
        /// A program IPEDS does not list, above all high-school career and technical education.
        HighSchoolProgram => ("high_school_program", "High-school program"),
    }
}

vocabulary! {
    /// The kind of business a shop is.
    ShopType {
        IndependentRepair => ("independent_repair", "Independent repair"),
        Dealership => ("dealership", "Dealership"),
        Fleet => ("fleet", "Fleet"),
        Collision => ("collision", "Collision"),
        DieselHeavyTruck => ("diesel_heavy_truck", "Diesel / heavy truck"),
        TireQuickService => ("tire_quick_service", "Tire / quick service"),
        OemManufacturer => ("oem_manufacturer", "OEM / manufacturer"),
    }
}

vocabulary! {
    /// How many technicians a shop employs.
    SizeBand {
        Techs1To4 => ("1-4", "1–4 technicians"),
        Techs5To9 => ("5-9", "5–9 technicians"),
        Techs10To24 => ("10-24", "10–24 technicians"),
        Techs25To49 => ("25-49", "25–49 technicians"),
        Techs50Plus => ("50+", "50 or more technicians"),
    }
}

vocabulary! {
    /// ASE Education Foundation accreditation of a school program.
    Accreditation {
        None => ("none", "Not accredited"),
        AseMlr => ("ase_mlr", "ASE accredited — Maintenance & Light Repair (MLR)"),
        AseAst => ("ase_ast", "ASE accredited — Automobile Service Technology (AST)"),
        AseMast => ("ase_mast", "ASE accredited — Master Automobile Service Technology (MAST)"),
        AseCollision => ("ase_collision", "ASE accredited — Collision repair"),
        AseTruck => ("ase_truck", "ASE accredited — Medium/heavy truck"),
    }
}

vocabulary! {
    stored
    /// Where an organisation is in verification. Only verified organisations are shown to
    /// students and on the map; a suspended one (an admin's moderation decision, which can be
    /// lifted) is hidden like an unverified one and its members can no longer post.
    OrgStatus {
        Pending => ("pending", "Waiting for verification"),
        Verified => ("verified", "Verified"),
        Rejected => ("rejected", "Not verified"),
        Suspended => ("suspended", "Suspended"),
    }
}

vocabulary! {
    stored
    /// A member's role: owners manage members and the organisation's profile.
    MemberRole {
        Owner => ("owner", "Owner"),
        Member => ("member", "Member"),
    }
}

/// An organisation as its public page and member pages show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgProfile {
    pub id: i64,
    pub kind: OrgKind,
    pub name: String,
    pub shop_type: Option<ShopType>,
    pub size_band: Option<SizeBand>,
    pub street: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub lat: f64,
    pub lon: f64,
    pub website: String,
    pub unitid: Option<i32>,
    pub program_kinds: Vec<ProgramKind>,
    pub accreditation: Option<Accreditation>,
    pub status: OrgStatus,
    /// Why it was not verified (shown to its members and admins only).
    pub status_reason: String,
}

/// A verified high-school (or other non-IPEDS) program, as the map and lists show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolPin {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub state: String,
    pub lat: f64,
    pub lon: f64,
    pub kinds: Vec<ProgramKind>,
    /// Great-circle miles from the search origin, when there is one.
    pub distance_mi: Option<f64>,
}

/// A member as the organisation's page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: i64,
    /// The name the person chose (never their e-mail address).
    pub name: String,
    /// Where their address is ("example.com"), so colleagues can tell two people of one
    /// name apart and spot an outsider.
    pub email_domain: String,
    pub role: MemberRole,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_serialise_as_slugs() {
        for shop in ShopType::ALL {
            assert_eq!(ShopType::from_slug(shop.slug()), Some(*shop));
        }
        assert_eq!(SizeBand::from_slug("50+"), Some(SizeBand::Techs50Plus));
        assert_eq!(Accreditation::from_slug("ase_mast"), Some(Accreditation::AseMast));
        assert_eq!(OrgStatus::from_slug("archived"), None);
    }
}

vocabulary! {
    stored
    /// Where an instructor's claim on a program stands: checked by admins (`pending`), or
    /// waiting for the program's instructors already on Bayline, then decided.
    ClaimStatus {
        Pending => ("pending", "Waiting for Bayline's admins"),
        Waiting => ("waiting", "Waiting for the program's instructors"),
        Verified => ("verified", "Verified"),
        Accepted => ("accepted", "Accepted by the program's instructors"),
        Refused => ("refused", "Refused"),
        Withdrawn => ("withdrawn", "Withdrawn"),
    }
}

/// The host of a web address as IPEDS records it ("www.abc.edu/", "https://abc.edu/auto"),
/// lower-cased and without `www.`: what a school claim compares an e-mail domain with, and
/// what the claim page shows.
pub fn site_host(website: &str) -> Option<String> {
    let lower = website.trim().to_ascii_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?.trim_start_matches("www.");
    (host.contains('.') && !host.starts_with('.')).then(|| host.to_string())
}
