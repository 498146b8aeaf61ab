//! Programs near a place: an in-memory index over the imported programs (a few hundred
//! to a few hundred thousand points), rebuilt when an import changes them.

mod catalog;
mod clusters;
mod index;
mod load;
mod profile;
mod search;

pub use catalog::{ProgramCatalog, Snapshot};
pub use clusters::{BBox, Cluster, MapFeature, clusters};
pub use index::{Page, ProgramIndex};
pub use load::{ZipPlace, load_programs, zip_place};
pub use profile::profile;
pub use search::{SearchError, SearchOrigin, SearchResults, search};

/// A SYNTHETIC program at a point, for unit tests.
#[cfg(test)]
pub(crate) fn synthetic_program(
    unitid: i32,
    lat: f64,
    lon: f64,
    kind: domain::ProgramKind,
) -> domain::programs::ProgramSummary {
    domain::programs::ProgramSummary {
        unitid,
        name: format!("Synthetic {unitid}"),
        city: String::new(),
        state: "MI".into(),
        lat,
        lon,
        sector: None,
        kinds: vec![kind],
        award_levels: vec![domain::AwardLevel::Associate],
        completions: 1,
        programs: vec![domain::programs::Offering {
            kind,
            award: Some(domain::AwardLevel::Associate),
            ipeds_award_level: 3,
            completions: 1,
        }],
    }
}
