//! Server functions, one file per area. Thin: parse, call one service, map to a DTO.
pub mod account;
pub mod programs;
pub mod stats;
