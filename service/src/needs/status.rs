//! Members mark their program's needs filled or closed (or open again).
use chrono::{DateTime, Utc};
use domain::needs::NeedStatus;
use entity::need;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, Set};

use crate::{
    authz::{self, Actor},
    error::ServiceError,
};

/// Changes a need's status; returns its organisation. Members of the posting organisation
/// only: others are told it is not theirs, never what it says.
pub async fn set_status(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    need_id: i64,
    status: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let row = need::Entity::find_by_id(need_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    authz::member(db, Some(actor), row.organisation_id).await?;
    let status = NeedStatus::from_slug(status.trim())
        .ok_or_else(|| ServiceError::invalid("status", "choose open, filled or closed"))?;
    let organisation_id = row.organisation_id;
    let txn = crate::db::begin_write(db).await?;
    let mut changed = row.into_active_model();
    changed.status = Set(status);
    changed.updated_at = Set(now);
    changed.update(&txn).await?;
    if status != NeedStatus::Filled {
        // Opened again or closed unfilled: nobody filled it, so no shop is credited.
        crate::school_year::fills::forget(&txn, need_id).await?;
    }
    txn.commit().await?;
    Ok(organisation_id)
}
