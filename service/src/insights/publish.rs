//! Publishing a quarter freezes it (docs/privacy.md, "A published figure never changes").
//! The first time any server needs a quarter that has become published, it copies the
//! quarter's accepted, current submissions into `published_pay_fact` and
//! `published_shop_fact` in one transaction, keyed by a `published_quarter` row whose primary
//! key lets exactly one server do it. From then on every figure of that quarter is computed
//! from those rows alone: nothing done to submissions, shops or accounts later reaches them.
//!
//! The frozen rows carry no shop id. `contributor` numbers the quarter's shops in an order
//! drawn from the quarter's secret, so it tells one shop's rows apart from another's (which
//! the rules need) and nothing else.
use chrono::{DateTime, Utc};
use domain::insights::{Benefit, Quarter, ReviewStatus};
use entity::{pay_row, pay_submission, published_pay_fact, published_quarter, published_shop_fact};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, SqliteTransactionMode,
    TransactionOptions, TransactionSession, TransactionTrait,
    sea_query::{Condition, OnConflict},
};
use sha2::{Digest, Sha256};

use crate::accounts::sessions::random_token;

/// Rows per INSERT (SQLite allows 32,766 parameters; a fact has at most 12).
const BATCH: usize = 1_000;

/// The submissions whose data counts in `quarter`: accepted, not replaced, and made in that
/// quarter (or moved there by a late acceptance).
pub fn counting_in(quarter: Quarter) -> Condition {
    current_in(quarter, &[ReviewStatus::Accepted])
}

/// Current (not replaced) submissions of these statuses whose data counts, or would count,
/// in `quarter`.
pub fn current_in(quarter: Quarter, statuses: &[ReviewStatus]) -> Condition {
    let q = quarter.to_string();
    Condition::all()
        .add(pay_submission::Column::Status.is_in(statuses.iter().copied()))
        .add(pay_submission::Column::SupersededAt.is_null())
        .add(
            Condition::any().add(pay_submission::Column::CountsIn.eq(q.clone())).add(
                Condition::all()
                    .add(pay_submission::Column::CountsIn.is_null())
                    .add(pay_submission::Column::Quarter.eq(q)),
            ),
        )
}

/// What figures of a frozen quarter need besides its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frozen {
    /// Fixes each figure's blur (see [`blur`]).
    pub secret: String,
    /// Whether its place tree has Census divisions: true for every quarter frozen since they
    /// exist, false for the ones published before, whose figures keep the lattice they were
    /// published with.
    pub divisions: bool,
}

impl From<published_quarter::Model> for Frozen {
    fn from(row: published_quarter::Model) -> Self {
        Self { secret: row.secret, divisions: row.divisions }
    }
}

/// The published quarter's secret and lattice, freezing the quarter first if no server has yet.
pub async fn ensure_frozen<C>(db: &C, quarter: Quarter, now: DateTime<Utc>) -> Result<Frozen, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    if let Some(row) = published_quarter::Entity::find_by_id(quarter.to_string()).one(db).await? {
        return Ok(row.into());
    }
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    let secret = random_token();
    let claimed = published_quarter::Entity::insert(published_quarter::ActiveModel {
        quarter: Set(quarter.to_string()),
        published_at: Set(now),
        secret: Set(secret.clone()),
        divisions: Set(true),
    })
    .on_conflict(OnConflict::column(published_quarter::Column::Quarter).do_nothing().to_owned())
    .exec_without_returning(&txn)
    .await?;
    if claimed == 0 {
        // Another server froze it first (on PostgreSQL this insert waited for its commit).
        txn.commit().await?;
        return published_quarter::Entity::find_by_id(quarter.to_string())
            .one(db)
            .await?
            .map(Frozen::from)
            .ok_or_else(|| DbErr::RecordNotFound(format!("published quarter {quarter}")));
    }
    copy_facts(&txn, quarter, &secret).await?;
    txn.commit().await?;
    tracing::info!(%quarter, "froze the published quarter's figures");
    Ok(Frozen { secret, divisions: true })
}

/// The contributor numbers of a quarter's shops: their order under the quarter's secret.
fn contributors(secret: &str, mut shops: Vec<i64>) -> Vec<(i64, i32)> {
    shops.sort_unstable();
    shops.dedup();
    let key = |shop: &i64| Sha256::digest(format!("{secret}/{shop}").as_bytes());
    shops.sort_by_cached_key(key);
    shops.into_iter().enumerate().map(|(n, shop)| (shop, n as i32)).collect()
}

fn benefit_bits(s: &pay_submission::Model) -> i32 {
    super::snapshot::offered(s).iter().enumerate().filter(|(_, on)| **on).map(|(i, _)| 1 << i).sum()
}

