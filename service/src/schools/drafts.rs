//! A school list an admin uploads at `/admin/schools/import` is kept as a draft while they
//! read its preview (what will be added, updated, or why it is refused), then imported or
//! discarded. Admins only; a draft is its uploader's, and drafts older than a day go.
use chrono::{DateTime, Duration, Utc};
use entity::school_import_draft;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::{
    authz::{self, Actor},
    error::ServiceError,
};

/// Largest list the page takes (the request limit is 64 KB); longer lists are imported with
/// `bayline import schools`.
pub const MAX_BYTES: usize = 60 * 1024;
/// Longest name of a list.
pub const MAX_SOURCE_CHARS: usize = 120;
/// How long an unconfirmed draft is kept.
pub const KEPT: Duration = Duration::days(1);

/// Keeps an uploaded list for its preview; returns the draft's id.
pub async fn save(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    file_name: &str,
    source: &str,
    contents: &[u8],
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let admin = authz::admin(actor)?;
    let source = source.trim();
    if source.is_empty() {
        return Err(ServiceError::invalid("source", "name the list, e.g. “Michigan CTE directory 2026”"));
    }
    if source.chars().count() > MAX_SOURCE_CHARS || source.chars().any(char::is_control) {
        return Err(ServiceError::invalid(
            "source",
            format!("keep the name to one line of {MAX_SOURCE_CHARS} characters"),
        ));
    }
    if contents.is_empty() {
        return Err(ServiceError::invalid("file", "choose the list's CSV file"));
    }
    if contents.len() > MAX_BYTES {
        return Err(ServiceError::invalid(
            "file",
            "the file is larger than 60 KB: import it with `bayline import schools FILE.csv` on the server",
        ));
    }
    let contents = String::from_utf8(contents.to_vec())
        .map_err(|_| ServiceError::invalid("file", "the file is not UTF-8 text: save it as CSV (UTF-8)"))?;
    school_import_draft::Entity::delete_many()
        .filter(school_import_draft::Column::CreatedAt.lt(now - KEPT))
        .exec(db)
        .await?;
    let name: String = file_name.chars().filter(|c| !c.is_control()).take(120).collect();
    let row = school_import_draft::ActiveModel {
        user_id: Set(admin.user_id),
        file_name: Set(if name.trim().is_empty() { "schools.csv".into() } else { name }),
        source: Set(source.to_string()),
        contents: Set(contents),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// The admin's own draft `id`; another's, or a gone one, is `NotFound`.
pub async fn get(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<school_import_draft::Model, ServiceError> {
    let admin = authz::admin(actor)?;
    school_import_draft::Entity::find_by_id(id)
        .filter(school_import_draft::Column::UserId.eq(admin.user_id))
        .filter(school_import_draft::Column::CreatedAt.gte(now - KEPT))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Drops the admin's own draft (after it is imported, or when they start again).
pub async fn discard(db: &DatabaseConnection, actor: Option<Actor>, id: i64) -> Result<(), ServiceError> {
    let admin = authz::admin(actor)?;
    school_import_draft::Entity::delete_many()
        .filter(school_import_draft::Column::Id.eq(id))
        .filter(school_import_draft::Column::UserId.eq(admin.user_id))
        .exec(db)
        .await?;
    Ok(())
}
