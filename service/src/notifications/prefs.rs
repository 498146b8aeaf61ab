//! Which notification topics a person also gets by email. Everything is emailed until the
//! person turns a topic off; the in-app list always has every notification.
use domain::notifications::{EmailChoices, NoticeTopic};
use entity::email_opt_out;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::{
    authz::{self, Actor},
    error::ServiceError,
};

/// The signed-in person's choices.
pub async fn choices(db: &DatabaseConnection, actor: Option<Actor>) -> Result<EmailChoices, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let off: Vec<String> = email_opt_out::Entity::find()
        .filter(email_opt_out::Column::UserId.eq(actor.user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.topic)
        .collect();
    Ok(EmailChoices {
        emailed: NoticeTopic::ALL
            .iter()
            .copied()
            .filter(|topic| !off.iter().any(|o| o == topic.slug()))
            .collect(),
    })
}

/// Replaces the person's choices: the topics in `emailed` are emailed, the others not. An
/// unknown topic is refused and nothing changes.
pub async fn choose(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    emailed: &[String],
) -> Result<(), ServiceError> {
    let actor = authz::signed_in(actor)?;
    let mut wanted = Vec::new();
    for slug in emailed {
        let topic = NoticeTopic::from_slug(slug.trim())
            .ok_or_else(|| ServiceError::invalid("emailed", "choose from the topics listed"))?;
        wanted.push(topic);
    }
    let txn = crate::db::begin_write(db).await?;
    email_opt_out::Entity::delete_many()
        .filter(email_opt_out::Column::UserId.eq(actor.user_id))
        .exec(&txn)
        .await?;
    let off: Vec<_> = NoticeTopic::ALL
        .iter()
        .filter(|topic| !wanted.contains(topic))
        .map(|topic| email_opt_out::ActiveModel {
            user_id: Set(actor.user_id),
            topic: Set(topic.slug().into()),
        })
        .collect();
    if !off.is_empty() {
        email_opt_out::Entity::insert_many(off).exec_without_returning(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}
