//! One routed page per file.
pub mod account;
pub mod account_settings;
pub mod admin;
pub mod embed;
pub mod home;
pub mod insights;
pub mod moderation;
pub mod needs;
pub mod new_org;
pub mod not_found;
pub mod notifications;
pub mod openings;
pub mod organisation;
pub mod partnership;
pub mod program;
pub mod programs;
pub mod report;
