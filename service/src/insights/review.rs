//! Admins review held submissions: they see the values, the reasons, the quarter, the state
//! and the shop-type group — never the shop's name or id, so nobody reviewing can tie a
//! figure they publish to a shop.
use chrono::{DateTime, Utc};
use entity::{pay_row, pay_submission};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};

use crate::{
    accounts::audit::{self, Event},
    authz::{self, Actor},
    error::ServiceError,
};

/// One held submission as the review queue shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldSubmission {
    pub id: i64,
    pub quarter: String,
    pub state: String,
    pub shop_group: String,
    pub reasons: Vec<String>,
    /// The submission's pay rows (no shop id is on a row).
    pub rows: Vec<pay_row::Model>,
    /// Mechanical, diesel, body, paint (cents per hour).
    pub labor: [Option<i64>; 4],
}

/// The review queue, oldest first.
pub async fn held(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<HeldSubmission>, ServiceError> {
    authz::admin(actor)?;
    let submissions = pay_submission::Entity::find()
        .filter(pay_submission::Column::Status.eq("held"))
        .filter(pay_submission::Column::SupersededAt.is_null())
        .order_by_asc(pay_submission::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(submissions.len());
    for s in submissions {
        let rows = pay_row::Entity::find()
            .filter(pay_row::Column::SubmissionId.eq(s.id))
            .order_by_asc(pay_row::Column::Id)
            .all(db)
            .await?;
        out.push(HeldSubmission {
            id: s.id,
            quarter: s.quarter,
            state: s.state,
            shop_group: s.shop_group,
            reasons: s.hold_reasons.lines().map(str::to_string).collect(),
            rows,
            labor: [s.labor_mechanical_cents, s.labor_diesel_cents, s.labor_body_cents, s.labor_paint_cents],
        });
    }
    Ok(out)
}

/// Accepts (into figures) or rejects a held submission. Deciding the same way twice is a
/// no-op; the other way after a decision is a conflict.
pub async fn decide(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    submission_id: i64,
    accept: bool,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::admin(actor)?;
    let status = if accept { "accepted" } else { "rejected" };
    let txn = crate::db::begin_write(db).await?;
    let changed = pay_submission::Entity::update_many()
        .col_expr(pay_submission::Column::Status, Expr::value(status))
        .col_expr(pay_submission::Column::ReviewedBy, Expr::value(actor.user_id))
        .col_expr(pay_submission::Column::ReviewedAt, Expr::value(now))
        .filter(pay_submission::Column::Id.eq(submission_id))
        .filter(pay_submission::Column::Status.eq("held"))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed == 0 {
        let current = pay_submission::Entity::find_by_id(submission_id)
            .one(&txn)
            .await?
            .ok_or(ServiceError::NotFound)?;
        return if current.status == status && current.reviewed_at.is_some() {
            Ok(())
        } else {
            Err(ServiceError::Conflict(format!("this submission is {} already", current.status)))
        };
    }
    let detail = format!("pay submission {submission_id}: {status}");
    audit::record(&txn, Event::PaySubmissionReviewed, Some(actor.user_id), &detail, "", now).await?;
    txn.commit().await?;
    Ok(())
}
