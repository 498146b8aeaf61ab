//! Bayline's data layer: connecting, migrating, and the queries each area needs.
//! Reads take `&impl ConnectionTrait`, so they work inside a transaction too; writes that read
//! first take `&DatabaseConnection`, to open their own `BEGIN IMMEDIATE` transaction
//! (`db::begin_write`: on SQLite a deferred one would fail when it came to write).

pub mod accounts;
pub mod alerts;
pub mod authz;
pub mod careers;
pub mod ctx;
pub mod db;
pub mod error;
pub mod events;
pub mod insights;
pub mod limits;
pub mod membership;
pub mod moderation;
pub mod needs;
pub mod notifications;
pub mod openings;
pub mod orgs;
pub mod partnerships;
pub mod placements;
pub mod programs;
pub mod refusals;
pub mod resources;
pub mod school_year;
pub mod schools;
pub mod site;
pub mod stats;
pub mod submissions;
pub mod synthetic;
#[cfg(feature = "testing")]
pub mod testing;

pub use ctx::Ctx;
pub use sea_orm::{DatabaseConnection, DbErr};
