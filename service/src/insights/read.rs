//! The insights query: resolve the viewer's access and the filter's cell, take the published
//! snapshot, and let the disclosure module build every figure. The page, the CSV and the API
//! all call [`insights`], so they show the same figures.
use chrono::{DateTime, Utc};
use domain::{
    disclosure::Suppressed,
    insights::{Access, Certification, ExperienceBand, LaborKind, ShopGroup},
    insights_view::{InsightsFilter, InsightsView, LaborFigure, OewsFigure, Shown, TrendPoint},
    states::STATES,
};
use sea_orm::{ConnectionTrait, TransactionTrait};

use super::{
    access,
    cells::Cell,
    disclose, oews,
    snapshot::{InsightsCache, Snapshot, certification_index, experience_index},
};
use crate::{authz::Actor, error::ServiceError};

/// The figures a viewer may see for a filter.
pub async fn insights(
    db: &(impl ConnectionTrait + TransactionTrait),
    cache: &InsightsCache,
    actor: Option<Actor>,
    filter: &InsightsFilter,
    now: DateTime<Utc>,
) -> Result<InsightsView, ServiceError> {
    let access = access::level(db, actor, now).await?;
    let (cell, state) = cell_of(db, filter).await?;
    let snapshot = cache.get(db, now).await?;
    let oews = oews::lookup(db, filter.role, state.as_deref()).await?;
    Ok(view(&snapshot, access, filter, cell, oews))
}

/// The cell a filter asks about, and its state code; bad states and ZIPs name their field.
pub async fn cell_of(
    db: &impl ConnectionTrait,
    filter: &InsightsFilter,
) -> Result<(Cell, Option<String>), ServiceError> {
    let mut state = filter.state.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_uppercase);
    let mut area = None;
    if let Some(zip) = filter.zip.as_deref().map(str::trim).filter(|z| !z.is_empty()) {
        domain::Zip::parse(zip).map_err(|e| ServiceError::invalid("zip", e.to_string()))?;
        let place = crate::programs::zip_place(db, zip)
            .await?
            .map_err(|why| ServiceError::invalid("zip", why.message(zip)))?;
        match &state {
            Some(s) if *s != place.state => {
                return Err(ServiceError::invalid("zip", format!("{zip} is in {}, not {s}", place.state)));
            }
            _ => state = Some(place.state.clone()),
        }
        area = zip[..3].parse::<u16>().ok();
    }
    let state_index = match &state {
        Some(code) => Some(
            STATES
                .iter()
                .position(|(c, _)| c == code)
                .ok_or_else(|| ServiceError::invalid("state", "choose a state from the list"))?
                as u16,
        ),
        None => None,
    };
    let index = |all: &[ShopGroup], g: ShopGroup| all.iter().position(|x| *x == g).map(|i| i as u8);
    let cell = Cell {
        state: state_index,
        area,
        group: filter.group.and_then(|g| index(ShopGroup::ALL, g)),
        experience: filter.experience.map(|e: ExperienceBand| experience_index(e)),
        certification: filter.certification.map(|c: Certification| certification_index(c)),
    };
    Ok((cell, state))
}

/// A labor rate of the latest published quarter as `access` may see it: nothing for the
/// public, the median for members, the distribution for contributors.
pub fn labor_for(snapshot: &Snapshot, access: Access, cell: Cell, kind: LaborKind) -> Shown<LaborFigure> {
    let Some(quarter) = snapshot.latest().filter(|_| access != Access::Public) else {
        return not_for_you();
    };
    let empty = Default::default();
    narrow_labor(disclose::labor(snapshot.data.get(&quarter).unwrap_or(&empty), kind, cell), access)
}

/// A labor-rate figure as `access` may see it (the public never reaches here).
pub fn narrow_labor(figure: Shown<LaborFigure>, access: Access) -> Shown<LaborFigure> {
    match figure {
        Shown::Yes { mut figure } if !access.is_full() => {
            figure.rate = figure.rate.median_only();
            Shown::Yes { figure }
        }
        other => other,
    }
}

fn not_for_you<T>() -> Shown<T> {
    Shown::No { reason: Suppressed::NotForYou }
}

/// Every figure for a cell, narrowed to what `access` may see. Figures are computed the same
/// way for everyone (so every shown figure passed the rules for the widest audience); access
/// only removes figures or spreads.
pub fn view(
    snapshot: &Snapshot,
    access: Access,
    filter: &InsightsFilter,
    cell: Cell,
    oews: Option<OewsFigure>,
) -> InsightsView {
    let quarter = snapshot.latest();
    let mut out = InsightsView {
        access,
        filter: filter.clone(),
        quarter,
        pay: not_for_you(),
        benefits: not_for_you(),
        labor: LaborKind::ALL.iter().map(|k| (*k, not_for_you())).collect(),
        trend: Vec::new(),
        oews,
    };
    if !access::allows(access, filter) {
        return out;
    }
    let empty = Default::default();
    let data = |q| snapshot.data.get(&q).unwrap_or(&empty);
    let full = access.is_full();
    if let Some(q) = quarter {
        out.pay = match disclose::pay(data(q), filter.role, cell) {
            Shown::Yes { mut figure } if !full => {
                figure.annual = figure.annual.median_only();
                figure.hourly = figure.hourly.median_only();
                Shown::Yes { figure }
            }
            other => other,
        };
        out.labor =
            LaborKind::ALL.iter().map(|kind| (*kind, labor_for(snapshot, access, cell, *kind))).collect();
        if full {
            out.benefits = disclose::benefits(data(q), cell);
        }
    }
    if access != Access::Public {
        out.trend = snapshot
            .quarters
            .iter()
            .map(|q| TrendPoint {
                quarter: *q,
                median_annual: match disclose::pay(data(*q), filter.role, cell) {
                    Shown::Yes { figure } => Shown::Yes { figure: figure.annual.median },
                    Shown::No { reason } => Shown::No { reason },
                },
            })
            .collect();
    }
    out
}
