//! Helpers shared by the server's integration tests (each test file uses some of them).
#![allow(dead_code)]
pub mod http;
pub mod smtp_sink;
