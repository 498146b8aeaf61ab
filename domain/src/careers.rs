//! Career paths for students: ladders of steps, each tied to the ASE certifications that
//! matter, the training that leads there and the BLS occupation whose wages describe it.
//! The paths themselves are reviewed data files (`careers/*.toml`), loaded and checked by
//! the service layer; this module holds the closed vocabularies they may use and what the
//! pages show.
use serde::{Deserialize, Serialize};

use crate::{
    ProgramKind,
    disclosure::Suppressed,
    insights::{Quarter, Role},
    insights_view::OewsFigure,
    openings::OpeningView,
    programs::NearbyProgram,
    vocabulary,
};

vocabulary! {
    /// An ASE certification test, by the code and name ASE publishes. Only tests whose
    /// names are settled are listed; a path naming any other code is refused at start.
    AseTest {
        A1 => ("A1", "A1 Engine Repair"),
        A2 => ("A2", "A2 Automatic Transmission/Transaxle"),
        A3 => ("A3", "A3 Manual Drive Train & Axles"),
        A4 => ("A4", "A4 Suspension & Steering"),
        A5 => ("A5", "A5 Brakes"),
        A6 => ("A6", "A6 Electrical/Electronic Systems"),
        A7 => ("A7", "A7 Heating & Air Conditioning"),
        A8 => ("A8", "A8 Engine Performance"),
        A9 => ("A9", "A9 Light Vehicle Diesel Engines"),
        G1 => ("G1", "G1 Auto Maintenance and Light Repair"),
        L1 => ("L1", "L1 Advanced Engine Performance Specialist"),
        L2 => ("L2", "L2 Electronic Diesel Engine Diagnosis Specialist"),
        L3 => ("L3", "L3 Light Duty Hybrid/Electric Vehicle Specialist"),
        T1 => ("T1", "T1 Gasoline Engines"),
        T2 => ("T2", "T2 Diesel Engines"),
        T3 => ("T3", "T3 Drive Train"),
        T4 => ("T4", "T4 Brakes"),
        T5 => ("T5", "T5 Suspension & Steering"),
        T6 => ("T6", "T6 Electrical/Electronic Systems"),
        T8 => ("T8", "T8 Preventive Maintenance Inspection"),
        B2 => ("B2", "B2 Painting & Refinishing"),
        B3 => ("B3", "B3 Non-Structural Analysis & Damage Repair"),
        B4 => ("B4", "B4 Structural Analysis & Damage Repair"),
        B5 => ("B5", "B5 Mechanical & Electrical Components"),
        B6 => ("B6", "B6 Damage Analysis & Estimating"),
        C1 => ("C1", "C1 Automobile Service Consultant"),
    }
}

vocabulary! {
    /// The BLS SOC occupations of the OEWS extract Bayline imports (and no other: a step
    /// whose work matches none of them shows no BLS figure rather than a misleading one).
    Occupation {
        AutomotiveTechnicians => ("49-3023", "Automotive Service Technicians and Mechanics"),
        DieselSpecialists => ("49-3031", "Bus and Truck Mechanics and Diesel Engine Specialists"),
        BodyRepairers => ("49-3021", "Automotive Body and Related Repairers"),
    }
}

vocabulary! {
    /// A kind of training that leads to a step.
    Training {
        HighSchoolCte => ("high_school_cte", "High-school career and technical education"),
        Certificate => ("certificate", "Certificate program"),
        Associate => ("associate", "Associate degree"),
        Manufacturer => ("manufacturer", "Manufacturer training program"),
        Apprenticeship => ("apprenticeship", "Apprenticeship"),
        OnTheJob => ("on_the_job", "Experience on the job"),
        Business => ("business", "Business or management courses"),
    }
}

vocabulary! {
    /// Where a step's pay usually sits within its occupation's OEWS wage distribution.
    /// An estimate by the path's authors, always shown as one.
    Band {
        Entry => ("p10-p25", "10th to 25th percentile"),
        Developing => ("p25-median", "25th percentile to median"),
        Established => ("median-p75", "median to 75th percentile"),
        Top => ("p75-p90", "75th to 90th percentile"),
    }
}

impl Band {
    /// Positions of the band's ends in an OEWS figure's `[p10, p25, median, p75, p90]`.
    pub fn ends(self) -> (usize, usize) {
        match self {
            Self::Entry => (0, 1),
            Self::Developing => (1, 2),
            Self::Established => (2, 3),
            Self::Top => (3, 4),
        }
    }

    /// The band's ends in a row of five percentiles, when BLS published both.
    pub fn of(self, percentiles: &[Option<f64>; 5]) -> Option<(f64, f64)> {
        let (low, high) = self.ends();
        Some((percentiles[low]?, percentiles[high]?))
    }
}

/// One rung of a ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareerStep {
    /// Unique within its path; used in URLs (`/careers/{path}/{step}`).
    pub slug: String,
    pub title: String,
    /// What the work is: Markdown from the data file, rendered and sanitised on the server.
    pub work_html: String,
    /// Typical time to reach the step, e.g. "2–4 years".
    pub time_to_reach: String,
    pub training: Vec<Training>,
    /// Specifics of the training (which certificate, which manufacturer programs).
    pub training_note: String,
    pub ase: Vec<AseTest>,
    /// The BLS occupation whose wages describe this step, and where in them it sits.
    pub wage: Option<(Occupation, Band)>,
    /// Why this step's band is the same as the step before it (required then: two steps of a
    /// ladder showing one pay range must say why).
    pub band_note: String,
    /// The Industry Data Exchange role whose median stands beside the OEWS figures.
    pub role: Option<Role>,
}

