//! One routed page per file.
pub mod account;
pub mod account_settings;
pub mod admin;
pub mod embed;
pub mod home;
pub mod needs;
pub mod new_org;
pub mod not_found;
pub mod openings;
pub mod organisation;
pub mod partnership;
pub mod program;
pub mod programs;
