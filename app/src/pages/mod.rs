//! One routed page per file.
pub mod account;
pub mod account_settings;
pub mod embed;
pub mod home;
pub mod not_found;
pub mod program;
pub mod programs;
