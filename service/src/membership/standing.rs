//! Whether someone is a paying member right now, and what their membership unlocks.
//!
//! Access is read from the dates of paid terms at the moment of asking, so a membership that
//! runs out downgrades access on its own, with nothing deleted: renewing restores it.
use chrono::{DateTime, NaiveDate, Utc};
use domain::billing::{TermStatus, Unlock, unlocks_from_text};
use entity::{member_term, plan};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::authz::{self, Actor};

/// Whether a term is paid and covers `today` (it ends on the first day it no longer covers).
/// The one definition of "current" for access, `/membership` and invoices.
pub fn covers(term: &member_term::Model, today: NaiveDate) -> bool {
    term.status == TermStatus::Paid
        && term.starts_on.is_some_and(|s| s <= today)
        && term.ends_on.is_some_and(|e| e > today)
}

/// The organisations whose membership covers `today`, with their plans.
pub async fn current_terms(
    db: &impl ConnectionTrait,
    organisation_ids: Vec<i64>,
    today: NaiveDate,
) -> Result<Vec<(member_term::Model, plan::Model)>, DbErr> {
    if organisation_ids.is_empty() {
        return Ok(Vec::new());
    }
    let terms = member_term::Entity::find()
        .filter(member_term::Column::OrganisationId.is_in(organisation_ids))
        // Narrowed by the (organisation, end) index; `covers` decides.
        .filter(member_term::Column::EndsOn.gt(today))
        .all(db)
        .await?
        .into_iter()
        .filter(|term| covers(term, today))
        .collect::<Vec<_>>();
    let plan_ids: Vec<i64> = terms.iter().map(|t| t.plan_id).collect();
    let plans = plan::Entity::find().filter(plan::Column::Id.is_in(plan_ids)).all(db).await?;
    Ok(terms
        .into_iter()
        .filter_map(|term| plans.iter().find(|p| p.id == term.plan_id).cloned().map(|p| (term, p)))
        .collect())
}

/// Everything the plans of these terms unlock, each once.
fn unlocks_of(terms: &[(member_term::Model, plan::Model)]) -> Vec<Unlock> {
    let mut unlocks: Vec<Unlock> =
        terms.iter().flat_map(|(_, plan)| unlocks_from_text(&plan.unlocks)).collect();
    unlocks.sort();
    unlocks.dedup();
    unlocks
}

/// What one organisation's current membership unlocks (public: it decides what its profile
/// shows).
pub async fn organisation_unlocks(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<Unlock>, DbErr> {
    Ok(unlocks_of(&current_terms(db, vec![organisation_id], now.date_naive()).await?))
}

/// What the actor's organisations' current memberships unlock (empty for the public and for
/// people whose organisations have none).
pub async fn unlocks(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    now: DateTime<Utc>,
) -> Result<Vec<Unlock>, DbErr> {
    let Some(actor) = actor else { return Ok(Vec::new()) };
    let organisations = authz::organisations(db, actor).await?;
    Ok(unlocks_of(&current_terms(db, organisations, now.date_naive()).await?))
}

/// Whether the actor's membership unlocks `what`.
pub async fn unlocked(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    what: Unlock,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    Ok(unlocks(db, actor, now).await?.contains(&what))
}
