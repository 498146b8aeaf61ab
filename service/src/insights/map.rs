//! The labor-rate-by-state map: one figure per state, each the state cell of the lattice
//! (a question the filter form can ask too, so the map adds no new cell to difference),
//! built by the disclosure module and narrowed to the viewer's access like every figure.
use chrono::{DateTime, Utc};
use domain::{
    exchange::{LaborMap, StateLabor},
    insights::LaborKind,
    states::STATES,
};
use sea_orm::ConnectionTrait;

use super::{access, cells::Cell, read::labor_for, snapshot::InsightsCache};
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
    db: &impl ConnectionTrait,
    cache: &InsightsCache,
    actor: Option<Actor>,
    kind: LaborKind,
    now: DateTime<Utc>,
) -> Result<LaborMap, ServiceError> {
    let access = access::level(db, actor, now).await?;
    let snapshot = cache.get(db, now).await?;
    let states = STATES
        .iter()
        .enumerate()
        .filter(|(_, (code, _))| MAPPED.contains(code))
        .map(|(index, (code, name))| {
            let cell = Cell { state: Some(index as u16), ..Cell::default() };
            StateLabor {
                state: code.to_string(),
                name: name.to_string(),
                figure: labor_for(&snapshot, access, cell, kind),
            }
        })
        .collect();
    Ok(LaborMap { access, quarter: snapshot.latest(), kind, states })
}
