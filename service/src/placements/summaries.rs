//! The weekly summary to each coordinator: for last week (Monday to Sunday, UTC), every
//! placement they coordinate with its hours confirmed that week and in all against the
//! plan, entries waiting for the mentor more than a week, and evaluations due.
//!
//! Every app server runs it. The `placement_summary_sent` key (coordinator, week) is
//! inserted in the same transaction as the queued mail, with ON CONFLICT DO NOTHING: of
//! servers racing, one inserts and sends, the others insert nothing and send nothing.
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use domain::{
    notifications::NoticeTopic,
    placement_records::{count_chains, hours_text},
    placements::PlacementStatus,
};
use entity::{placement, placement_summary_sent};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    sea_query::OnConflict,
};

use super::{UNNAMED_STUDENT, evaluations, hours::links, hours_read};
use crate::{
    error::ServiceError,
    notifications::{Notice, notify_user},
};

/// The Monday of the last full week before `now` (UTC).
pub fn last_week(now: DateTime<Utc>) -> NaiveDate {
    let today = now.date_naive();
    today - Duration::days(i64::from(today.weekday().num_days_from_monday()) + 7)
}

/// The placements a weekly summary covers: running, or ended or withdrawn since the week
/// began, and started by its end.
async fn covered(
    db: &impl ConnectionTrait,
    week_of: NaiveDate,
) -> Result<Vec<placement::Model>, sea_orm::DbErr> {
    let began = week_of.and_hms_opt(0, 0, 0).map(|t| t.and_utc()).unwrap_or_default();
    placement::Entity::find()
        .filter(placement::Column::CoordinatorId.is_not_null())
        .filter(placement::Column::StartsOn.lte(week_of + Duration::days(6)))
        .filter(
            Condition::any()
                .add(placement::Column::Status.eq(PlacementStatus::Active))
                .add(placement::Column::EndedAt.gte(began)),
        )
        .order_by_asc(placement::Column::Id)
        .all(db)
        .await
}

/// Sends last week's summaries not sent yet; returns how many were queued by this call.
pub async fn run_due(
    db: &DatabaseConnection,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<usize, ServiceError> {
    let week_of = last_week(now);
    let placements = covered(db, week_of).await?;
    let mut coordinators: Vec<i64> = placements.iter().filter_map(|p| p.coordinator_id).collect();
    coordinators.sort_unstable();
    coordinators.dedup();
    let mut sent = 0;
    for coordinator in coordinators {
        let theirs: Vec<&placement::Model> =
            placements.iter().filter(|p| p.coordinator_id == Some(coordinator)).collect();
        if send_one(db, coordinator, &theirs, week_of, site_url, now).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

async fn send_one(
    db: &DatabaseConnection,
    coordinator: i64,
    placements: &[&placement::Model],
    week_of: NaiveDate,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    let claimed = placement_summary_sent::Entity::insert(placement_summary_sent::ActiveModel {
        coordinator_id: sea_orm::Set(coordinator),
        week_of: sea_orm::Set(week_of),
        sent_at: sea_orm::Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            placement_summary_sent::Column::CoordinatorId,
            placement_summary_sent::Column::WeekOf,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if claimed != 1 {
        // Another server sent it.
        return Ok(false);
    }
    let mut lines = Vec::new();
    for row in placements {
        lines.push(line(&txn, row, week_of, now).await?);
    }
    let program = placements.first().map(|p| p.program_id).unwrap_or_default();
    let link = format!("/orgs/{program}/placements");
    let subject = format!("Placements, week of {week_of}");
    let text = format!(
        "Your placements last week ({week_of} to {}):\n\n{}\n\nEvery placement, and the CSV for your \
         reports: {site_url}{link}",
        week_of + Duration::days(6),
        lines.join("\n\n")
    );
    notify_user(&txn, coordinator, &Notice::new(NoticeTopic::Placements, &subject, &link, &text), now)
        .await?;
    txn.commit().await?;
    Ok(true)
}

/// One placement's paragraph.
async fn line(
    db: &impl ConnectionTrait,
    row: &placement::Model,
    week_of: NaiveDate,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    let entries = super::hours::entries(db, row.id).await?;
    let counted = count_chains(&links(&entries));
    let week = week_of..=week_of + Duration::days(6);
    let that_week: i64 = entries
        .iter()
        .filter(|e| counted.counting.contains(&e.id) && week.contains(&e.worked_on))
        .map(|e| i64::from(e.minutes))
        .sum();
    let today = now.date_naive();
    let totals = hours_read::totals(row, &entries, today, now);
    let student = match row.student_id {
        Some(id) => crate::accounts::names::of(db, vec![id]).await?.remove(&id),
        None => None,
    }
    .unwrap_or_else(|| UNNAMED_STUDENT.into());
    let shop = crate::orgs::find(db, row.shop_id).await?.name;
    let mut text = format!(
        "{student} at {shop} ({}): {} confirmed that week; {} of {} planned confirmed in all ({} planned to date).",
        row.status.label().to_lowercase(),
        hours_text(that_week),
        hours_text(totals.confirmed_minutes),
        hours_text(totals.planned_minutes),
        hours_text(totals.planned_to_date_minutes),
    );
    if totals.waiting_long > 0 {
        text.push_str(&format!(" {} entries wait for the mentor more than 7 days.", totals.waiting_long));
    }
    let due = evaluations::due(row, &evaluations::of(db, vec![row.id]).await?, today);
    for stage in due {
        text.push_str(&format!(" The mentor's {} is due.", stage.label().to_lowercase()));
    }
    Ok(text)
}
