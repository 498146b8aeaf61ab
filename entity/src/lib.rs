//! Database entities. Server-only: nothing here is compiled to WebAssembly.

pub mod import_run;
pub mod institution;
pub mod oews_wage;
pub mod program_completion;
pub mod zip_centroid;
