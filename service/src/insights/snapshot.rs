//! The published data, held in memory: the frozen rows of the quarters that ended at least 3
//! months ago (rule 3; see `publish`), reduced to what figures need — no names, no shop or
//! submission ids. It is the pre-aggregation that keeps insights queries fast at a million
//! rows; it is rebuilt when the calendar publishes another quarter (see [`InsightsCache`]).
use std::{
    collections::HashMap,
    sync::{Arc, OnceLock, RwLock},
};

use chrono::{DateTime, Utc};
use domain::{
    insights::{Benefit, Certification, ExperienceBand, LaborKind, Quarter, Role, ShopGroup},
    insights_view::{LaborFigure, Shown},
    states::STATES,
};
use entity::{pay_submission, published_pay_fact, published_shop_fact};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, TransactionTrait};

use super::{
    cells::{Leaf, NO_DIVISION, division_of},
    publish::{Frozen, ensure_frozen, offers},
    published_quarters,
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

#[derive(Debug)]
pub struct QuarterData {
    pub shops: Vec<ShopFact>,
    pub pay: HashMap<Role, Vec<PayFact>>,
    /// The quarter's secret, which fixes each figure's blur (see `publish::blur`).
    pub secret: String,
    /// Whether the quarter's place tree has Census divisions (see `publish::Frozen`); without,
    /// every leaf's division is `cells::NO_DIVISION`.
    pub divisions: bool,
}

impl Default for QuarterData {
    /// No rows, in the lattice every quarter frozen from now on has.
    fn default() -> Self {
        Self { shops: Vec::new(), pay: HashMap::new(), secret: String::new(), divisions: true }
    }
}

#[derive(Debug)]
pub struct Snapshot {
    /// Published quarters, oldest first (at most the trend's length).
    pub quarters: Vec<Quarter>,
    pub data: HashMap<Quarter, QuarterData>,
    /// The latest quarter's labor rate of each kind in each state (indexed like
    /// `domain::states::STATES`), computed once on first use: the map asks all of them on
    /// every page view, and they are the same for every viewer until the access narrows them.
    state_labor: OnceLock<HashMap<LaborKind, Vec<Shown<LaborFigure>>>>,
}

fn index_of<T: PartialEq + Copy>(all: &[T], value: Option<T>) -> u8 {
    value.and_then(|v| all.iter().position(|a| *a == v)).unwrap_or(u8::MAX as usize) as u8
}

/// A submission's place and group as a leaf (experience and certification filled by rows),
/// in a quarter whose place tree has Census divisions or not.
pub fn shop_leaf(state: &str, area: &str, group: &str, divisions: bool) -> Leaf {
    let state = STATES.iter().position(|(code, _)| *code == state).unwrap_or(u16::MAX as usize) as u16;
    Leaf {
        division: if divisions { division_of(state).unwrap_or(NO_DIVISION) } else { NO_DIVISION },
        state,
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

/// One quarter's frozen rows (see `publish`), as figures see them.
async fn quarter_data(
    db: &impl ConnectionTrait,
    quarter: Quarter,
    frozen: Frozen,
) -> Result<QuarterData, DbErr> {
    let q = quarter.to_string();
    let divisions = frozen.divisions;
    let mut data = QuarterData { secret: frozen.secret, divisions, ..Default::default() };
    for s in published_shop_fact::Entity::find()
        .filter(published_shop_fact::Column::Quarter.eq(&q))
        .all(db)
        .await?
    {
        data.shops.push(ShopFact {
            shop: s.contributor as i64,
            leaf: shop_leaf(&s.state, &s.area, &s.shop_group, divisions),
            technicians: s.technicians.max(0) as u32,
            benefits: offers(s.benefits),
            labor: [s.labor_mechanical_cents, s.labor_diesel_cents, s.labor_body_cents, s.labor_paint_cents],
        });
    }
    for line in
        published_pay_fact::Entity::find().filter(published_pay_fact::Column::Quarter.eq(&q)).all(db).await?
    {
        let role = line.role;
        let mut leaf = shop_leaf(&line.state, &line.area, &line.shop_group, divisions);
        leaf.experience = index_of(ExperienceBand::ALL, ExperienceBand::from_slug(&line.experience));
        leaf.certification = index_of(Certification::ALL, Certification::from_slug(&line.certification));
        data.pay.entry(role).or_default().push(PayFact {
            shop: line.contributor as i64,
            leaf,
            technicians: line.technicians.max(0) as u32,
            annual_cents: line.annual_cents,
        });
    }
    // Sorted once here, so each figure's values come out sorted by a filter.
    for rows in data.pay.values_mut() {
        rows.sort_unstable_by_key(|r| r.annual_cents);
    }
    Ok(data)
}

impl Snapshot {
    /// Reads the published data as of `now`, freezing any quarter published since the last
    /// read (the first reader after the publication moment does it, once for all servers).
    pub async fn load<C>(db: &C, now: DateTime<Utc>) -> Result<Self, DbErr>
    where
        C: ConnectionTrait + TransactionTrait,
    {
        let quarters = published_quarters(now);
        let mut data = HashMap::new();
        for quarter in &quarters {
            let frozen = ensure_frozen(db, *quarter, now).await?;
            data.insert(*quarter, quarter_data(db, *quarter, frozen).await?);
        }
        Ok(Self { quarters, data, state_labor: OnceLock::new() })
    }

    pub fn latest(&self) -> Option<Quarter> {
        self.quarters.last().copied()
    }

    /// The latest quarter's data (empty before any quarter is published).
    pub fn latest_data(&self) -> Option<&QuarterData> {
        self.latest().and_then(|q| self.data.get(&q))
    }

    /// The per-state labor figures, computed by `compute` on first use and kept with the
    /// snapshot (the snapshot stores them; the disclosure rules that make them live in
    /// `disclose`, which this module does not call).
    pub fn state_labor_with(
        &self,
        compute: impl FnOnce(&Self) -> HashMap<LaborKind, Vec<Shown<LaborFigure>>>,
    ) -> &HashMap<LaborKind, Vec<Shown<LaborFigure>>> {
        self.state_labor.get_or_init(|| compute(self))
    }
}

/// Which benefits a submission offers, in `Benefit::ALL` order.
pub fn offered(s: &pay_submission::Model) -> [bool; 8] {
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

/// The snapshot shared by every request. Published quarters are frozen (an admin's review
/// counts toward a quarter not yet published), so it changes only when the calendar
/// publishes another quarter; checking that costs no query.
///
/// A build takes seconds at a million rows, so no request should run one. A server's cache
/// ([`Self::serving`]) is built by the server's refresh task (at start, at each publication
/// and every [`REFRESH_EVERY`]); a request that finds it out of date is answered from the
/// snapshot of a moment ago, which was public already. Only the very first build, before
/// any snapshot exists, is waited for, and requests then share that one build. A cache
/// without a refresh task ([`Self::new`]: tools, tests moving the clock) builds when asked.
#[derive(Debug, Default)]
pub struct InsightsCache {
    current: RwLock<Option<Arc<Snapshot>>>,
    /// One build at a time: a request that needs one waits for the build in flight.
    building: tokio::sync::Mutex<()>,
    refreshed_in_background: bool,
}

/// How often a server rebuilds the snapshot off the request path (see [`InsightsCache::refresh`]),
/// besides the rebuild at each quarter's publication.
pub const REFRESH_EVERY: std::time::Duration = std::time::Duration::from_secs(300);

impl InsightsCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// A cache whose owner calls [`Self::refresh`] when [`Self::next_refresh`] says: requests
    /// never build, except the first ever.
    pub fn serving() -> Self {
        Self { refreshed_in_background: true, ..Self::default() }
    }

    fn current(&self) -> Option<Arc<Snapshot>> {
        self.current.read().ok().and_then(|s| s.clone())
    }

    pub async fn get<C>(&self, db: &C, now: DateTime<Utc>) -> Result<Arc<Snapshot>, DbErr>
    where
        C: ConnectionTrait + TransactionTrait,
    {
        if let Some(snapshot) = self.current()
            && (self.refreshed_in_background || snapshot.quarters == published_quarters(now))
        {
            return Ok(snapshot);
        }
        let _one_build = self.building.lock().await;
        // The build this request waited for may be the one it needs.
        if let Some(snapshot) = self.current()
            && (self.refreshed_in_background || snapshot.quarters == published_quarters(now))
        {
            return Ok(snapshot);
        }
        self.build(db, now).await
    }

    /// Rebuilds the snapshot now (a server's refresh task; requests keep reading the old one
    /// until the new one is ready).
    pub async fn refresh<C>(&self, db: &C, now: DateTime<Utc>) -> Result<Arc<Snapshot>, DbErr>
    where
        C: ConnectionTrait + TransactionTrait,
    {
        let _one_build = self.building.lock().await;
        self.build(db, now).await
    }

    async fn build<C>(&self, db: &C, now: DateTime<Utc>) -> Result<Arc<Snapshot>, DbErr>
    where
        C: ConnectionTrait + TransactionTrait,
    {
        let fresh = Arc::new(Snapshot::load(db, now).await?);
        if let Ok(mut slot) = self.current.write() {
            *slot = Some(fresh.clone());
        }
        Ok(fresh)
    }

    /// When the refresh task should next build: at the next quarter's publication, or after
    /// [`REFRESH_EVERY`], whichever comes first.
    pub fn next_refresh(now: DateTime<Utc>) -> DateTime<Utc> {
        let latest = *published_quarters(now).last().expect("published quarters are never empty");
        let publication = super::published_from(latest.next());
        let periodic = now + chrono::Duration::from_std(REFRESH_EVERY).unwrap_or_default();
        publication.min(periodic)
    }
}
