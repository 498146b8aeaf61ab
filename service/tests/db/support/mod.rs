pub mod insights_data;
pub mod partners;
