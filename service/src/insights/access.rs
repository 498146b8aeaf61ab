//! Give to get: what a viewer may see depends on whether their shop contributes.
use chrono::{DateTime, Duration, Utc};
use domain::{
    billing::Unlock, insights::Access, insights_view::InsightsFilter, orgs::OrgKind, orgs::OrgStatus,
};
use entity::{organisation, pay_submission};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};

use crate::authz::Actor;

/// How far back a contribution earns full access.
pub const CONTRIBUTOR_WINDOW_DAYS: i64 = 365;

/// The verified shops the actor is a member of.
pub async fn verified_shops(db: &impl ConnectionTrait, actor: Actor) -> Result<Vec<i64>, DbErr> {
    let orgs = crate::authz::organisations(db, actor).await?;
    organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .filter(organisation::Column::Id.is_in(orgs))
        .filter(organisation::Column::Kind.eq(OrgKind::Shop))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified))
        .into_tuple()
        .all(db)
        .await
}

/// Contributor if one of the actor's verified shops submitted (and was not rejected) in the
/// last 12 months; paying member if their shop's membership unlocks every filter; member if
/// they belong to a verified shop; public otherwise.
pub async fn level(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    now: DateTime<Utc>,
) -> Result<Access, DbErr> {
    let Some(actor) = actor else { return Ok(Access::Public) };
    let shops = verified_shops(db, actor).await?;
    if shops.is_empty() {
        return Ok(Access::Public);
    }
    let recent = pay_submission::Entity::find()
        .filter(pay_submission::Column::ShopId.is_in(shops))
        .filter(pay_submission::Column::Status.ne(domain::insights::ReviewStatus::Rejected))
        .filter(pay_submission::Column::SubmittedAt.gte(now - Duration::days(CONTRIBUTOR_WINDOW_DAYS)))
        .count(db)
        .await?;
    if recent > 0 {
        return Ok(Access::Contributor);
    }
    let paid = crate::membership::standing::unlocked(db, Some(actor), Unlock::ExchangeFilters, now).await?;
    Ok(if paid { Access::PaidMember } else { Access::Member })
}

/// Whether a level may ask this question at all. Members see medians by place down to the
/// state — a Census division is a union of states, between the two they always saw — and the
/// public sees national medians only.
pub fn allows(access: Access, filter: &InsightsFilter) -> bool {
    let refined = filter.group.is_some() || filter.experience.is_some() || filter.certification.is_some();
    match access {
        Access::Contributor | Access::PaidMember => true,
        Access::Member => !refined && filter.zip.is_none(),
        Access::Public => {
            !refined && filter.zip.is_none() && filter.state.is_none() && filter.division.is_none()
        }
    }
}