/// A ladder of steps, from the first job to the top of the trade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareerPath {
    pub slug: String,
    pub title: String,
    /// Markdown, rendered and sanitised on the server.
    pub summary_html: String,
    /// The program kinds that train for this path (the nearest programs are of these).
    pub program_kinds: Vec<ProgramKind>,
    pub steps: Vec<CareerStep>,
}

impl CareerPath {
    pub fn step(&self, slug: &str) -> Option<&CareerStep> {
        self.steps.iter().find(|s| s.slug == slug)
    }

    /// Every occupation the path's steps use, each once.
    pub fn occupations(&self) -> Vec<Occupation> {
        let mut out: Vec<Occupation> = self.steps.iter().filter_map(|s| s.wage.map(|(o, _)| o)).collect();
        out.sort();
        out.dedup();
        out
    }

    /// Every Industry Data Exchange role the path's steps use, each once.
    pub fn roles(&self) -> Vec<Role> {
        let mut out: Vec<Role> = self.steps.iter().filter_map(|s| s.role).collect();
        out.sort();
        out.dedup();
        out
    }
}

/// A ZIP code a visitor gave, resolved to its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZipPlace {
    pub zip: String,
    pub city: String,
    /// USPS code; empty when the ZIP's source gives none (some Census ZCTA points).
    pub state: String,
}

/// The OEWS row shown for an occupation, and whether it is the national row standing in
/// for a state BLS did not publish.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaWage {
    pub occupation: Occupation,
    pub figure: OewsFigure,
    /// A state was asked for, BLS published no row for it, and this is the national row.
    pub fell_back: bool,
}

/// The Industry Data Exchange's national median for a role, as the public may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeMedian {
    pub role: Role,
    /// Annual median in cents, or why it is not shown.
    pub median_annual_cents: Result<i64, Suppressed>,
    /// The quarter it describes.
    pub quarter: Option<Quarter>,
}

/// Everything a path's page shows for a visitor (and a ZIP, when given).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareerPathPage {
    pub path: CareerPath,
    /// The ZIP as typed (trimmed), when one was given.
    pub zip: Option<String>,
    pub place: Option<ZipPlace>,
    /// Why the ZIP could not be used (the page then keeps the national figures).
    pub zip_problem: Option<String>,
    /// One per occupation the path uses: the ZIP's state row, or the national one.
    pub wages: Vec<AreaWage>,
    pub exchange: Vec<ExchangeMedian>,
    /// Nearest programs teaching the path's kinds, within `programs_radius_mi`.
    pub programs: Vec<NearbyProgram>,
    pub programs_radius_mi: u16,
    /// Open openings within `programs_radius_mi`.
    pub openings: Vec<OpeningView>,
    /// `None` when nobody is signed in; else whether the person saved this path.
    pub saved: Option<bool>,
}

impl CareerPathPage {
    pub fn wage_of(&self, occupation: Occupation) -> Option<&AreaWage> {
        self.wages.iter().find(|w| w.occupation == occupation)
    }

    pub fn exchange_of(&self, role: Role) -> Option<&ExchangeMedian> {
        self.exchange.iter().find(|e| e.role == role)
    }
}

/// A path as the list of paths and the account page show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareerPathSummary {
    pub slug: String,
    pub title: String,
    pub summary_html: String,
    pub steps: Vec<String>,
}

impl From<&CareerPath> for CareerPathSummary {
    fn from(path: &CareerPath) -> Self {
        Self {
            slug: path.slug.clone(),
            title: path.title.clone(),
            summary_html: path.summary_html.clone(),
            steps: path.steps.iter().map(|s| s.title.clone()).collect(),
        }
    }
}

/// `$52,340` from dollars (OEWS annual figures are whole dollars).
pub fn annual_dollars(value: f64) -> String {
    crate::openings::dollars((value * 100.0).round() as i64)
}

/// `$24.34` from dollars an hour (always with cents).
pub fn hourly_dollars(value: f64) -> String {
    let cents = (value * 100.0).round() as i64;
    format!("${}.{:02}", cents / 100, cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip() {
        for test in AseTest::ALL {
            assert_eq!(AseTest::from_slug(test.slug()), Some(*test));
            assert!(test.label().starts_with(test.slug()), "{test:?}");
        }
        assert_eq!(AseTest::from_slug("A10"), None);
        assert_eq!(Occupation::from_slug("49-3023"), Some(Occupation::AutomotiveTechnicians));
        assert_eq!(Occupation::from_slug("49-1011"), None);
        assert_eq!(Band::from_slug("p10-p25"), Some(Band::Entry));
    }

    #[test]
    fn occupations_match_the_exchange_roles() {
        // The Industry Data Exchange maps roles to the same three SOC codes.
        for role in Role::ALL {
            if let Some(soc) = role.soc() {
                assert!(Occupation::from_slug(soc).is_some(), "{role:?}");
            }
        }
    }

    #[test]
    fn bands_take_their_ends_from_the_percentiles() {
        let row = [Some(10.0), Some(20.0), Some(30.0), Some(40.0), None];
        assert_eq!(Band::Entry.of(&row), Some((10.0, 20.0)));
        assert_eq!(Band::Established.of(&row), Some((30.0, 40.0)));
        assert_eq!(Band::Top.of(&row), None, "a missing end hides the band");
    }

    #[test]
    fn money_formats() {
        assert_eq!(annual_dollars(50620.0), "$50,620");
        assert_eq!(hourly_dollars(24.34), "$24.34");
        assert_eq!(hourly_dollars(16.6), "$16.60");
    }
}
