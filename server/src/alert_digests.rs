//! The background task of saved searches: every few minutes it sends the digests that are
//! due. Every app server runs it; the service claims each person's due searches with a
//! conditional UPDATE and records each item told under a primary key, so however many
//! servers share the database, a digest goes out once and an item reaches a person once.
use std::time::Duration;

use sea_orm::DatabaseConnection;

/// How often due searches are looked for: "immediately" means within these few minutes.
pub const EVERY: Duration = Duration::from_secs(5 * 60);

/// Runs until the server stops.
pub async fn run(db: DatabaseConnection, site_url: String) {
    loop {
        match service::alerts::digest::run_due(&db, &site_url, chrono::Utc::now()).await {
            Ok(report) if report.notices == 0 => {}
            Ok(report) => {
                tracing::info!(emails = report.emails, searches = report.notices, "alert digests queued")
            }
            Err(error) => tracing::error!(%error, "could not send alert digests"),
        }
        tokio::time::sleep(EVERY).await;
    }
}
