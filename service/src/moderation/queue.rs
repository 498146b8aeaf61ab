//! The admins' moderation queue: open reports grouped by what they are about, oldest
//! first, with how many there are and why; and the suspended organisations. Admins only.
use domain::{
    moderation::{ReportReason, ReportStatus, ReportTarget, ReportedItem, SuspendedOrg},
    orgs::OrgStatus,
};
use entity::{organisation, report};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::subject;
use crate::{
    authz::{self, Actor},
    error::ServiceError,
};

/// How many open reports the queue reads at once (the oldest first).
pub const QUEUE_LIMIT: u64 = 500;

/// Open reports grouped by target, the target first reported first.
pub async fn open_items(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<ReportedItem>, ServiceError> {
    let admin = authz::admin(actor)?;
    let zone = crate::accounts::zone::of(db, Some(admin)).await?;
    let rows = report::Entity::find()
        .filter(report::Column::Status.eq(ReportStatus::Open))
        .order_by_asc(report::Column::CreatedAt)
        .order_by_asc(report::Column::Id)
        .limit(QUEUE_LIMIT)
        .all(db)
        .await?;
    let mut groups: Vec<((ReportTarget, i64), Vec<report::Model>)> = Vec::new();
    for row in rows {
        let Some(target) = ReportTarget::from_slug(&row.target_kind) else { continue };
        let key = (target, row.target_id);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, reports)) => reports.push(row),
            None => groups.push((key, vec![row])),
        }
    }
    let mut items = Vec::with_capacity(groups.len());
    for ((target, target_id), reports) in groups {
        let thing = match subject(db, target, target_id).await {
            Ok(thing) => Some(thing),
            Err(ServiceError::NotFound) => None,
            Err(other) => return Err(other),
        };
        let mut reasons: Vec<(ReportReason, usize)> = Vec::new();
        for reason in reports.iter().filter_map(|r| ReportReason::from_slug(&r.reason)) {
            match reasons.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, n)) => *n += 1,
                None => reasons.push((reason, 1)),
            }
        }
        let notes = reports.iter().rev().map(|r| r.note.clone()).filter(|n| !n.is_empty()).collect();
        let first_reported = crate::accounts::zone::moment(reports[0].created_at, zone);
        let org = thing.as_ref().and_then(|t| t.organisation.clone());
        items.push(ReportedItem {
            target,
            target_id,
            // A target deleted since (its organisation removed it) can only be dismissed.
            title: thing.as_ref().map_or_else(|| "(no longer on Bayline)".into(), |t| t.title.clone()),
            href: thing.as_ref().and_then(|t| t.href.clone()),
            excerpt: thing.as_ref().map(|t| t.excerpt.clone()).unwrap_or_default(),
            organisation_id: org.as_ref().map(|o| o.id),
            organisation_name: org.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
            organisation_suspended: org.as_ref().is_some_and(|o| o.status == OrgStatus::Suspended),
            hidden: thing.as_ref().is_some_and(|t| t.hidden),
            count: reports.len(),
            reasons,
            notes,
            first_reported,
        });
    }
    Ok(items)
}

/// Suspended organisations, by name.
pub async fn suspended(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<SuspendedOrg>, ServiceError> {
    authz::admin(actor)?;
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Status.eq(OrgStatus::Suspended))
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| SuspendedOrg { id: o.id, name: o.name })
        .collect())
}
