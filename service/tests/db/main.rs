//! The service's tests against SQLite and PostgreSQL.
//! One binary, a module per area: the crate's dependencies are linked once, not once per file.
mod accounts;
mod admins;
mod applications;
mod careers;
mod connect;
mod deletion;
mod events;
mod insights;
mod insights_differencing;
mod membership;
mod migrations;
mod moderation;
mod needs;
mod notifications;
mod openings;
mod orgs;
mod outbox;
mod partnerships;
mod programs_near_real_data;
mod resources_visibility;
mod resources_writing;
mod second_factor;
mod self_service;
mod sessions;
mod stats;
mod support;
