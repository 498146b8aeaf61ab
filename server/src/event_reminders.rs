//! The background task of events: it queues the day-before reminders, and moves people up
//! from waiting lists where places were freed without a cancellation (a deleted account).
//! Every app server runs it; the service claims each reminder with a conditional UPDATE and
//! each promotion under the event's row lock, so nothing happens twice however many servers
//! share the database.
use std::time::Duration;

use sea_orm::DatabaseConnection;

/// How often due reminders are looked for: often enough that a reminder goes out close to
/// 24 hours ahead, rarely enough to cost nothing.
pub const EVERY: Duration = Duration::from_secs(5 * 60);

/// Runs until the server stops.
pub async fn run(db: DatabaseConnection, site_url: String) {
    loop {
        match service::events::reminders::send_due_reminders(&db, &site_url, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(queued) => tracing::info!(queued, "event reminders queued"),
            Err(error) => tracing::error!(%error, "could not queue event reminders"),
        }
        match service::events::freed::fill_free_places(&db, &site_url, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(moved) => tracing::info!(moved, "people moved up from event waiting lists"),
            Err(error) => tracing::error!(%error, "could not fill freed event places"),
        }
        tokio::time::sleep(EVERY).await;
    }
}
