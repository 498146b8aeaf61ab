//! Migrations own the schema; the server runs them at start-up.
pub use sea_orm_migration::prelude::*;

mod columns;
mod m20261122_000001_reference_data;
mod m20261122_000002_accounts;
mod m20261122_000003_audit_indexes;
mod m20261122_000004_organisations;
mod m20261122_000005_needs;
mod m20261122_000006_partnerships;
mod m20261122_000007_notifications;
mod m20261122_000008_openings;
mod m20261122_000009_moderation;
mod m20261122_000010_pay_exchange;
mod m20261130_000011_saved_paths;
mod m20261130_000012_memberships;
mod m20261130_000013_events;
mod m20261130_000014_resources;
mod m20261203_000015_published_quarters;
mod m20261203_000016_school_claims;
mod m20261203_000017_second_factor;
mod m20261206_000018_form_refusals;
mod m20261206_000019_billing_details;
mod m20261206_000020_site_settings;
mod m20261206_000021_display_names;
mod m20261207_000022_application_conversations;
mod m20261207_000023_time_zones;
mod m20261208_000030_census_divisions;
mod m20261209_000031_saved_searches;
mod m20261210_000032_school_listings;
mod m20261211_000033_school_invites;
mod m20261211_000034_school_year;
mod m20261212_000035_placements;
mod m20261213_000036_placement_records;
mod m20261214_000037_placement_offers;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_reference_data::Migration),
            Box::new(m20261122_000002_accounts::Migration),
            Box::new(m20261122_000003_audit_indexes::Migration),
            Box::new(m20261122_000004_organisations::Migration),
            Box::new(m20261122_000005_needs::Migration),
            Box::new(m20261122_000006_partnerships::Migration),
            Box::new(m20261122_000007_notifications::Migration),
            Box::new(m20261122_000008_openings::Migration),
            Box::new(m20261122_000009_moderation::Migration),
            Box::new(m20261122_000010_pay_exchange::Migration),
            Box::new(m20261130_000011_saved_paths::Migration),
            Box::new(m20261130_000012_memberships::Migration),
            Box::new(m20261130_000013_events::Migration),
            Box::new(m20261130_000014_resources::Migration),
            Box::new(m20261203_000015_published_quarters::Migration),
            Box::new(m20261203_000016_school_claims::Migration),
            Box::new(m20261203_000017_second_factor::Migration),
            Box::new(m20261206_000018_form_refusals::Migration),
            Box::new(m20261206_000019_billing_details::Migration),
            Box::new(m20261206_000020_site_settings::Migration),
            Box::new(m20261206_000021_display_names::Migration),
            Box::new(m20261207_000022_application_conversations::Migration),
            Box::new(m20261207_000023_time_zones::Migration),
            Box::new(m20261208_000030_census_divisions::Migration),
            Box::new(m20261209_000031_saved_searches::Migration),
            Box::new(m20261210_000032_school_listings::Migration),
            Box::new(m20261211_000033_school_invites::Migration),
            Box::new(m20261211_000034_school_year::Migration),
            Box::new(m20261212_000035_placements::Migration),
            Box::new(m20261213_000036_placement_records::Migration),
            Box::new(m20261214_000037_placement_offers::Migration),
        ]
    }
}
