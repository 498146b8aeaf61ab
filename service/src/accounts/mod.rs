//! Accounts: sign-up with email verification, sign-in with throttling, server-side
//! sessions with an optional second factor (required for admins) and the list of signed-in
//! devices, and the outbox and audit log they write to; self-service (password reset and
//! change, email change, data export, deletion).
pub mod activity;
pub mod admins;
pub mod audit;
pub mod challenge;
pub mod changes;
pub mod deletion;
pub mod devices;
pub mod email;
pub mod names;
pub mod outbox;
pub mod password;
pub mod privacy;
pub mod recovery;
pub mod second_factor;
pub mod sessions;
pub mod tokens;
pub mod totp;
pub mod users;
pub mod zone;
