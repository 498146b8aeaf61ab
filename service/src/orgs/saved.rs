//! Programs a signed-in person saved to come back to.
use chrono::{DateTime, Utc};
use entity::saved_program;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::{
    authz::{self, Actor},
    error::ServiceError,
    programs::ProgramIndex,
};

/// Saves a program (saving it twice keeps one entry). Only programs Bayline lists can be saved.
pub async fn save(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    index: &ProgramIndex,
    unitid: &str,
    now: DateTime<Utc>,
) -> Result<i32, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let unitid = parse_listed(index, unitid)?;
    saved_program::Entity::insert(saved_program::ActiveModel {
        user_id: Set(actor.user_id),
        unitid: Set(unitid),
        created_at: Set(now),
    })
    .on_conflict_do_nothing_on([saved_program::Column::UserId, saved_program::Column::Unitid])
    .exec(db)
    .await?;
    Ok(unitid)
}

pub async fn remove(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    unitid: &str,
) -> Result<i32, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let unitid: i32 = unitid.trim().parse().map_err(|_| ServiceError::invalid("unitid", "not a UNITID"))?;
    saved_program::Entity::delete_by_id((actor.user_id, unitid)).exec(db).await?;
    Ok(unitid)
}

/// The UNITIDs a person saved, newest first.
pub async fn list(db: &impl ConnectionTrait, actor: Option<Actor>) -> Result<Vec<i32>, ServiceError> {
    let actor = authz::signed_in(actor)?;
    Ok(saved_program::Entity::find()
        .filter(saved_program::Column::UserId.eq(actor.user_id))
        .order_by_desc(saved_program::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.unitid)
        .collect())
}

fn parse_listed(index: &ProgramIndex, raw: &str) -> Result<i32, ServiceError> {
    let unitid: i32 = raw.trim().parse().map_err(|_| ServiceError::invalid("unitid", "not a UNITID"))?;
    if index.get(unitid).is_none() {
        return Err(ServiceError::invalid(
            "unitid",
            format!("Bayline lists no program with UNITID {unitid}"),
        ));
    }
    Ok(unitid)
}
