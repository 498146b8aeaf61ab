//! Admins review held submissions: they see the values, the reasons, the quarter, the state
//! and the shop-type group — never the shop's name or id, so nobody reviewing can tie a
//! figure they publish to a shop.
use chrono::{DateTime, Utc};
use domain::insights::{Quarter, ReviewStatus};
use entity::{pay_row, pay_submission};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};

use super::publish::{current_in, first_unpublished};

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
    /// The quarter accepting it now counts it toward: its own, or, when that quarter is
    /// already published (and so fixed), the next one not yet published.
    pub counts_toward: String,
}

/// The review queue, oldest first.
pub async fn held(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    now: DateTime<Utc>,
) -> Result<Vec<HeldSubmission>, ServiceError> {
    authz::admin(actor)?;
    let submissions = pay_submission::Entity::find()
        .filter(pay_submission::Column::Status.eq(ReviewStatus::Held))
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
        let counts_toward = target(&s.quarter, now).to_string();
        out.push(HeldSubmission {
            counts_toward,
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

/// Where a submission of `quarter` counts if accepted at `now`: its own quarter while that is
/// unpublished, otherwise the first quarter not yet published (a published quarter is fixed).
pub fn target(quarter: &str, now: DateTime<Utc>) -> Quarter {
    match Quarter::parse(quarter) {
        Some(q) if super::published_from(q) > now => q,
        _ => first_unpublished(now),
    }
}

/// Accepts (into figures) or rejects a held submission. Deciding the same way twice is a
/// no-op; the other way after a decision is a conflict. A submission accepted after its
/// quarter was published counts toward the next quarter not yet published; if the shop has
/// already reported for that quarter, its own newer report counts instead and this one is
/// kept as superseded history.
pub async fn decide(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    submission_id: i64,
    accept: bool,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::admin(actor)?;
    let status = if accept { ReviewStatus::Accepted } else { ReviewStatus::Rejected };
    let txn = crate::db::begin_write(db).await?;
    let current =
        pay_submission::Entity::find_by_id(submission_id).one(&txn).await?.ok_or(ServiceError::NotFound)?;
    let mut update = pay_submission::Entity::update_many()
        .col_expr(pay_submission::Column::Status, Expr::value(status.slug()))
        .col_expr(pay_submission::Column::ReviewedBy, Expr::value(actor.user_id))
        .col_expr(pay_submission::Column::ReviewedAt, Expr::value(now));
    let mut detail = format!("pay submission {submission_id}: {}", status.slug());
    let toward = target(&current.quarter, now);
    if accept && toward.to_string() != current.quarter {
        let newer = pay_submission::Entity::find()
            .filter(current_in(toward, &[ReviewStatus::Accepted, ReviewStatus::Held]))
            .filter(pay_submission::Column::ShopId.eq(current.shop_id))
            .filter(pay_submission::Column::Id.ne(submission_id))
            .count(&txn)
            .await?;
        if newer > 0 {
            update = update.col_expr(pay_submission::Column::SupersededAt, Expr::value(now));
            detail.push_str(&format!(", superseded by the shop's own report for {toward}"));
        } else {
            update = update.col_expr(pay_submission::Column::CountsIn, Expr::value(toward.to_string()));
            detail.push_str(&format!(", counts toward {toward}"));
        }
    }
    let changed = update
        .filter(pay_submission::Column::Id.eq(submission_id))
        .filter(pay_submission::Column::Status.eq(ReviewStatus::Held))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed == 0 {
        return if current.status == status && current.reviewed_at.is_some() {
            Ok(())
        } else {
            Err(ServiceError::Conflict(format!("this submission is {} already", current.status.slug())))
        };
    }
    audit::record(&txn, Event::PaySubmissionReviewed, Some(actor.user_id), &detail, "", now).await?;
    txn.commit().await?;
    Ok(())
}
