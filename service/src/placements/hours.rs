//! Hours: the student logs each day (date, hours, tasks); the mentor confirms or queries
//! each entry, once. Nothing is changed after that: the student corrects an entry by a new
//! one naming it (one correction an entry: a unique index), and what counts follows
//! `domain::placement_records::count_chains`. Every step is in the audit log.
use chrono::{DateTime, NaiveDate, Utc};
use domain::{
    notifications::NoticeTopic,
    placement_records::{HoursStatus, Link, MAX_DAY_MINUTES, MAX_TASKS, count_chains, parse_hours},
    placements::{PlacementSide, PlacementStatus},
};
use entity::{placement, placement_hours};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Set, sea_query::Expr,
};

use super::{Party, party};
use crate::{
    accounts::{
        audit::{self, Event},
        zone,
    },
    authz::Actor,
    error::{Checks, ServiceError},
    notifications::{Notice, notify_user},
};

/// A day's hours as typed (field names are the form's).
#[derive(Debug, Clone, Default)]
pub struct HoursForm {
    pub worked_on: String,
    pub hours: String,
    pub tasks: String,
    /// The entry this one corrects (empty for a new day).
    pub corrects: String,
}

impl HoursForm {
    pub const FIELDS: [&'static str; 4] = ["worked_on", "hours", "tasks", "corrects"];
}

/// Whether hours may be logged or reviewed: once the placement is active, and after it
/// ended (the last days' entries are not lost); never while it awaits consent or after it
/// was withdrawn.
pub fn keeps_hours(status: PlacementStatus) -> bool {
    matches!(status, PlacementStatus::Active | PlacementStatus::Ended)
}

/// The last day that may be logged: today in the student's zone, the placement's end, or
/// the day it ended early, whichever comes first.
pub fn latest_day(tz: chrono_tz::Tz, row: &placement::Model, now: DateTime<Utc>) -> NaiveDate {
    let today = now.with_timezone(&tz).date_naive();
    let ended = row.ended_at.map(|at| at.with_timezone(&tz).date_naive());
    [Some(today), Some(row.ends_on), ended].into_iter().flatten().min().unwrap_or(today)
}

/// Every entry of a placement, oldest first.
pub async fn entries(
    db: &impl ConnectionTrait,
    placement_id: i64,
) -> Result<Vec<placement_hours::Model>, sea_orm::DbErr> {
    placement_hours::Entity::find()
        .filter(placement_hours::Column::PlacementId.eq(placement_id))
        .order_by_asc(placement_hours::Column::Id)
        .all(db)
        .await
}

pub(crate) fn links(rows: &[placement_hours::Model]) -> Vec<Link> {
    rows.iter()
        .map(|r| Link { id: r.id, corrects: r.corrects_id, status: r.status, minutes: i64::from(r.minutes) })
        .collect()
}

/// The checked form: `(day, minutes, tasks, corrects)`.
fn check(
    form: &HoursForm,
    row: &placement::Model,
    latest: NaiveDate,
    existing: &[placement_hours::Model],
) -> Result<(NaiveDate, i32, String, Option<i64>), ServiceError> {
    let mut checks = Checks::default();
    let day = match NaiveDate::parse_from_str(form.worked_on.trim(), "%Y-%m-%d") {
        Ok(day) if day < row.starts_on => {
            checks.fail("worked_on", format!("the placement starts on {}", row.starts_on));
            None
        }
        Ok(day) if day > latest => {
            checks.fail("worked_on", format!("log days up to {latest}, not later"));
            None
        }
        Ok(day) => Some(day),
        Err(_) => {
            checks.fail("worked_on", "a date looks like 2027-03-09");
            None
        }
    };
    let minutes = checks.check(parse_hours(&form.hours).map_err(|m| ServiceError::invalid("hours", m)));
    let tasks = checks.check(crate::partnerships::text("tasks", &form.tasks, 3, MAX_TASKS));
    let corrects = match form.corrects.trim() {
        "" => None,
        raw => match raw.parse::<i64>().ok().filter(|id| existing.iter().any(|e| e.id == *id)) {
            Some(id) => Some(id),
            None => return Err(ServiceError::NotFound),
        },
    };
    // A day holds at most 24 hours across its entries: each chain's newest entry counts,
    // except the one corrected now and those the mentor queried.
    if let (Some(day), Some(minutes)) = (day, minutes) {
        let counted = count_chains(&links(existing));
        let replaced: Vec<i64> = counted.replaced_by.keys().copied().collect();
        let that_day: i64 = existing
            .iter()
            .filter(|e| e.worked_on == day && !replaced.contains(&e.id) && Some(e.id) != corrects)
            .filter(|e| e.status != HoursStatus::Queried)
            .map(|e| i64::from(e.minutes))
            .sum();
        if that_day + i64::from(minutes) > i64::from(MAX_DAY_MINUTES) {
            checks.fail("hours", "that day would hold more than 24 hours with your other entries");
        }
    }
    checks.finish()?;
    match (day, minutes, tasks) {
        (Some(day), Some(minutes), Some(tasks)) => Ok((day, minutes as i32, tasks, corrects)),
        _ => unreachable!("every check passed"),
    }
}

/// The student logs a day, or corrects an entry (`form.corrects`): a new entry either way.
/// Returns its id.
pub async fn log(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    placement_id: i64,
    form: &HoursForm,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    let Party { actor, side, row } = party(&txn, actor, placement_id).await?;
    if side != PlacementSide::Student {
        return Err(ServiceError::Forbidden);
    }
    if !keeps_hours(row.status) {
        return Err(ServiceError::Conflict("hours are logged once the placement is active".into()));
    }
    let existing = entries(&txn, placement_id).await?;
    let latest = latest_day(zone::of(&txn, Some(actor)).await?, &row, now);
    let (day, minutes, tasks, corrects) = check(form, &row, latest, &existing)?;
    let inserted = placement_hours::ActiveModel {
        placement_id: Set(placement_id),
        worked_on: Set(day),
        minutes: Set(minutes),
        tasks: Set(tasks),
        status: Set(HoursStatus::Pending),
        query_reason: Set(None),
        corrects_id: Set(corrects),
        logged_by: Set(Some(actor.user_id)),
        logged_at: Set(now),
        reviewed_by: Set(None),
        reviewed_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let entry = match inserted {
        Ok(entry) => entry,
        Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => {
            return Err(ServiceError::Conflict(
                "that entry is corrected already: correct the newest one".into(),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let (event, detail) = match corrects {
        Some(old) => (Event::PlacementHoursCorrected, format!("hours {} correcting {old}", entry.id)),
        None => (Event::PlacementHoursLogged, format!("hours {}", entry.id)),
    };
    let detail = format!("{} {detail}: {day} {minutes} min", super::detail(placement_id));
    audit::record(&txn, event, Some(actor.user_id), &detail, "", now).await?;
    txn.commit().await?;
    Ok(entry.id)
}

/// Whether the party reviews the placement's hours: its mentor, or any member of the
/// shop when the mentor's account is gone (the hours must not wait for nobody).
pub fn reviews(party: &Party) -> bool {
    party.side == PlacementSide::Shop
        && (party.row.mentor_id == Some(party.actor.user_id) || party.row.mentor_id.is_none())
}

/// The mentor confirms an entry, or queries it with a question (`query`: `Some`). Once
/// only: a conditional update on `pending`, so two reviews at once leave one.
pub async fn review(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    placement_id: i64,
    entry_id: i64,
    query: Option<&str>,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<HoursStatus, ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    let party = party(&txn, actor, placement_id).await?;
    if !reviews(&party) {
        return Err(ServiceError::Forbidden);
    }
    if !keeps_hours(party.row.status) {
        return Err(ServiceError::Conflict("this placement keeps no hours".into()));
    }
    let entry = placement_hours::Entity::find_by_id(entry_id)
        .one(&txn)
        .await?
        .filter(|e| e.placement_id == placement_id)
        .ok_or(ServiceError::NotFound)?;
    let reason = match query {
        Some(raw) => Some(crate::partnerships::text("query", raw, 3, MAX_TASKS)?),
        None => None,
    };
    let corrected = placement_hours::Entity::find()
        .filter(placement_hours::Column::CorrectsId.eq(entry_id))
        .one(&txn)
        .await?;
    if corrected.is_some() && entry.status == HoursStatus::Pending {
        return Err(ServiceError::Conflict("the student corrected this entry: review the correction".into()));
    }
    let to = if reason.is_some() { HoursStatus::Queried } else { HoursStatus::Confirmed };
    let moved = placement_hours::Entity::update_many()
        .col_expr(placement_hours::Column::Status, Expr::value(to.slug()))
        .col_expr(placement_hours::Column::QueryReason, Expr::value(reason.clone()))
        .col_expr(placement_hours::Column::ReviewedBy, Expr::value(Some(party.actor.user_id)))
        .col_expr(placement_hours::Column::ReviewedAt, Expr::value(Some(now)))
        .filter(placement_hours::Column::Id.eq(entry_id))
        .filter(placement_hours::Column::Status.eq(HoursStatus::Pending))
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(ServiceError::Conflict(format!(
            "this entry is {} already",
            if entry.status == HoursStatus::Pending { "reviewed" } else { entry.status.label() }
                .to_lowercase()
        )));
    }
    let event = if reason.is_some() { Event::PlacementHoursQueried } else { Event::PlacementHoursConfirmed };
    let detail = format!("{} hours {entry_id}", super::detail(placement_id));
    audit::record(&txn, event, Some(party.actor.user_id), &detail, "", now).await?;
    if let (Some(reason), Some(student)) = (reason, party.row.student_id) {
        let link = format!("/placements/{placement_id}/hours");
        let subject = format!("Your mentor asked about your hours on {}", entry.worked_on);
        let text = format!(
            "Your mentor queried the hours you logged for {}: “{reason}”\n\nCorrect the entry: {site_url}{link}",
            entry.worked_on
        );
        notify_user(&txn, student, &Notice::new(NoticeTopic::Placements, &subject, &link, &text), now)
            .await?;
    }
    txn.commit().await?;
    Ok(to)
}
