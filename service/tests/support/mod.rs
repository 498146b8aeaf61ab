pub mod partners;
