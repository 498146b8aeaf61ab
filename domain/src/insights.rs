//! The Industry Data Exchange's vocabulary: the roles shops report pay for (and the BLS
//! occupation each matches), pay types, experience bands, certification, benefits, the
//! customer labor-rate kinds, shop-type groups, calendar quarters and who sees what.
//! The disclosure rules themselves are in [`crate::disclosure`].
use serde::{Deserialize, Serialize};

use crate::{orgs::ShopType, vocabulary};

vocabulary! {
    stored
    /// A job a shop reports pay for.
    Role {
        LubeExpress => ("lube_express", "Lube / express technician"),
        EntryLevel => ("entry_level", "Entry-level technician"),
        GeneralService => ("general_service", "General service technician"),
        MasterTech => ("master_tech", "Master / A-level technician"),
        Diagnostic => ("diagnostic", "Diagnostic specialist"),
        Diesel => ("diesel", "Diesel technician"),
        Collision => ("collision", "Collision technician"),
        Painter => ("painter", "Painter"),
        ServiceAdvisor => ("service_advisor", "Service advisor"),
        ShopForeman => ("shop_foreman", "Shop foreman"),
    }
}

impl Role {
    /// The BLS SOC occupation whose OEWS wages stand beside this role's figures. Service
    /// advisors (a sales occupation) and foremen (first-line supervisors, 49-1011) have no
    /// occupation in the technician extract Bayline imports, so they get none rather than a
    /// misleading one.
    pub fn soc(self) -> Option<&'static str> {
        match self {
            Self::LubeExpress
            | Self::EntryLevel
            | Self::GeneralService
            | Self::MasterTech
            | Self::Diagnostic => Some("49-3023"),
            Self::Diesel => Some("49-3031"),
            Self::Collision | Self::Painter => Some("49-3021"),
            Self::ServiceAdvisor | Self::ShopForeman => None,
        }
    }
}

vocabulary! {
    /// How a role is paid.
    PayType {
        Hourly => ("hourly", "Hourly"),
        FlatRate => ("flat_rate", "Flat rate (per flagged hour)"),
        Salary => ("salary", "Salary"),
    }
}

vocabulary! {
    /// Years of experience of the technicians a pay row covers.
    ExperienceBand {
        UpTo2 => ("0-2", "Up to 2 years"),
        From3To5 => ("3-5", "3–5 years"),
        From6To10 => ("6-10", "6–10 years"),
        Over10 => ("11+", "11 years or more"),
    }
}

vocabulary! {
    /// ASE certification of the technicians a pay row covers.
    Certification {
        None => ("none", "No ASE certification"),
        Certified => ("certified", "ASE certified"),
        Master => ("master", "ASE Master"),
    }
}

vocabulary! {
    /// A benefit a shop offers; prevalence is the share of shops offering it.
    Benefit {
        HealthInsurance => ("health_insurance", "Health insurance"),
        RetirementMatch => ("retirement_match", "Retirement match"),
        ToolAllowance => ("tool_allowance", "Tool allowance"),
        PaidTraining => ("paid_training", "Paid training"),
        AseReimbursement => ("ase_reimbursement", "ASE test reimbursement"),
        Uniforms => ("uniforms", "Uniforms"),
        PaidTimeOff => ("paid_time_off", "Paid time off"),
        SignOnBonus => ("sign_on_bonus", "Sign-on bonus"),
    }
}

vocabulary! {
    /// A customer labor rate a shop charges, in dollars per hour.
    LaborKind {
        Mechanical => ("mechanical", "Mechanical"),
        Diesel => ("diesel", "Diesel"),
        Body => ("body", "Body"),
        Paint => ("paint", "Paint"),
    }
}

vocabulary! {
    /// Groups of shop types that partition shops; insights filter by group, never by a
    /// single rare type, so cells stay large (see docs/privacy.md).
    ShopGroup {
        Dealer => ("dealer", "Dealerships and OEM"),
        Independent => ("independent", "Independent and quick service"),
        FleetDiesel => ("fleet_diesel", "Fleet and diesel"),
        Collision => ("collision", "Collision"),
    }
}

impl ShopGroup {
    pub fn of(shop_type: ShopType) -> Self {
        match shop_type {
            ShopType::Dealership | ShopType::OemManufacturer => Self::Dealer,
            ShopType::IndependentRepair | ShopType::TireQuickService => Self::Independent,
            ShopType::Fleet | ShopType::DieselHeavyTruck => Self::FleetDiesel,
            ShopType::Collision => Self::Collision,
        }
    }
}

