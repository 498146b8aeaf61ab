//! Career paths for students: the reviewed path files, the pay, programs and openings each
//! path's page shows for a ZIP code, and the paths students save.
pub mod catalog;
pub mod page;
pub mod saved;

pub use catalog::{Catalog, CatalogError, catalog};
