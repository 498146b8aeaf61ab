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
