//! One question's figures for one viewer, as the `/insights` page, its CSV and the JSON API
//! all carry them: the view, the by-state labor map, and every figure as a row. One
//! function, so the three cannot disagree.
use chrono::{DateTime, Utc};
use domain::{
    insights::{Access, LaborKind},
    insights_table::{FigureRow, figure_rows, map_rows},
    insights_view::{InsightsFilter, InsightsView, LaborMap},
};
use sea_orm::{ConnectionTrait, TransactionTrait};

use super::{map::labor_by_state, read::insights, snapshot::InsightsCache};
use crate::{authz::Actor, error::ServiceError};

/// What a viewer may see for one question.
#[derive(Debug, Clone)]
pub struct Figures {
    pub view: InsightsView,
    /// The labor rate by state; `None` for the public, who sees no labor rates at all.
    pub map: Option<LaborMap>,
    /// The view's figures and then the map's, shown or hidden with the reason.
    pub rows: Vec<FigureRow>,
}

/// The figures for `filter` and the map of the `labor` rate, as `actor` may see them. A
/// filter the service cannot answer (a ZIP or state it does not know) is `Invalid`, naming
/// the parameter.
pub async fn for_viewer(
    db: &(impl ConnectionTrait + TransactionTrait),
    cache: &InsightsCache,
    actor: Option<Actor>,
    filter: &InsightsFilter,
    labor: LaborKind,
    now: DateTime<Utc>,
) -> Result<Figures, ServiceError> {
    let view = insights(db, cache, actor, filter, now).await?;
    let mut rows = figure_rows(&view);
    let map = match view.access {
        Access::Public => None,
        _ => Some(labor_by_state(db, cache, actor, labor, now).await?),
    };
    if let Some(map) = &map {
        rows.extend(map_rows(map));
    }
    Ok(Figures { view, map, rows })
}
