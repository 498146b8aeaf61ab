//! Domain vocabulary shared by every layer, including the WebAssembly client:
//! plain types with their parsing rules, and no I/O.

pub mod alerts;
pub mod award_level;
pub mod billing;
pub mod careers;
pub mod disclosure;
pub mod divisions;
pub mod estimator;
pub mod events;
pub mod geo;
pub mod ics;
pub mod insights;
pub mod insights_progress;
pub mod insights_table;
pub mod insights_view;
pub mod moderation;
pub mod needs;
pub mod notifications;
pub mod numbers;
pub mod openings;
pub mod orgs;
pub mod params;
pub mod partnerships;
pub mod placement_records;
pub mod placements;
pub mod program_kind;
pub mod programs;
pub mod refusal;
pub mod resources;
pub mod school_invites;
pub mod school_year;
pub mod schools;
pub mod sector;
pub mod sources;
pub mod states;
pub mod time;
pub mod totals;
pub mod vocabulary;
pub mod zip;
pub mod zip_prefix;

pub use award_level::AwardLevel;
pub use geo::LatLon;
pub use program_kind::ProgramKind;
pub use sector::Sector;
pub use zip::Zip;
