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
    QuerySelect, sea_query::OnConflict,
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
    // Every server looks every 15 minutes: those sent this week are left out before any
    // work (the key in `send_one` still decides when two servers look at once).
    let sent_already: Vec<i64> = placement_summary_sent::Entity::find()
        .select_only()
        .column(placement_summary_sent::Column::CoordinatorId)
        .filter(placement_summary_sent::Column::WeekOf.eq(week_of))
        .into_tuple()
        .all(db)
        .await?;
    let mut coordinators: Vec<i64> =
        placements.iter().filter_map(|p| p.coordinator_id).filter(|c| !sent_already.contains(c)).collect();
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
    let lines = lines(&txn, placements, week_of, now).await?;
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

/// Each placement's paragraph, from one read of their entries, evaluations, students and
/// shops.
async fn lines(
    db: &impl ConnectionTrait,
    placements: &[&placement::Model],
    week_of: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<String>, ServiceError> {
    let ids: Vec<i64> = placements.iter().map(|p| p.id).collect();
    let mut entries = hours_read::entries_of(db, ids.clone()).await?;
    let written = evaluations::of(db, ids).await?;
    let students =
        crate::accounts::names::of(db, placements.iter().filter_map(|p| p.student_id).collect()).await?;
    let shops =
        crate::openings::lists::program_names(db, placements.iter().map(|p| p.shop_id).collect()).await?;
    let (week, today) = (week_of..=week_of + Duration::days(6), now.date_naive());
    Ok(placements
        .iter()
        .map(|row| {
            let entries = entries.remove(&row.id).unwrap_or_default();
            let counted = count_chains(&links(&entries));
            let that_week: i64 = entries
                .iter()
                .filter(|e| counted.counting.contains(&e.id) && week.contains(&e.worked_on))
                .map(|e| i64::from(e.minutes))
                .sum();
            let totals = hours_read::totals(row, &entries, today, now);
            let student = row.student_id.and_then(|id| students.get(&id).cloned());
            let mut text = format!(
                "{} at {} ({}): {} confirmed that week; {} of {} planned confirmed in all ({} planned to date).",
                student.unwrap_or_else(|| UNNAMED_STUDENT.into()),
                shops.get(&row.shop_id).map_or("the shop", String::as_str),
                row.status.label().to_lowercase(),
                hours_text(that_week),
                hours_text(totals.confirmed_minutes),
                hours_text(totals.planned_minutes),
                hours_text(totals.planned_to_date_minutes),
            );
            if totals.waiting_long > 0 {
                text.push_str(&format!(" {} entries wait for the mentor more than 7 days.", totals.waiting_long));
            }
            let of_row: Vec<_> = written.iter().filter(|e| e.placement_id == row.id).cloned().collect();
            for stage in evaluations::due(row, &of_row, today) {
                text.push_str(&format!(" The mentor's {} is due.", stage.label().to_lowercase()));
            }
            text
        })
        .collect())
}
