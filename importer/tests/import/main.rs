//! The importer's tests: real files, malformed files, idempotency.
//! One binary, a module per area: the crate's dependencies are linked once, not once per file.
mod common;
mod idempotency;
mod malformed;
mod malformed_zip_wages;
mod real_data;
mod schools;
mod tolerated;
mod zip_prefixes;
