//! Contributing: only members of a verified shop, only for that shop. A new submission in a
//! quarter supersedes the shop's earlier one in the same transaction (kept as history).
//! Values far outside the published distribution hold the submission for an admin.
use chrono::{DateTime, Utc};
use domain::{
    disclosure::weighted_percentile,
    insights::{LaborKind, Quarter, ShopGroup},
    orgs::ShopType,
};
use entity::{pay_row, pay_submission};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    sea_query::Expr,
};

use super::{
    form::{self, Contribution, ContributionForm},
    quarter_of,
    snapshot::{InsightsCache, Snapshot},
};
use crate::{authz, authz::Actor, error::ServiceError, orgs, partnerships::is_verified_shop};

/// A distribution needs this many shops before it can call a value an outlier.
pub const OUTLIER_MIN_SHOPS: usize = 20;
/// Outliers lie beyond this many interquartile ranges outside the quartiles.
pub const OUTLIER_IQRS: f64 = 3.0;

/// What happened to a contribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    pub submission_id: i64,
    pub quarter: Quarter,
    /// Empty when accepted; otherwise why it waits for review.
    pub held_because: Vec<String>,
}

/// Whether `value` lies far outside `values` (weighted, sorted), given enough shops.
fn far_outside(values: &[(i64, u64)], shops: usize, value: i64) -> bool {
    if shops < OUTLIER_MIN_SHOPS {
        return false;
    }
    let (Some(q1), Some(q3)) = (weighted_percentile(values, 25.0), weighted_percentile(values, 75.0)) else {
        return false;
    };
    let reach = OUTLIER_IQRS * (q3 - q1);
    (value as f64) < q1 - reach || (value as f64) > q3 + reach
}

fn distinct(shops: impl Iterator<Item = i64>) -> usize {
    let mut all: Vec<i64> = shops.collect();
    all.sort_unstable();
    all.dedup();
    all.len()
}

/// Why a contribution is held: its values against the published data of every quarter.
pub fn outliers(snapshot: &Snapshot, contribution: &Contribution) -> Vec<String> {
    let mut reasons = Vec::new();
    for (n, line) in contribution.rows.iter().enumerate() {
        let rows: Vec<_> = snapshot.data.values().filter_map(|q| q.pay.get(&line.role)).flatten().collect();
        let mut values: Vec<(i64, u64)> =
            rows.iter().map(|r| (r.annual_cents, r.technicians as u64)).collect();
        values.sort_unstable();
        if far_outside(&values, distinct(rows.iter().map(|r| r.shop)), line.annual_cents) {
            reasons.push(format!(
                "row {} ({}): pay far outside what other shops report",
                n + 1,
                line.role.label()
            ));
        }
    }
    for (k, kind) in LaborKind::ALL.iter().enumerate() {
        let Some(rate) = contribution.labor[k] else { continue };
        let shops: Vec<_> =
            snapshot.data.values().flat_map(|q| &q.shops).filter(|s| s.labor[k].is_some()).collect();
        let mut values: Vec<(i64, u64)> = shops.iter().filter_map(|s| s.labor[k]).map(|v| (v, 1)).collect();
        values.sort_unstable();
        if far_outside(&values, distinct(shops.iter().map(|s| s.shop)), rate) {
            reasons.push(format!("{} labor rate far outside what other shops charge", kind.label()));
        }
    }
    reasons
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
    let held_because = outliers(&*cache.get(db, now).await?, &contribution);
    let quarter = quarter_of(now);

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
        status: Set(if held_because.is_empty() { "accepted" } else { "held" }.into()),
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
        role: Set(line.role.slug().into()),
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
    Ok(Receipt { submission_id: saved.id, quarter, held_because })
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
