//! A partnership's message thread: members of its two organisations post while it is
//! proposed or active; the other side's members are notified. A message form carries a
//! submission key, so a double-submitted message is stored once.
use chrono::{DateTime, Utc};
use domain::notifications::NoticeTopic;
use entity::{partnership, partnership_message};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};

use super::{party, tell};
use crate::{
    authz::Actor,
    error::ServiceError,
    limits::{self, Action},
    orgs::find,
    submissions::{self, Claim},
};

/// Longest message.
pub const MAX_MESSAGE: usize = 4_000;

/// Posts a message; returns its id (the first one's, when `submission` was used before).
/// A declined, ended or completed partnership's thread is closed.
pub async fn post(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    id: i64,
    body: &str,
    submission: &str,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let (actor, _, sides) = party(db, actor, id).await?;
    let body = super::text("body", body, 1, MAX_MESSAGE)?;
    let txn = crate::db::begin_write(db).await?;
    if let Claim::Replayed(first) = submissions::claim(&txn, actor.user_id, submission, now).await? {
        txn.commit().await?;
        return Ok(first);
    }
    // Read inside the writing transaction, so a partnership ended meanwhile is seen.
    let row = partnership::Entity::find_by_id(id).one(&txn).await?.ok_or(ServiceError::NotFound)?;
    let status = row.status;
    if !status.is_open() {
        return Err(ServiceError::Conflict(format!(
            "this partnership is {}: its thread takes no more messages",
            status.label().to_lowercase()
        )));
    }
    limits::check(&txn, Action::Message { user_id: actor.user_id }, now).await?;
    let message = partnership_message::ActiveModel {
        partnership_id: Set(id),
        author_id: Set(Some(actor.user_id)),
        body: Set(body.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    submissions::settle(&txn, actor.user_id, submission, message.id).await?;
    let (shop, program) = (find(&txn, row.shop_id).await?, find(&txn, row.program_id).await?);
    let from = if sides.shop { &shop.name } else { &program.name };
    let title = format!("New message from {from}");
    let link = format!("/partnerships/{id}");
    let text = format!("{from} wrote:\n\n{body}\n\nReply here: {site_url}{link}");
    let notice = crate::notifications::Notice::new(NoticeTopic::Messages, &title, &link, &text);
    if !sides.shop || sides.program {
        tell(&txn, row.shop_id, &actor, &notice, now).await?;
    }
    if !sides.program || sides.shop {
        tell(&txn, row.program_id, &actor, &notice, now).await?;
    }
    txn.commit().await?;
    Ok(message.id)
}
