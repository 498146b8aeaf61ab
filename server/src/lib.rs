//! The `bayline` binary's library: configuration, the HTTP router and start-up.
pub mod alert_digests;
pub mod api;
pub mod client;
pub mod config;
pub mod connections;
pub mod event_reminders;
pub mod feeds;
pub mod form_refusals;
pub mod forms;
pub mod health;
pub mod mailer;
pub mod page_world;
pub mod placement_summaries;
pub mod progress;
pub mod refusals;
pub mod renewals;
pub mod routes;
pub mod run;
pub mod security;
pub mod static_files;
pub mod telemetry;

pub use routes::router;
