//! Server functions, one file per area. Thin: parse, call one service, map to a DTO.
pub mod account;
pub mod admin;
pub mod careers;
pub mod events;
pub mod insights;
pub mod insights_contribute;
pub mod membership;
pub mod moderation;
pub mod needs;
pub mod notifications;
pub mod openings;
pub mod orgs;
pub mod partnerships;
pub mod programs;
pub mod resources;
pub mod session;
pub mod stats;
