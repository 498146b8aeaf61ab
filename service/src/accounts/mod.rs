//! Accounts: sign-up with email verification, sign-in with throttling, server-side
//! sessions, and the outbox and audit log they write to.
pub mod admins;
pub mod audit;
pub mod email;
pub mod outbox;
pub mod password;
pub mod sessions;
pub mod tokens;
pub mod users;
