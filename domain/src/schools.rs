//! School listings an operator imports (a state CTE office's, an association's list of the
//! schools that teach automotive): what level a school is, and how a listing is shown. A
//! listing is not an organisation: nobody on Bayline speaks for it until an instructor
//! claims it, so it never shows as verified, and everything it shows says where it came from.
use serde::{Deserialize, Serialize};

use crate::{ProgramKind, vocabulary};

vocabulary! {
    stored
    /// What kind of school a listing is.
    SchoolLevel {
        HighSchool => ("high_school", "High school"),
        CteCenter => ("cte_center", "Career and technical center"),
        Postsecondary => ("postsecondary", "College or technical school"),
    }
}

/// An imported, not yet claimed school as the map, the finder and the API show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListingView {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub level: SchoolLevel,
    pub kinds: Vec<ProgramKind>,
    pub lat: f64,
    pub lon: f64,
    /// Where the point is from: the list's own coordinates, or the ZIP code's centroid.
    pub located_by_zip: bool,
    /// The list it came from, as its importer named it, and the line it is on.
    pub source: String,
    pub source_line: u32,
    /// Great-circle miles from a search's origin, when there is one.
    pub distance_mi: Option<f64>,
}

/// One imported list as the admins' import page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSummary {
    pub source: String,
    pub schools: u64,
    /// Of them, taken over by a verified claim.
    pub claimed: u64,
}

/// What importing an uploaded list would do: its problems (`file:line: what is wrong`, the
/// list is then refused whole), or the schools it would add and update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub id: i64,
    pub file_name: String,
    pub source: String,
    pub problems: Vec<String>,
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub unchanged: usize,
}

/// An imported listing as the "add your program" form fills itself from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingPrefill {
    pub id: i64,
    pub name: String,
    pub street: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub kinds: Vec<ProgramKind>,
    /// `https://` and the host the list gave, or empty.
    pub website: String,
    /// The list's web host when an instructor's verified address there verifies the program
    /// at once (a host only a school gets, given by no other listing or IPEDS institution).
    pub at_once_host: Option<String>,
    pub source: String,
    pub source_line: u32,
}
