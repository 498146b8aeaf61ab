//! Reusable views.
pub mod format;
pub mod layout;
pub mod sources;
pub mod zip_search;