async fn copy_facts(txn: &impl ConnectionTrait, quarter: Quarter, secret: &str) -> Result<(), DbErr> {
    let submissions = pay_submission::Entity::find().filter(counting_in(quarter)).all(txn).await?;
    let numbers = contributors(secret, submissions.iter().map(|s| s.shop_id).collect());
    let number = |shop: i64| numbers.iter().find(|(s, _)| *s == shop).map(|(_, n)| *n).unwrap_or(-1);
    let q = quarter.to_string();
    let shops: Vec<published_shop_fact::ActiveModel> = submissions
        .iter()
        .map(|s| published_shop_fact::ActiveModel {
            quarter: Set(q.clone()),
            contributor: Set(number(s.shop_id)),
            state: Set(s.state.clone()),
            area: Set(s.area.clone()),
            shop_group: Set(s.shop_group.clone()),
            technicians: Set(s.technicians),
            benefits: Set(benefit_bits(s)),
            labor_mechanical_cents: Set(s.labor_mechanical_cents),
            labor_diesel_cents: Set(s.labor_diesel_cents),
            labor_body_cents: Set(s.labor_body_cents),
            labor_paint_cents: Set(s.labor_paint_cents),
            ..Default::default()
        })
        .collect();
    for batch in shops.chunks(BATCH) {
        published_shop_fact::Entity::insert_many(batch.to_vec()).exec_without_returning(txn).await?;
    }
    for chunk in submissions.chunks(BATCH) {
        let by_id: Vec<(i64, &pay_submission::Model)> = chunk.iter().map(|s| (s.id, s)).collect();
        let rows = pay_row::Entity::find()
            .filter(pay_row::Column::SubmissionId.is_in(by_id.iter().map(|(id, _)| *id)))
            .all(txn)
            .await?;
        let facts: Vec<published_pay_fact::ActiveModel> = rows
            .into_iter()
            .filter_map(|r| {
                let (_, s) = by_id.iter().find(|(id, _)| *id == r.submission_id)?;
                Some(published_pay_fact::ActiveModel {
                    quarter: Set(q.clone()),
                    contributor: Set(number(s.shop_id)),
                    state: Set(s.state.clone()),
                    area: Set(s.area.clone()),
                    shop_group: Set(s.shop_group.clone()),
                    role: Set(r.role),
                    experience: Set(r.experience),
                    certification: Set(r.certification),
                    technicians: Set(r.technicians),
                    annual_cents: Set(r.annual_cents),
                    ..Default::default()
                })
            })
            .collect();
        for batch in facts.chunks(BATCH) {
            published_pay_fact::Entity::insert_many(batch.to_vec()).exec_without_returning(txn).await?;
        }
    }
    Ok(())
}

/// The blur of one printed percentile (see `domain::disclosure::blur_of`): fixed by the
/// quarter's secret, what the figure measures (`slice`: a role, a labor kind), which
/// percentile it is (`statistic`: 0–4 for P10 … P90) and the exact set of rows it rests on
/// (`rows`: their canonical cell's key), so the same rows asked for another way get the same
/// blur and repeating questions averages nothing away.
pub fn blur(secret: &str, slice: &str, statistic: usize, rows: &str) -> f64 {
    let digest = Sha256::digest(format!("{secret}/{slice}/{statistic}/{rows}").as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    domain::disclosure::blur_of(u64::from_be_bytes(first) as f64 / u64::MAX as f64)
}

/// Whether a submission's `counts_in` is its own quarter or a later one (for the shop's
/// history and the review page).
pub fn counts_toward(s: &pay_submission::Model) -> Option<Quarter> {
    Quarter::parse(s.counts_in.as_deref().unwrap_or(&s.quarter))
}

/// The first quarter not yet published at `now`: where data accepted now counts when its own
/// quarter is already published.
pub fn first_unpublished(now: DateTime<Utc>) -> Quarter {
    let published = super::published_quarters(now);
    published.last().map(|q| q.next()).unwrap_or_else(|| super::quarter_of(now))
}

/// `Benefit::ALL` order, for reading a frozen row's bits.
pub fn offers(bits: i32) -> [bool; 8] {
    let mut out = [false; 8];
    for (i, slot) in out.iter_mut().enumerate().take(Benefit::ALL.len()) {
        *slot = bits & (1 << i) != 0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contributor_numbers_are_dense_and_do_not_follow_shop_ids() {
        let numbers = contributors("a-secret", vec![5, 3, 9, 3, 1]);
        let mut n: Vec<i32> = numbers.iter().map(|(_, n)| *n).collect();
        n.sort_unstable();
        assert_eq!(n, vec![0, 1, 2, 3]);
        let other = contributors("another-secret", vec![5, 3, 9, 1]);
        assert_ne!(numbers, other, "a different secret draws a different order");
    }

    #[test]
    fn the_blur_is_fixed_by_secret_and_rows_and_stays_within_its_bound() {
        let a = blur("s", "diesel", 2, "1/*/*/*/*");
        assert_eq!(a, blur("s", "diesel", 2, "1/*/*/*/*"));
        assert_ne!(a, blur("s", "diesel", 2, "1/480/*/*/*"));
        assert_ne!(a, blur("s", "diesel", 1, "1/*/*/*/*"));
        assert_ne!(a, blur("t", "diesel", 2, "1/*/*/*/*"));
        for i in 0..200 {
            assert!(blur("s", "x", 2, &i.to_string()).abs() <= domain::disclosure::MAX_BLUR);
        }
    }

    #[test]
    fn benefit_bits_round_trip() {
        assert_eq!(offers(0b101), [true, false, true, false, false, false, false, false]);
    }
}
