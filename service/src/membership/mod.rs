//! Paid memberships for shops, dealerships and OEMs: plans, partner discount codes,
//! checkout, invoices, payment and renewal reminders. Schools, instructors and students never
//! pay. Every amount is integer cents (see `domain::billing`).
pub mod standing;
