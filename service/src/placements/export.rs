//! The part of a student's data export about their placements: the terms, what they said
//! about their age and their guardian, and every hours entry and evaluation of each, as
//! written (corrections beside what they correct).
use chrono::{DateTime, SecondsFormat, Utc};
use domain::placement_records::Rating;
use entity::placement;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::{evaluations, hours_read};

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[derive(Debug, Clone, Serialize)]
pub struct HoursData {
    pub id: i64,
    pub worked_on: String,
    pub minutes: i32,
    pub tasks: String,
    pub status: String,
    pub query_reason: Option<String>,
    pub corrects: Option<i64>,
    pub logged_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvaluationData {
    pub stage: String,
    pub author: String,
    pub revision: i32,
    pub ratings: Vec<Rating>,
    pub comment: String,
    pub written_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlacementData {
    pub id: i64,
    pub shop: String,
    pub program: String,
    pub status: String,
    pub starts_on: String,
    pub ends_on: String,
    pub weekly_hours: i32,
    pub paid: bool,
    pub task_areas: String,
    pub under_18: Option<bool>,
    pub guardian_email: Option<String>,
    pub guardian_consent_name: Option<String>,
    pub guardian_consented_at: Option<String>,
    pub end_reason: Option<String>,
    pub hours: Vec<HoursData>,
    pub evaluations: Vec<EvaluationData>,
}

/// Every placement whose student the person is.
pub async fn of_student(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<PlacementData>, DbErr> {
    let rows = placement::Entity::find()
        .filter(placement::Column::StudentId.eq(user_id))
        .order_by_asc(placement::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut hours = hours_read::entries_of(db, ids.clone()).await?;
    let written = evaluations::of(db, ids).await?;
    let orgs: Vec<i64> = rows.iter().flat_map(|r| [r.shop_id, r.program_id]).collect();
    let names =
        crate::openings::lists::program_names(db, orgs).await.map_err(|e| DbErr::Custom(e.to_string()))?;
    Ok(rows
        .into_iter()
        .map(|r| PlacementData {
            id: r.id,
            shop: names.get(&r.shop_id).cloned().unwrap_or_default(),
            program: names.get(&r.program_id).cloned().unwrap_or_default(),
            status: r.status.slug().into(),
            starts_on: r.starts_on.to_string(),
            ends_on: r.ends_on.to_string(),
            weekly_hours: r.weekly_hours,
            paid: r.paid,
            task_areas: r.task_areas.clone(),
            under_18: r.minor,
            guardian_email: r.guardian_email.clone(),
            guardian_consent_name: r.consent_name.clone(),
            guardian_consented_at: r.consented_at.map(time),
            end_reason: r.end_reason.clone(),
            hours: hours
                .remove(&r.id)
                .unwrap_or_default()
                .into_iter()
                .map(|h| HoursData {
                    id: h.id,
                    worked_on: h.worked_on.to_string(),
                    minutes: h.minutes,
                    tasks: h.tasks,
                    status: h.status.slug().into(),
                    query_reason: h.query_reason,
                    corrects: h.corrects_id,
                    logged_at: time(h.logged_at),
                })
                .collect(),
            evaluations: written
                .iter()
                .filter(|e| e.placement_id == r.id)
                .map(|e| EvaluationData {
                    stage: e.stage.slug().into(),
                    author: e.author.slug().into(),
                    revision: e.revision,
                    ratings: serde_json::from_str(&e.ratings).unwrap_or_default(),
                    comment: e.comment.clone(),
                    written_at: time(e.written_at),
                })
                .collect(),
        })
        .collect())
}
