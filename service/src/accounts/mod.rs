//! Accounts: password rules and hashing (sessions, sign-up and organisations build on it).
pub mod password;
pub mod sessions;
