//! One-click unsubscribe from alert mails (RFC 8058): the link in every alert mail turns
//! alert e-mails off for its person without signing in. It does only that (a single-purpose
//! token, stored as a digest), keeps working when followed twice, and leaves the saved
//! searches and their in-app notices as they are; /notifications turns the mails back on.
use chrono::{DateTime, Utc};
use domain::notifications::NoticeTopic;
use entity::email_opt_out;
use sea_orm::{DatabaseConnection, EntityTrait, Set, sea_query::OnConflict};

use crate::{accounts::tokens, error::ServiceError};

/// Whether `token` is a live unsubscribe link (for the page that asks to confirm).
pub async fn is_valid(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    Ok(tokens::peek(db, token, tokens::Purpose::AlertsUnsubscribe, now).await?.is_some())
}

/// Turns alert mails off for the token's person; `NotFound` for an unknown or expired token.
pub async fn unsubscribe(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let (user_id, _) = tokens::peek(db, token, tokens::Purpose::AlertsUnsubscribe, now)
        .await?
        .ok_or(ServiceError::NotFound)?;
    email_opt_out::Entity::insert(email_opt_out::ActiveModel {
        user_id: Set(user_id),
        topic: Set(NoticeTopic::Alerts.slug().into()),
    })
    .on_conflict(
        OnConflict::columns([email_opt_out::Column::UserId, email_opt_out::Column::Topic])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}
