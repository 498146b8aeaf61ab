//! Contributing: only members of a verified shop, only for that shop. A new submission in a
//! quarter supersedes the shop's earlier one in the same transaction (kept as history).
//! Values far outside the published national figures hold the submission for an admin; a
//! shop sends at most 3 versions a quarter and one a day, and is never told whether it was
//! held (docs/privacy.md, "No oracle").
use chrono::{DateTime, Utc};
use domain::{
    disclosure::Quartiles,
    insights::{CountBand, LaborKind, Quarter, ReviewStatus, ShopGroup},
    insights_view::Shown,
    orgs::ShopType,
};
use entity::{pay_row, pay_submission};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    Set, sea_query::Expr,
};

use super::{
    cells::Cell,
    disclose,
    form::{self, Contribution, ContributionForm},
    quarter_of,
    snapshot::{InsightsCache, Snapshot},
};
use crate::{authz, authz::Actor, error::ServiceError, orgs, partnerships::is_verified_shop};

/// Outliers lie beyond this many interquartile ranges outside the published quartiles.
pub const OUTLIER_IQRS: i64 = 3;
/// Versions of one shop's submission a quarter may hold (rule "no oracle").
pub const VERSIONS_PER_QUARTER: u64 = 3;
/// The shortest time between two submissions of one shop.
pub const BETWEEN_SUBMISSIONS: chrono::Duration = chrono::Duration::days(1);

/// What happened to a contribution. The receipt never says whether it was held or which
/// value looked unusual: that answer, repeated, would let a shop search out a bound.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    pub submission_id: i64,
    pub quarter: Quarter,
}

/// Whether `value` lies far outside a published distribution's quartiles.
fn far_outside(figure: &Quartiles, value: i64) -> bool {
    let (Some(q1), Some(q3)) = (figure.p25, figure.p75) else { return false };
    let reach = OUTLIER_IQRS * (q3 - q1);
    value < q1 - reach || value > q3 + reach
}

/// A published figure wide enough to judge by: one resting on at least 15 shops.
fn wide(shops: CountBand) -> bool {
    shops != CountBand::From5To14
}

/// Why a contribution is held for an admin's eye: values far outside the latest published
/// national figure of their role or labor kind. Only published figures set the bounds, so
/// holding reveals nothing beyond what contributors already read on /insights.
pub fn outliers(snapshot: &Snapshot, contribution: &Contribution) -> Vec<String> {
    let Some(data) = snapshot.latest().and_then(|q| snapshot.data.get(&q)) else { return Vec::new() };
    let mut reasons = Vec::new();
    for (n, line) in contribution.rows.iter().enumerate() {
        if let Shown::Yes { figure } = disclose::pay(data, line.role, Cell::default())
            && wide(figure.shops)
            && far_outside(&figure.annual, line.annual_cents)
        {
            reasons.push(format!(
                "row {} ({}): pay far outside the published national quartiles",
                n + 1,
                line.role.label()
            ));
        }
    }
    for (k, kind) in LaborKind::ALL.iter().enumerate() {
        let Some(rate) = contribution.labor[k] else { continue };
        if let Shown::Yes { figure } = disclose::labor(data, *kind, Cell::default())
            && wide(figure.shops)
            && far_outside(&figure.rate, rate)
        {
            reasons.push(format!("{} labor rate far outside the published national quartiles", kind.label()));
        }
    }
    reasons
}

/// Refuses a submission beyond [`VERSIONS_PER_QUARTER`] in the quarter or within
/// [`BETWEEN_SUBMISSIONS`] of the last one.
async fn within_limits(
    db: &DatabaseConnection,
    shop_id: i64,
    quarter: Quarter,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let versions = pay_submission::Entity::find()
        .filter(pay_submission::Column::ShopId.eq(shop_id))
        .filter(pay_submission::Column::Quarter.eq(quarter.to_string()))
        .count(db)
        .await?;
    if versions >= VERSIONS_PER_QUARTER {
        return Err(ServiceError::RateLimited {
            what: format!(
                "your shop has sent {VERSIONS_PER_QUARTER} versions for {quarter}, the most a quarter takes"
            ),
            retry_after: super::published_from(quarter) - chrono::Months::new(super::DELAY_MONTHS),
        });
    }
    let last = pay_submission::Entity::find()
        .filter(pay_submission::Column::ShopId.eq(shop_id))
        .order_by_desc(pay_submission::Column::SubmittedAt)
        .one(db)
        .await?;
    if let Some(last) = last
        && now - last.submitted_at < BETWEEN_SUBMISSIONS
    {
        return Err(ServiceError::RateLimited {
            what: "your shop sent its pay data less than a day ago".into(),
            retry_after: last.submitted_at + BETWEEN_SUBMISSIONS,
        });
    }
    Ok(())
}

