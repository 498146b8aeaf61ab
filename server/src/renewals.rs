//! The renewal-reminder task: every server checks every hour which memberships end in 30 or
//! 7 days and queues their owners' reminders. Running it on several servers is safe: each
//! reminder is claimed once (`service::membership::reminders`).
use std::time::Duration;

use sea_orm::DatabaseConnection;

/// How often to look. An hour is precise enough for a reminder counted in days.
pub const EVERY: Duration = Duration::from_secs(3_600);

pub async fn run(db: DatabaseConnection, site_url: String) {
    loop {
        match service::membership::reminders::send_due(&db, &site_url, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(sent) => tracing::info!(sent, "membership renewal reminders queued"),
            Err(error) => tracing::error!(%error, "could not queue membership renewal reminders"),
        }
        tokio::time::sleep(EVERY).await;
    }
}
