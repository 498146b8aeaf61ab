//! The email outbox: every message is stored first and sent from here, so nothing is lost
//! when the mail server is down. Without SMTP configured the outbox is where local runs and
//! tests read their mail.
use chrono::{DateTime, Utc};
use entity::email_outbox;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

/// Queues a plain-text email.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    recipient: &str,
    subject: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    email_outbox::ActiveModel {
        recipient: Set(recipient.to_string()),
        subject: Set(subject.to_string()),
        body_text: Set(body.to_string()),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        sent_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    tracing::info!(subject, "email queued");
    Ok(())
}
