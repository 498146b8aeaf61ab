//! The published data, held in memory: every accepted, current submission of the quarters
//! that ended at least 3 months ago (rule 3), reduced to what figures need — no names, no
//! submission ids. It is the pre-aggregation that keeps insights queries fast at a million
//! rows; it is rebuilt when the data or the calendar moves on (see [`InsightsCache`]).
use std::{
    collections::HashMap,
    sync::{Arc, OnceLock, RwLock},
    time::Instant,
};

use chrono::{DateTime, Utc};
use domain::{
    exchange::{LaborFigure, Shown},
    insights::{Benefit, Certification, ExperienceBand, LaborKind, Quarter, Role, ShopGroup},
    states::STATES,
};
use entity::{pay_row, pay_submission};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType, QueryFilter, QuerySelect,
    RelationDef, Statement, sea_query::Condition,
};

use super::{
    cells::{Cell, Leaf},
    disclose, published_quarters,
};

/// One pay row, as figures see it.
#[derive(Debug, Clone, Copy)]
pub struct PayFact {
    pub shop: i64,
    pub leaf: Leaf,
    pub technicians: u32,
    pub annual_cents: i64,
}

/// One shop's submission, as benefit and labor-rate figures see it.
#[derive(Debug, Clone, Copy)]
pub struct ShopFact {
    pub shop: i64,
    pub leaf: Leaf,
    pub technicians: u32,
    /// In `Benefit::ALL` order.
    pub benefits: [bool; 8],
    /// In `LaborKind::ALL` order, cents per hour.
    pub labor: [Option<i64>; 4],
}

#[derive(Debug, Default)]
pub struct QuarterData {
    pub shops: Vec<ShopFact>,
    pub pay: HashMap<Role, Vec<PayFact>>,
}

/// What changes the published data: the calendar (which quarters are published) and any
/// write to submissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    quarters: Vec<Quarter>,
    last: Vec<i64>,
    reviewed: Option<String>,
}

#[derive(Debug)]
pub struct Snapshot {
    /// Published quarters, oldest first (at most the trend's length).
    pub quarters: Vec<Quarter>,
    pub data: HashMap<Quarter, QuarterData>,
    version: Version,
    /// The latest quarter's labor rate of each kind in each state (indexed like
    /// `domain::states::STATES`), computed once on first use: the map asks all of them on
    /// every page view, and they are the same for every viewer until the access narrows them.
    state_labor: OnceLock<HashMap<LaborKind, Vec<Shown<LaborFigure>>>>,
}

fn index_of<T: PartialEq + Copy>(all: &[T], value: Option<T>) -> u8 {
    value.and_then(|v| all.iter().position(|a| *a == v)).unwrap_or(u8::MAX as usize) as u8
}

/// A submission's place and group as a leaf (experience and certification filled by rows).
pub fn shop_leaf(state: &str, area: &str, group: &str) -> Leaf {
    Leaf {
        state: STATES.iter().position(|(code, _)| *code == state).unwrap_or(u16::MAX as usize) as u16,
        area: area.parse().unwrap_or(u16::MAX),
        group: index_of(ShopGroup::ALL, ShopGroup::from_slug(group)),
        experience: 0,
        certification: 0,
    }
}

pub fn experience_index(band: ExperienceBand) -> u8 {
    index_of(ExperienceBand::ALL, Some(band))
}

pub fn certification_index(level: Certification) -> u8 {
    index_of(Certification::ALL, Some(level))
}

#[derive(Debug, FromQueryResult)]
struct PayLine {
    shop_id: i64,
    quarter: String,
    state: String,
    area: String,
    shop_group: String,
    role: String,
    experience: String,
    certification: String,
    technicians: i32,
    annual_cents: i64,
}

fn row_to_submission() -> RelationDef {
    pay_row::Entity::belongs_to(pay_submission::Entity)
        .from(pay_row::Column::SubmissionId)
        .to(pay_submission::Column::Id)
        .into()
}

