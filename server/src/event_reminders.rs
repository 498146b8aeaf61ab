//! The background task that queues the day-before reminders of events. Every app server
//! runs it; the service claims each reminder with a conditional UPDATE, so none is sent
//! twice however many servers share the database.
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
        tokio::time::sleep(EVERY).await;
    }
}
