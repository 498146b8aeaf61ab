//! Hours as the parties read them: every entry with what became of it, and the totals
//! against the plan (the coordinator's view: confirmed, waiting, and entries waiting for
//! the mentor more than a week).
use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::{
    placement_records::{HoursEntryView, HoursStatus, HoursTotals, HoursView, WAIT_FLAG_DAYS, count_chains},
    placements::PlacementSide,
};
use entity::{placement, placement_hours};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{
    hours::{entries, keeps_hours, latest_day, links, reviews},
    party,
};
use crate::{
    accounts::{names, zone},
    authz::Actor,
    error::ServiceError,
};

/// The placement's plan in minutes: all of it, and up to `today`.
pub fn planned(row: &placement::Model, today: NaiveDate) -> (i64, i64) {
    let weekly = i64::from(row.weekly_hours) * 60;
    let days = (row.ends_on - row.starts_on).num_days() + 1;
    let so_far = ((today.min(row.ends_on) - row.starts_on).num_days() + 1).clamp(0, days);
    (weekly * days / 7, weekly * so_far / 7)
}

/// The totals of one placement's entries.
pub fn totals(
    row: &placement::Model,
    rows: &[placement_hours::Model],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> HoursTotals {
    let counted = count_chains(&links(rows));
    let flag = now - Duration::days(WAIT_FLAG_DAYS);
    let waiting_long = rows.iter().filter(|r| counted.pending.contains(&r.id) && r.logged_at < flag).count();
    let (planned_minutes, planned_to_date_minutes) = planned(row, today);
    HoursTotals {
        confirmed_minutes: counted.confirmed_minutes,
        pending_minutes: counted.pending_minutes,
        planned_minutes,
        planned_to_date_minutes,
        waiting_long: u32::try_from(waiting_long).unwrap_or(u32::MAX),
    }
}

/// The entries of many placements at once, by placement.
pub async fn entries_of(
    db: &impl ConnectionTrait,
    placements: Vec<i64>,
) -> Result<HashMap<i64, Vec<placement_hours::Model>>, sea_orm::DbErr> {
    let mut by_placement: HashMap<i64, Vec<placement_hours::Model>> = HashMap::new();
    for chunk in placements.chunks(500) {
        let rows = placement_hours::Entity::find()
            .filter(placement_hours::Column::PlacementId.is_in(chunk.to_vec()))
            .order_by_asc(placement_hours::Column::Id)
            .all(db)
            .await?;
        for row in rows {
            by_placement.entry(row.placement_id).or_default().push(row);
        }
    }
    Ok(by_placement)
}

/// `/placements/{id}/hours`: the student, the shop's and the program's members, admins.
/// The shop reads nothing before consent is settled (no hours exist before then anyway).
pub async fn page(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<HoursView, ServiceError> {
    let party = party(db, actor, id).await?;
    let row = &party.row;
    if party.side == PlacementSide::Shop && !super::consent_settled(row) {
        return Err(ServiceError::Conflict("the placement's hours open once consent is settled".into()));
    }
    let tz = zone::of(db, Some(party.actor)).await?;
    let today = now.with_timezone(&tz).date_naive();
    let rows = entries(db, id).await?;
    let counted = count_chains(&links(&rows));
    let people: Vec<i64> = rows.iter().filter_map(|r| r.reviewed_by).collect();
    let people = names::of(db, people).await?;
    let flag = now - Duration::days(WAIT_FLAG_DAYS);
    let mut views: Vec<HoursEntryView> = rows
        .iter()
        .map(|r| {
            let reviewer =
                r.reviewed_by.and_then(|p| people.get(&p).cloned()).unwrap_or_else(|| "the mentor".into());
            let reviewed = r.reviewed_at.map(|at| {
                let verb = if r.status == HoursStatus::Queried { "Queried" } else { "Confirmed" };
                format!("{verb} by {reviewer} on {}", zone::moment(at, tz).text)
            });
            let waiting = counted.pending.contains(&r.id) && r.logged_at < flag;
            HoursEntryView {
                id: r.id,
                worked_on: r.worked_on.to_string(),
                minutes: i64::from(r.minutes),
                tasks: r.tasks.clone(),
                status: r.status,
                query_reason: r.query_reason.clone(),
                corrects: r.corrects_id,
                replaced_by: counted.replaced_by.get(&r.id).copied(),
                counts: counted.counting.contains(&r.id),
                logged_at: zone::moment(r.logged_at, tz),
                reviewed,
                waiting_days: waiting.then(|| (now - r.logged_at).num_days()),
            }
        })
        .collect();
    views.sort_by(|a, b| b.worked_on.cmp(&a.worked_on).then(b.id.cmp(&a.id)));
    let shared = super::shared_name(db, row).await?;
    let open = keeps_hours(row.status);
    Ok(HoursView {
        placement_id: id,
        side: party.side,
        status: row.status,
        shop_name: crate::orgs::find(db, row.shop_id).await?.name,
        student_label: shared.unwrap_or_else(|| super::UNNAMED_STUDENT.into()),
        starts_on: row.starts_on.to_string(),
        ends_on: row.ends_on.to_string(),
        weekly_hours: u32::try_from(row.weekly_hours).unwrap_or_default(),
        totals: totals(row, &rows, today, now),
        entries: views,
        may_log: open && party.side == PlacementSide::Student,
        may_review: open && reviews(&party),
        latest_day: latest_day(tz, row, now).to_string(),
    })
}