/// Cheap index reads: the largest submission id of each published quarter (a new or
/// resubmitted row there raises it) and the latest review time. Contributions go to the
/// current quarter, which is never published yet, so they do not force a rebuild. Removals
/// by cascade (a deleted shop) change neither; the cache's time limit bounds how long they
/// linger.
async fn version(db: &impl ConnectionTrait, quarters: Vec<Quarter>) -> Result<Version, DbErr> {
    // One round trip of index-backed scalar subqueries. The quarters are printed by
    // `Quarter`'s Display (digits, "-Q", a digit), so inlining them is safe.
    let mut columns: Vec<String> = quarters
        .iter()
        .enumerate()
        .map(|(i, q)| format!("(SELECT MAX(id) FROM pay_submission WHERE quarter = '{q}') AS q{i}"))
        .collect();
    columns.push("(SELECT MAX(reviewed_at) FROM pay_submission) AS reviewed".into());
    let sql = format!("SELECT {}", columns.join(", "));
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    let mut last = Vec::with_capacity(quarters.len());
    let mut reviewed = None;
    if let Some(row) = row {
        for i in 0..quarters.len() {
            last.push(row.try_get::<Option<i64>>("", &format!("q{i}"))?.unwrap_or(0));
        }
        // PostgreSQL types MAX(timestamptz); SQLite returns the stored text.
        reviewed = match row.try_get::<Option<DateTime<Utc>>>("", "reviewed") {
            Ok(at) => at.map(|at| at.to_rfc3339()),
            Err(_) => row.try_get::<Option<String>>("", "reviewed")?,
        };
    }
    Ok(Version { quarters, last, reviewed })
}