/// Records a shop's contribution for the current quarter.
pub async fn contribute(
    db: &DatabaseConnection,
    cache: &InsightsCache,
    actor: Option<Actor>,
    shop_id: i64,
    typed: &ContributionForm,
    now: DateTime<Utc>,
) -> Result<Receipt, ServiceError> {
    let (actor, _) = authz::member(db, actor, shop_id).await?;
    let shop = orgs::find(db, shop_id).await?;
    if !is_verified_shop(&shop) {
        return Err(ServiceError::Conflict("only verified shops contribute pay data".into()));
    }
    let group = shop
        .shop_type
        .as_deref()
        .and_then(ShopType::from_slug)
        .map(ShopGroup::of)
        .ok_or_else(|| ServiceError::Conflict("set your shop's type on its profile first".into()))?;
    let contribution = form::parse(typed)?;
    let quarter = quarter_of(now);
    within_limits(db, shop_id, quarter, now).await?;
    let held_because = outliers(&*cache.get(db, now).await?, &contribution);

    let txn = crate::db::begin_write(db).await?;
    pay_submission::Entity::update_many()
        .col_expr(pay_submission::Column::SupersededAt, Expr::value(now))
        .filter(pay_submission::Column::ShopId.eq(shop_id))
        .filter(pay_submission::Column::Quarter.eq(quarter.to_string()))
        .filter(pay_submission::Column::SupersededAt.is_null())
        .exec(&txn)
        .await?;
    let c = &contribution;
    let saved = pay_submission::ActiveModel {
        shop_id: Set(shop_id),
        quarter: Set(quarter.to_string()),
        state: Set(shop.state.clone()),
        area: Set(shop.zip.chars().take(3).collect()),
        shop_group: Set(group.slug().into()),
        status: Set(if held_because.is_empty() { ReviewStatus::Accepted } else { ReviewStatus::Held }),
        hold_reasons: Set(held_because.join("\n")),
        technicians: Set(c.rows.iter().map(|r| r.technicians).sum()),
        health_insurance: Set(c.health_insurance),
        retirement_match_pct: Set(c.retirement_match_pct),
        tool_allowance_cents: Set(c.tool_allowance_cents),
        paid_training: Set(c.paid_training),
        ase_reimbursement: Set(c.ase_reimbursement),
        uniforms: Set(c.uniforms),
        pto_days: Set(c.pto_days),
        sign_on_bonus_cents: Set(c.sign_on_bonus_cents),
        labor_mechanical_cents: Set(c.labor[0]),
        labor_diesel_cents: Set(c.labor[1]),
        labor_body_cents: Set(c.labor[2]),
        labor_paint_cents: Set(c.labor[3]),
        submitted_by: Set(Some(actor.user_id)),
        submitted_at: Set(now),
        superseded_at: Set(None),
        reviewed_by: Set(None),
        reviewed_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        // Two members submitting at the same moment on PostgreSQL: the partial unique index
        // lets one win.
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            ServiceError::Conflict("another submission for this quarter was saved at the same moment".into())
        }
        _ => ServiceError::Database(e),
    })?;
    let rows = c.rows.iter().map(|line| pay_row::ActiveModel {
        submission_id: Set(saved.id),
        role: Set(line.role),
        pay_type: Set(line.pay_type.slug().into()),
        rate_cents: Set(line.rate_cents),
        flat_hours: Set(line.flat_hours),
        technicians: Set(line.technicians),
        experience: Set(line.experience.slug().into()),
        certification: Set(line.certification.slug().into()),
        annual_cents: Set(line.annual_cents),
        ..Default::default()
    });
    pay_row::Entity::insert_many(rows).exec_without_returning(&txn).await?;
    txn.commit().await?;
    Ok(Receipt { submission_id: saved.id, quarter })
}

/// The shop's own submissions, newest first: members see their shop's history, nobody
/// else's (rule 5).
pub async fn own_history(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    shop_id: i64,
) -> Result<Vec<pay_submission::Model>, ServiceError> {
    authz::member(db, actor, shop_id).await?;
    Ok(pay_submission::Entity::find()
        .filter(pay_submission::Column::ShopId.eq(shop_id))
        .order_by_desc(pay_submission::Column::Id)
        .all(db)
        .await?)
}
