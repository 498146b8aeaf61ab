//! Paid memberships for shops, dealerships and OEMs: plans, partner discount codes,
//! checkout, invoices, payment and renewal reminders. Schools, instructors and students never
//! pay. Every amount is integer cents (see `domain::billing`).
pub mod billing;
pub mod checkout;
pub mod codes;
#[cfg(feature = "testing")]
pub mod fixtures;
pub mod invoices;
pub mod overview;
pub mod payments;
pub mod plans;
pub mod reminders;
pub mod standing;
