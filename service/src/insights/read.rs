//! The insights query: resolve the viewer's access and the filter's cell, take the published
//! snapshot, and let the disclosure module build every figure. The page, the CSV and the API
//! all call [`insights`], so they show the same figures. A place whose pay is hidden by the
//! rules is answered with the nearest wider place's too (ZIP area → state → Census division →
//! national), so figures appear before every state has 5 reporting shops.
use chrono::{DateTime, Utc};
use domain::{
    disclosure::Suppressed,
    divisions::Division,
    insights::{Access, Certification, ExperienceBand, LaborKind, ShopGroup},
    insights_view::{
        InsightsFilter, InsightsView, LaborFigure, OewsFigure, PayFigure, Place, Shown, TrendPoint, WiderPay,
    },
    states::{STATES, state_name},
};
use sea_orm::{ConnectionTrait, TransactionTrait};

use super::{
    access,
    cells::Cell,
    disclose, oews,
    snapshot::{InsightsCache, QuarterData, Snapshot, certification_index, experience_index},
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
    let asked = cell_of(db, filter).await?;
    let snapshot = cache.get(db, now).await?;
    let (_, state, _) = asked.place.parts();
    let oews = oews::lookup(db, filter.role, state).await?;
    Ok(view(&snapshot, access, filter, &asked, oews))
}

/// What the public sees of each role's national pay: one snapshot read for all the roles,
/// and no OEWS row (the career pages show their occupations' rows themselves). The same
/// figures as [`insights`] with no actor and a national filter of each role.
pub async fn public_national_pay(
    db: &(impl ConnectionTrait + TransactionTrait),
    cache: &InsightsCache,
    roles: &[domain::insights::Role],
    now: DateTime<Utc>,
) -> Result<Vec<InsightsView>, ServiceError> {
    let snapshot = cache.get(db, now).await?;
    let mut views = Vec::with_capacity(roles.len());
    for role in roles {
        let filter = InsightsFilter::national(*role);
        let asked = cell_of(db, &filter).await?;
        views.push(view(&snapshot, Access::Public, &filter, &asked, None));
    }
    Ok(views)
}

/// A filter's question resolved: its cell of the lattice and its place as people name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub cell: Cell,
    pub place: Place,
}

/// The cell a filter asks about; bad divisions, states and ZIPs name their field.
pub async fn cell_of(db: &impl ConnectionTrait, filter: &InsightsFilter) -> Result<Asked, ServiceError> {
    let mut state = filter.state.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_uppercase);
    let mut prefix = None;
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
        prefix = Some(zip[..3].to_string());
    }
    let Some(code) = state else {
        let place = filter.division.map_or(Place::National, |division| Place::Division { division });
        let division = filter.division.map(|d| Cell::division(d.index())).unwrap_or_default();
        let cell = refinements(filter).placed(division);
        return Ok(Asked { cell, place });
    };
    let index = STATES
        .iter()
        .position(|(c, _)| *c == code)
        .ok_or_else(|| ServiceError::invalid("state", "choose a state from the list"))?
        as u16;
    if let Some(chosen) = filter.division
        && Division::of_state(&code) != Some(chosen)
    {
        let name = state_name(&code).unwrap_or(&code);
        let message = match Division::of_state(&code) {
            Some(its) => format!("{name} is in {}, not {}", its.label(), chosen.label()),
            None => format!("{name} belongs to no Census division: choose national or {name} alone"),
        };
        return Err(ServiceError::invalid("division", message));
    }
    let area = prefix.as_deref().and_then(|p| p.parse::<u16>().ok());
    let cell = refinements(filter).placed(Cell { area, ..Cell::state(index) });
    let place = match prefix {
        Some(prefix) => Place::Area { state: code, prefix },
        None => Place::State { state: code },
    };
    Ok(Asked { cell, place })
}

/// The filter's shop-type group, experience and certification as a cell at national.
fn refinements(filter: &InsightsFilter) -> Cell {
    let index = |all: &[ShopGroup], g: ShopGroup| all.iter().position(|x| *x == g).map(|i| i as u8);
    Cell {
        group: filter.group.and_then(|g| index(ShopGroup::ALL, g)),
        experience: filter.experience.map(|e: ExperienceBand| experience_index(e)),
        certification: filter.certification.map(|c: Certification| certification_index(c)),
        ..Cell::default()
    }
}

/// The cell and place one step up the place tree from `asked`; `None` at national.
fn wider(asked: &Asked) -> Option<Asked> {
    let place = asked.place.parent()?;
    let cell = match asked.place {
        Place::Area { .. } => Cell { area: None, ..asked.cell },
        // A state's division stays (none for a territory, whose parent is national).
        Place::State { .. } => Cell { state: None, area: None, ..asked.cell },
        Place::Division { .. } | Place::National => Cell { division: None, ..asked.cell },
    };
    Some(Asked { cell, place })
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

/// A pay figure as `access` may see it: medians only below full access.
fn narrow_pay(figure: Shown<PayFigure>, access: Access) -> Shown<PayFigure> {
    match figure {
        Shown::Yes { mut figure } if !access.is_full() => {
            figure.annual = figure.annual.median_only();
            figure.hourly = figure.hourly.median_only();
            Shown::Yes { figure }
        }
        other => other,
    }
}

/// When the asked place's pay is hidden by the rules: the pay of the nearest wider place that
/// is shown, the same question otherwise, and one the viewer could ask directly (so every
/// figure it shows is a cell of the lattice, checked like any other).
fn wider_pay(data: &QuarterData, access: Access, filter: &InsightsFilter, asked: &Asked) -> Option<WiderPay> {
    let mut step = wider(asked);
    while let Some(up) = step {
        let (division, state, _) = up.place.parts();
        let question =
            InsightsFilter { division, state: state.map(str::to_string), zip: None, ..filter.clone() };
        if access::allows(access, &question)
            && let Shown::Yes { figure } = narrow_pay(disclose::pay(data, filter.role, up.cell), access)
        {
            return Some(WiderPay { place: up.place, figure });
        }
        step = wider(&up);
    }
    None
}

/// Every figure for a cell, narrowed to what `access` may see. Figures are computed the same
/// way for everyone (so every shown figure passed the rules for the widest audience); access
/// only removes figures or spreads.
pub fn view(
    snapshot: &Snapshot,
    access: Access,
    filter: &InsightsFilter,
    asked: &Asked,
    oews: Option<OewsFigure>,
) -> InsightsView {
    let quarter = snapshot.latest();
    let cell = asked.cell;
    let mut out = InsightsView {
        access,
        filter: filter.clone(),
        place: asked.place.clone(),
        quarter,
        pay: not_for_you(),
        wider_pay: None,
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
        out.pay = narrow_pay(disclose::pay(data(q), filter.role, cell), access);
        if out.pay.figure().is_none() {
            out.wider_pay = wider_pay(data(q), access, filter, asked);
        }
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