vocabulary! {
    /// How many shops or technicians a figure rests on, shown as a band, never exactly.
    CountBand {
        From5To14 => ("5-14", "5–14"),
        From15To49 => ("15-49", "15–49"),
        From50 => ("50+", "50 or more"),
    }
}

vocabulary! {
    /// What a viewer may see ("give to get").
    Access {
        /// Anyone, students included: OEWS figures and national medians by role.
        Public => ("public", "Public"),
        /// Members of a verified shop that has not contributed in the last 12 months:
        /// national, Census division and state medians.
        Member => ("member", "Shop member"),
        /// Members of a shop that contributed in the last 12 months: every filter.
        Contributor => ("contributor", "Contributing shop"),
        /// Members of a shop whose paid membership unlocks every filter: what a contributor
        /// sees, bought instead of earned.
        PaidMember => ("paid_member", "Paying member"),
    }
}

impl Access {
    /// Every filter, the quartiles and benefits.
    pub fn is_full(self) -> bool {
        matches!(self, Self::Contributor | Self::PaidMember)
    }
}

/// A calendar quarter, written `2026-Q1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub q: u8,
}

impl Quarter {
    pub fn new(year: i32, q: u8) -> Option<Self> {
        (1..=4).contains(&q).then_some(Self { year, q })
    }

    /// The quarter a month (1–12) of a year falls in.
    pub fn of_month(year: i32, month: u32) -> Self {
        Self { year, q: ((month.clamp(1, 12) - 1) / 3 + 1) as u8 }
    }

    pub fn parse(text: &str) -> Option<Self> {
        let (year, q) = text.split_once("-Q")?;
        Self::new(year.parse().ok()?, q.parse().ok()?)
    }

    pub fn previous(self) -> Self {
        if self.q == 1 { Self { year: self.year - 1, q: 4 } } else { Self { year: self.year, q: self.q - 1 } }
    }

    pub fn next(self) -> Self {
        if self.q == 4 { Self { year: self.year + 1, q: 1 } } else { Self { year: self.year, q: self.q + 1 } }
    }

    /// The first month (1–12) after the quarter ends, and its year.
    pub fn month_after_end(self) -> (i32, u32) {
        let next = self.next();
        (next.year, (next.q as u32 - 1) * 3 + 1)
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-Q{}", self.year, self.q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_map_to_the_three_technician_occupations_or_none() {
        assert_eq!(Role::MasterTech.soc(), Some("49-3023"));
        assert_eq!(Role::Diesel.soc(), Some("49-3031"));
        assert_eq!(Role::Painter.soc(), Some("49-3021"));
        assert_eq!(Role::ServiceAdvisor.soc(), None);
        assert_eq!(Role::ALL.len(), 10);
        for role in Role::ALL {
            assert_eq!(Role::from_slug(role.slug()), Some(*role));
        }
    }

    #[test]
    fn shop_groups_partition_the_shop_types() {
        for group in ShopGroup::ALL {
            let members = ShopType::ALL.iter().filter(|t| ShopGroup::of(**t) == *group).count();
            assert!(members >= 1, "{group:?} is empty");
        }
        assert_eq!(ShopGroup::of(ShopType::OemManufacturer), ShopGroup::Dealer);
    }

    #[test]
    fn quarters_parse_print_and_step() {
        let q = Quarter::parse("2026-Q1").unwrap();
        assert_eq!(q.to_string(), "2026-Q1");
        assert_eq!(q.previous().to_string(), "2025-Q4");
        assert_eq!(Quarter::parse("2025-Q4").unwrap().next(), q);
        assert_eq!(Quarter::of_month(2026, 12), Quarter::new(2026, 4).unwrap());
        assert_eq!(Quarter::new(2025, 4).unwrap().month_after_end(), (2026, 1));
        assert_eq!(Quarter::parse("2026-Q5"), None);
        assert_eq!(Quarter::parse("2026Q1"), None);
    }
}

vocabulary! {
    stored
    /// Where a shop's pay submission stands in review: counted, held (an outlier waiting for
    /// an admin), or rejected. Its own shop is told less (app `SubmissionStatus`).
    ReviewStatus {
        Accepted => ("accepted", "Counted"),
        Held => ("held", "Held for review"),
        Rejected => ("rejected", "Rejected"),
    }
}
