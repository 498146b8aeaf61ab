//! Importers for the official public datasets Bayline is built on.
//!
//! Each dataset is parsed completely and checked before anything is written; then it is
//! written in one transaction that replaces the previous import. A file whose bytes match
//! the last successful import is skipped, so running an import twice changes nothing.
//! A malformed file is refused with `file:line: what is wrong` and the database is left
//! exactly as it was.

mod completions;
mod error;
mod files;
mod institutions;
mod load;
mod oews;
mod school_import;
pub mod schools;
mod table;
mod zips;

pub use error::ImportError;
pub use files::{DataFiles, Dataset};
pub use load::{ImportOutcome, Progress, SilentProgress, import, import_all};
pub use school_import::{RowProgress, SchoolImport, check_schools, check_schools_all, import_schools, plan};
