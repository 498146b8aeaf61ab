//! The server's HTTP tests: routes, forms and the JSON API through the whole router.
//! One binary, a module per area: the crate's dependencies are linked once, not once per file.
mod accounts;
mod alerts_http;
mod api;
mod authorization;
mod caching;
mod connections;
mod events_http;
mod feeds;
mod insights_forms;
mod insights_http;
mod mail;
mod membership_forms;
mod placement_offers_http;
mod placement_records_http;
mod placements_http;
mod refusals;
mod resources_http;
mod router;
mod school_invites_http;
mod school_year_http;
mod schools_http;
mod second_factor;
mod self_service;
mod support;
mod typed_values;
