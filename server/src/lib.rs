//! The `bayline` binary's library: configuration, the HTTP router and start-up.
pub mod account_forms;
pub mod api;
pub mod auth;
pub mod career_forms;
pub mod config;
pub mod forms;
pub mod health;
pub mod insights_download;
pub mod insights_forms;
pub mod mailer;
pub mod membership_forms;
pub mod moderation_forms;
pub mod need_forms;
pub mod notification_forms;
pub mod opening_forms;
pub mod org_forms;
pub mod partnership_forms;
pub mod progress;
pub mod renewals;
pub mod resource_forms;
pub mod routes;
pub mod run;
pub mod security;
pub mod telemetry;

pub use routes::router;
