//! The labor-rate-by-state map: one figure per state, each the state cell of the lattice
//! (a question the filter form can ask too, so the map adds no new cell to difference),
//! built by the disclosure module and narrowed to the viewer's access like every figure.
use chrono::{DateTime, Utc};
use domain::{
    disclosure::Suppressed,
    insights::{Access, LaborKind},
    insights_view::{LaborFigure, LaborMap, Shown, StateLabor},
    states::STATES,
};
use sea_orm::{ConnectionTrait, TransactionTrait};

use super::{
    access,
    cells::Cell,
    disclose,
    read::narrow_labor,
    snapshot::{InsightsCache, QuarterData, Snapshot},
};
use crate::{authz::Actor, error::ServiceError};

/// The states (and DC) the map draws; the territories have no outline in us-atlas's
/// Albers USA projection.
pub const MAPPED: [&str; 51] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
    "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
];

/// The latest published quarter's labor rate of one kind in every mapped state.
pub async fn labor_by_state(
    db: &(impl ConnectionTrait + TransactionTrait),
    cache: &InsightsCache,
    actor: Option<Actor>,
    kind: LaborKind,
    now: DateTime<Utc>,
) -> Result<LaborMap, ServiceError> {
    let access = access::level(db, actor, now).await?;
    let snapshot = cache.get(db, now).await?;
    let figures = state_labor(&snapshot, kind);
    let published = snapshot.latest().is_some() && access != Access::Public;
    let states = STATES
        .iter()
        .zip(figures)
        .filter(|((code, _), _)| MAPPED.contains(code))
        .map(|((code, name), figure)| StateLabor {
            state: code.to_string(),
            name: name.to_string(),
            figure: if published {
                narrow_labor(figure.clone(), access)
            } else {
                Shown::No { reason: Suppressed::NotForYou }
            },
        })
        .collect();
    Ok(LaborMap { access, quarter: snapshot.latest(), kind, states })
}

/// The latest quarter's labor rate of `kind` in the state at each index of `STATES`, as the
/// disclosure rules answer the state's cell (before any access narrows it); computed once per
/// snapshot, since the map asks all of them on every page view.
fn state_labor(snapshot: &Snapshot, kind: LaborKind) -> &[Shown<LaborFigure>] {
    let all = snapshot.state_labor_with(|snapshot| {
        let empty = QuarterData::default();
        let latest = snapshot.latest_data().unwrap_or(&empty);
        LaborKind::ALL
            .iter()
            .map(|kind| {
                let figures = (0..STATES.len())
                    .map(|i| disclose::labor(latest, *kind, Cell::state(i as u16)))
                    .collect();
                (*kind, figures)
            })
            .collect()
    });
    all.get(&kind).map(Vec::as_slice).unwrap_or(&[])
}
