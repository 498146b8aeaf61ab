//! An organisation's placements: a school program's (for its work-based-learning records
//! and the state's reporting, also as CSV) and a shop's, at the same address. Members of
//! the organisation and admins only. The shop reads a student's name only once consent is
//! settled, as on the placement's own page.
use chrono::{DateTime, Utc};
use domain::{
    orgs::OrgKind,
    placement_records::{EvaluationAuthor, OrgPlacementRow, OrgPlacementsView},
    placements::PlacementStatus,
};
use entity::placement;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{UNNAMED_STUDENT, consent_settled, evaluations, hours_read};
use crate::{
    accounts::{names, zone},
    authz::{self, Actor},
    error::ServiceError,
};

/// `/orgs/{id}/placements` (and its CSV): every placement of the organisation, newest first.
pub async fn of_org(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    org_id: i64,
    now: DateTime<Utc>,
) -> Result<OrgPlacementsView, ServiceError> {
    let org = crate::orgs::find(db, org_id).await?;
    let actor = authz::signed_in(actor)?;
    if authz::role_in(db, actor, org_id).await?.is_none() && !actor.is_admin {
        return Err(ServiceError::Forbidden);
    }
    let is_shop = org.kind == OrgKind::Shop;
    let side = if is_shop { placement::Column::ShopId } else { placement::Column::ProgramId };
    let rows = placement::Entity::find()
        .filter(side.eq(org_id))
        .order_by_desc(placement::Column::StartsOn)
        .order_by_desc(placement::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let hours = hours_read::entries_of(db, ids.clone()).await?;
    let written = evaluations::of(db, ids).await?;
    let people: Vec<i64> =
        rows.iter().flat_map(|r| [r.student_id, r.mentor_id, r.coordinator_id]).flatten().collect();
    let people = names::of(db, people).await?;
    let partners: Vec<i64> = rows.iter().map(|r| if is_shop { r.program_id } else { r.shop_id }).collect();
    let partners = crate::openings::lists::program_names(db, partners).await?;
    let tz = zone::of(db, Some(actor)).await?;
    let today = now.with_timezone(&tz).date_naive();
    let mut shared_names = super::shared_names(db, &rows).await?;
    let mut list = Vec::with_capacity(rows.len());
    for row in &rows {
        let shared = shared_names.remove(&row.id);
        let named = row.student_id.and_then(|s| people.get(&s).cloned());
        // The shop reads the student's account name only once consent is settled.
        let student = match (is_shop && !consent_settled(row), named, shared) {
            // Made from an offer: nobody has joined yet.
            _ if row.status == PlacementStatus::AwaitingStudent => "Waiting for the student to join".into(),
            (true, _, shared) => shared.unwrap_or_else(|| UNNAMED_STUDENT.into()),
            (false, Some(name), _) => name,
            (false, None, _) => "Account deleted".into(),
        };
        let of_row: Vec<_> = written.iter().filter(|e| e.placement_id == row.id).cloned().collect();
        let mut evaluations_written: Vec<_> =
            of_row.iter().filter(|e| e.author == EvaluationAuthor::Mentor).map(|e| e.stage).collect();
        evaluations_written.sort();
        evaluations_written.dedup();
        let partner_id = if is_shop { row.program_id } else { row.shop_id };
        list.push(OrgPlacementRow {
            id: row.id,
            student,
            partner_id,
            partner_name: partners.get(&partner_id).cloned().unwrap_or_default(),
            status: row.status,
            starts_on: row.starts_on.to_string(),
            ends_on: row.ends_on.to_string(),
            mentor: row.mentor_id.and_then(|p| people.get(&p).cloned()),
            coordinator: row.coordinator_id.and_then(|p| people.get(&p).cloned()),
            weekly_hours: u32::try_from(row.weekly_hours).unwrap_or_default(),
            paid: row.paid,
            totals: hours_read::totals(row, hours.get(&row.id).map_or(&[][..], Vec::as_slice), today, now),
            evaluations_due: evaluations::due(row, &of_row, today),
            evaluations_written,
            consent_on: row
                .consented_at
                .filter(|_| !is_shop || consent_settled(row))
                .map(|at| at.with_timezone(&tz).date_naive().to_string()),
            under_18: row.minor.filter(|_| !is_shop || consent_settled(row)),
            end_reason: row.end_reason.clone(),
        });
    }
    Ok(OrgPlacementsView { org_id, org_name: org.name, is_shop, rows: list })
}
