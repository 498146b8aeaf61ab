//! Career paths a signed-in person saved, listed on their account page.
use chrono::{DateTime, Utc};
use entity::saved_path;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};

use super::catalog::Catalog;
use crate::{
    authz::{self, Actor},
    error::ServiceError,
};

/// Saves a path of the catalog (saving it twice keeps one entry).
pub async fn save(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    catalog: &Catalog,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let slug = slug.trim();
    if catalog.get(slug).is_none() {
        return Err(ServiceError::invalid("path", "Bayline has no career path by that name"));
    }
    saved_path::Entity::insert(saved_path::ActiveModel {
        user_id: Set(actor.user_id),
        path_slug: Set(slug.to_string()),
        created_at: Set(now),
    })
    .on_conflict_do_nothing_on([saved_path::Column::UserId, saved_path::Column::PathSlug])
    .exec(db)
    .await?;
    Ok(slug.to_string())
}

/// Forgets a saved path (one that was not saved changes nothing).
pub async fn remove(db: &impl ConnectionTrait, actor: Option<Actor>, slug: &str) -> Result<(), ServiceError> {
    let actor = authz::signed_in(actor)?;
    saved_path::Entity::delete_many()
        .filter(saved_path::Column::UserId.eq(actor.user_id))
        .filter(saved_path::Column::PathSlug.eq(slug.trim()))
        .exec(db)
        .await?;
    Ok(())
}

/// The slugs a person saved, newest first.
pub async fn list(db: &impl ConnectionTrait, actor: Option<Actor>) -> Result<Vec<String>, ServiceError> {
    let actor = authz::signed_in(actor)?;
    Ok(saved_path::Entity::find()
        .filter(saved_path::Column::UserId.eq(actor.user_id))
        .order_by_desc(saved_path::Column::CreatedAt)
        .order_by_asc(saved_path::Column::PathSlug)
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.path_slug)
        .collect())
}

/// Whether a signed-in person saved a path.
pub async fn is_saved(db: &impl ConnectionTrait, actor: Actor, slug: &str) -> Result<bool, ServiceError> {
    Ok(saved_path::Entity::find()
        .filter(saved_path::Column::UserId.eq(actor.user_id))
        .filter(saved_path::Column::PathSlug.eq(slug))
        .count(db)
        .await?
        > 0)
}