impl Snapshot {
    /// Reads the published data as of `now`.
    pub async fn load(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Self, DbErr> {
        let quarters = published_quarters(now);
        let version = version(db, quarters.clone()).await?;
        let names: Vec<String> = quarters.iter().map(Quarter::to_string).collect();
        let current = || {
            Condition::all()
                .add(pay_submission::Column::Status.eq("accepted"))
                .add(pay_submission::Column::SupersededAt.is_null())
                .add(pay_submission::Column::Quarter.is_in(names.clone()))
        };
        let mut data: HashMap<Quarter, QuarterData> = HashMap::new();
        for s in pay_submission::Entity::find().filter(current()).all(db).await? {
            let Some(quarter) = Quarter::parse(&s.quarter) else { continue };
            let benefits = offered(&s);
            let labor =
                [s.labor_mechanical_cents, s.labor_diesel_cents, s.labor_body_cents, s.labor_paint_cents];
            data.entry(quarter).or_default().shops.push(ShopFact {
                shop: s.shop_id,
                leaf: shop_leaf(&s.state, &s.area, &s.shop_group),
                technicians: s.technicians.max(0) as u32,
                benefits,
                labor,
            });
        }
        let lines = pay_row::Entity::find()
            .select_only()
            .columns([pay_submission::Column::ShopId, pay_submission::Column::Quarter])
            .columns([
                pay_submission::Column::State,
                pay_submission::Column::Area,
                pay_submission::Column::ShopGroup,
            ])
            .columns([pay_row::Column::Role, pay_row::Column::Experience, pay_row::Column::Certification])
            .columns([pay_row::Column::Technicians, pay_row::Column::AnnualCents])
            .join(JoinType::InnerJoin, row_to_submission())
            .filter(current())
            .into_model::<PayLine>()
            .all(db)
            .await?;
        for line in lines {
            let (Some(quarter), Some(role)) = (Quarter::parse(&line.quarter), Role::from_slug(&line.role))
            else {
                continue;
            };
            let mut leaf = shop_leaf(&line.state, &line.area, &line.shop_group);
            leaf.experience = index_of(ExperienceBand::ALL, ExperienceBand::from_slug(&line.experience));
            leaf.certification = index_of(Certification::ALL, Certification::from_slug(&line.certification));
            data.entry(quarter).or_default().pay.entry(role).or_default().push(PayFact {
                shop: line.shop_id,
                leaf,
                technicians: line.technicians.max(0) as u32,
                annual_cents: line.annual_cents,
            });
        }
        // Sorted once here, so each figure's values come out sorted by a filter.
        for quarter in data.values_mut() {
            for rows in quarter.pay.values_mut() {
                rows.sort_unstable_by_key(|r| r.annual_cents);
            }
        }
        Ok(Self { quarters, data, version, state_labor: OnceLock::new() })
    }

    pub fn latest(&self) -> Option<Quarter> {
        self.quarters.last().copied()
    }

    /// The latest quarter's labor rate of `kind` in the state at each index of `STATES`, as
    /// the disclosure module answers the state's cell (before any access narrows it).
    pub fn state_labor(&self, kind: LaborKind) -> &[Shown<LaborFigure>] {
        let all = self.state_labor.get_or_init(|| {
            let shops =
                self.latest().and_then(|q| self.data.get(&q)).map(|d| d.shops.as_slice()).unwrap_or(&[]);
            LaborKind::ALL
                .iter()
                .map(|kind| {
                    let figures = (0..STATES.len())
                        .map(|i| {
                            disclose::labor(shops, *kind, Cell { state: Some(i as u16), ..Cell::default() })
                        })
                        .collect();
                    (*kind, figures)
                })
                .collect()
        });
        all.get(&kind).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Which benefits a submission offers, in `Benefit::ALL` order.
fn offered(s: &pay_submission::Model) -> [bool; 8] {
    Benefit::ALL
        .iter()
        .map(|benefit| match benefit {
            Benefit::HealthInsurance => s.health_insurance,
            Benefit::RetirementMatch => s.retirement_match_pct > 0,
            Benefit::ToolAllowance => s.tool_allowance_cents > 0,
            Benefit::PaidTraining => s.paid_training,
            Benefit::AseReimbursement => s.ase_reimbursement,
            Benefit::Uniforms => s.uniforms,
            Benefit::PaidTimeOff => s.pto_days > 0,
            Benefit::SignOnBonus => s.sign_on_bonus_cents > 0,
        })
        .collect::<Vec<_>>()
        .try_into()
        .unwrap_or([false; 8])
}

/// The snapshot shared by every request, rebuilt when its [`Version`] changes. Checking the
/// version costs one small aggregate query per request.
#[derive(Debug, Default)]
pub struct InsightsCache {
    current: RwLock<Option<(Arc<Snapshot>, Instant)>>,
}

/// A snapshot older than this is rebuilt by the request that finds it, even if its version
/// still matches. A server refreshes it in the background every [`REFRESH_EVERY`], so no
/// request normally waits for a rebuild; the limit covers callers without that task.
pub const MAX_AGE: std::time::Duration = std::time::Duration::from_secs(900);
/// How often a server rebuilds the snapshot off the request path (see [`InsightsCache::refresh`]).
pub const REFRESH_EVERY: std::time::Duration = std::time::Duration::from_secs(300);

impl InsightsCache {
    pub fn new() -> Self {
        Self::default()
    }

    pub async fn get(&self, db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Arc<Snapshot>, DbErr> {
        let wanted = version(db, published_quarters(now)).await?;
        if let Some((snapshot, built)) = self.current.read().ok().and_then(|s| s.clone())
            && snapshot.version == wanted
            && built.elapsed() < MAX_AGE
        {
            return Ok(snapshot);
        }
        self.refresh(db, now).await
    }

    /// Rebuilds the snapshot now. A server calls it at start and every [`REFRESH_EVERY`],
    /// so a request finds it built; removals the version cannot see (a deleted shop's rows)
    /// leave the figures within one refresh.
    pub async fn refresh(
        &self,
        db: &impl ConnectionTrait,
        now: DateTime<Utc>,
    ) -> Result<Arc<Snapshot>, DbErr> {
        let fresh = Arc::new(Snapshot::load(db, now).await?);
        if let Ok(mut slot) = self.current.write() {
            *slot = Some((fresh.clone(), Instant::now()));
        }
        Ok(fresh)
    }
}
