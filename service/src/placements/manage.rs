//! What the parties change on a placement: the program's members choose its coordinator,
//! and any party ends it early with a reason (the record stays).
use chrono::{DateTime, Utc};
use domain::placements::{MAX_END_REASON, PlacementSide, PlacementStatus};
use entity::{org_member, placement};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr};

use super::{detail, party};
use crate::{
    accounts::audit::{self, Event},
    authz::Actor,
    error::ServiceError,
    orgs::fields,
};

/// The program's members choose the coordinator among themselves.
pub async fn set_coordinator(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    id: i64,
    coordinator: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    let party = party(&txn, actor, id).await?;
    if party.side != PlacementSide::Program {
        return Err(ServiceError::Forbidden);
    }
    let chosen = coordinator.trim().parse::<i64>().ok();
    let member = match chosen {
        Some(user) => org_member::Entity::find_by_id((party.row.program_id, user)).one(&txn).await?,
        None => None,
    };
    let Some(member) = member else {
        return Err(ServiceError::invalid("coordinator", "choose a member of your program"));
    };
    if !party.row.status.is_open() {
        return Err(ServiceError::Conflict("this placement has ended".into()));
    }
    placement::Entity::update_many()
        .col_expr(placement::Column::CoordinatorId, Expr::value(Some(member.user_id)))
        .col_expr(placement::Column::UpdatedAt, Expr::value(now))
        .filter(placement::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let detail = format!("{} coordinator {}", detail(id), member.user_id);
    audit::record(&txn, Event::PlacementCoordinatorSet, Some(party.actor.user_id), &detail, "", now).await?;
    txn.commit().await?;
    Ok(())
}

/// Ends a placement early: any party (the student, a member of the shop or the program),
/// with a reason. One still waiting for its student or for consent is withdrawn (a
/// student's join link then stops working); an active one ends. The record
/// stays. Returns the new status.
pub async fn end(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<PlacementStatus, ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    let party = party(&txn, actor, id).await?;
    if party.side == PlacementSide::Admin {
        return Err(ServiceError::Forbidden);
    }
    let reason = fields::line("reason", reason, 3, MAX_END_REASON)?;
    let to = match party.row.status {
        PlacementStatus::AwaitingStudent | PlacementStatus::AwaitingConsent => PlacementStatus::Withdrawn,
        PlacementStatus::Active => PlacementStatus::Ended,
        _ => return Err(ServiceError::Conflict("this placement has ended already".into())),
    };
    // Conditional on the status read: two parties ending at once end it once.
    let moved = placement::Entity::update_many()
        .col_expr(placement::Column::Status, Expr::value(to.slug()))
        .col_expr(placement::Column::EndReason, Expr::value(Some(reason)))
        .col_expr(placement::Column::EndedBy, Expr::value(Some(party.actor.user_id)))
        .col_expr(placement::Column::EndedAt, Expr::value(Some(now)))
        .col_expr(placement::Column::UpdatedAt, Expr::value(now))
        .filter(placement::Column::Id.eq(id))
        .filter(placement::Column::Status.eq(party.row.status))
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(ServiceError::Conflict("this placement has ended already".into()));
    }
    let side = match party.side {
        PlacementSide::Student => "student",
        PlacementSide::Shop => "shop",
        _ => "program",
    };
    let detail = format!("{} {} by the {side}", detail(id), to.slug());
    audit::record(&txn, Event::PlacementEnded, Some(party.actor.user_id), &detail, "", now).await?;
    txn.commit().await?;
    Ok(to)
}
