//! A partnership's message thread: members of its two organisations post while it is
//! proposed or active; the other side's members are emailed.
use chrono::{DateTime, Utc};
use entity::{partnership, partnership_message};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};

use super::{notify_members, party, status_of};
use crate::{
    authz::Actor,
    error::ServiceError,
    limits::{self, Action},
    orgs::find,
};

/// Longest message.
pub const MAX_MESSAGE: usize = 4_000;

/// Posts a message; returns its id. A declined, ended or completed partnership's thread is
/// closed.
pub async fn post(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    id: i64,
    body: &str,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let (actor, _, sides) = party(db, actor, id).await?;
    let body = super::text("body", body, 1, MAX_MESSAGE)?;
    let txn = crate::db::begin_write(db).await?;
    // Read inside the writing transaction, so a partnership ended meanwhile is seen.
    let row = partnership::Entity::find_by_id(id).one(&txn).await?.ok_or(ServiceError::NotFound)?;
    let status = status_of(&row);
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
    let (shop, program) = (find(&txn, row.shop_id).await?, find(&txn, row.program_id).await?);
    let from = if sides.shop { &shop.name } else { &program.name };
    let subject = format!("New message from {from}");
    let text = format!("{from} wrote:\n\n{body}\n\nReply here: {site_url}/partnerships/{id}");
    if !sides.shop || sides.program {
        notify_members(&txn, row.shop_id, &actor, &subject, &text, now).await?;
    }
    if !sides.program || sides.shop {
        notify_members(&txn, row.program_id, &actor, &subject, &text, now).await?;
    }
    txn.commit().await?;
    Ok(message.id)
}
