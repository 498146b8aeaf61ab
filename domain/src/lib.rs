//! Domain vocabulary shared by every layer, including the WebAssembly client:
//! plain types with their parsing rules, and no I/O.

pub mod award_level;
pub mod program_kind;
pub mod totals;

pub use award_level::AwardLevel;
pub use program_kind::ProgramKind;
