//! The background task of placements: once a week each coordinator gets a summary of last
//! week's placements. Every app server runs it; the service records each (coordinator,
//! week) under a primary key in the same transaction as the queued mail, so however many
//! servers share the database, a coordinator gets one summary a week.
use std::time::Duration;

use sea_orm::DatabaseConnection;

/// How often the week's summaries are looked for: the first look after Monday 00:00 UTC
/// sends them; every later one finds them sent.
pub const EVERY: Duration = Duration::from_secs(15 * 60);

/// Runs until the server stops.
pub async fn run(db: DatabaseConnection, site_url: String) {
    loop {
        match service::placements::summaries::run_due(&db, &site_url, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(sent) => tracing::info!(sent, "weekly placement summaries queued"),
            Err(error) => tracing::error!(%error, "could not queue weekly placement summaries"),
        }
        tokio::time::sleep(EVERY).await;
    }
}
