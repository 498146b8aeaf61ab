//! Accounts: sign-up with email verification, sign-in with throttling, server-side
//! sessions, and the outbox and audit log they write to; self-service (password reset and
//! change, email change, data export, deletion).
pub mod activity;
pub mod admins;
pub mod audit;
pub mod changes;
pub mod deletion;
pub mod email;
pub mod outbox;
pub mod password;
pub mod privacy;
pub mod recovery;
pub mod sessions;
pub mod tokens;
pub mod users;
