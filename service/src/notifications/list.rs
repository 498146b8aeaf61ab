//! A person's own notifications: the list (newest first, paged by id), the unread count the
//! header shows, and marking them read. Nobody reads or marks another person's.
use chrono::{DateTime, Utc};
use domain::notifications::{NoticePage, NoticeTopic, NoticeView};
use entity::notification;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, sea_query::Expr,
};

use crate::{
    authz::{self, Actor},
    error::ServiceError,
};

/// Notifications per page.
pub const PAGE: u64 = 30;

/// How many of the person's notifications are unread.
pub async fn unread(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, ServiceError> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// The signed-in person's notifications older than `before` (all when `None`).
pub async fn page(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    before: Option<i64>,
) -> Result<NoticePage, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let zone = crate::accounts::zone::of(db, Some(actor)).await?;
    let mut query = notification::Entity::find().filter(notification::Column::UserId.eq(actor.user_id));
    if let Some(before) = before {
        query = query.filter(notification::Column::Id.lt(before));
    }
    // One more than a page tells whether an older page exists.
    let mut rows = query.order_by_desc(notification::Column::Id).limit(PAGE + 1).all(db).await?;
    let older = (rows.len() as u64 > PAGE).then(|| {
        rows.truncate(PAGE as usize);
        rows.last().map(|row| row.id)
    });
    let notices = rows
        .into_iter()
        .filter_map(|row| {
            Some(NoticeView {
                id: row.id,
                topic: NoticeTopic::from_slug(&row.topic)?,
                title: row.title,
                link: row.link,
                created_at: crate::accounts::zone::moment(row.created_at, zone),
                read: row.read_at.is_some(),
            })
        })
        .collect();
    Ok(NoticePage { notices, unread: unread(db, actor.user_id).await?, older: older.flatten() })
}

/// Marks one of the person's notifications read and returns where it points.
pub async fn open(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let row = notification::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound)?;
    if row.user_id != actor.user_id {
        return Err(ServiceError::Forbidden);
    }
    if row.read_at.is_none() {
        notification::Entity::update_many()
            .col_expr(notification::Column::ReadAt, Expr::value(Some(now)))
            .filter(notification::Column::Id.eq(id))
            .filter(notification::Column::ReadAt.is_null())
            .exec(db)
            .await?;
    }
    Ok(row.link)
}

/// Marks read the person's notifications that point at `page` (a path, its `#…` or `?…`
/// variants included): opening a thread reads what told them about it. Returns how many.
pub async fn seen(
    db: &impl ConnectionTrait,
    actor: Actor,
    page: &str,
    now: DateTime<Utc>,
) -> Result<u64, ServiceError> {
    let result = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(now)))
        .filter(notification::Column::UserId.eq(actor.user_id))
        .filter(notification::Column::ReadAt.is_null())
        .filter(
            Condition::any()
                .add(notification::Column::Link.eq(page))
                .add(notification::Column::Link.starts_with(format!("{page}#")))
                .add(notification::Column::Link.starts_with(format!("{page}?"))),
        )
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Marks all the person's notifications read; returns how many were unread.
pub async fn mark_all_read(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    now: DateTime<Utc>,
) -> Result<u64, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let result = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(now)))
        .filter(notification::Column::UserId.eq(actor.user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
