pub mod exchange;
pub mod partners;
