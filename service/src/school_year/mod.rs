//! The school's year (issue: every school, not only colleges): a verified program's yearly
//! update, the needs it records as filled by a shop (which the shop may dispute), and the
//! badges that follow from both by the rules `/recognition` states.
//!
//! A school year runs July 1 to June 30 (`domain::school_year::SchoolYear`); "today" is the
//! day in the school's own state's time zone, so a school in Hawaii can post on the evening
//! of June 30 and a school in Maine cannot at 00:30 on July 1.
pub mod badges;
pub mod fills;
pub mod overview;
pub mod update;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::{
    orgs::{OrgKind, OrgStatus},
    school_year::SchoolYear,
};
use entity::organisation;
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::error::ServiceError;

/// The calendar day at an organisation in its state's time zone (UTC for a state the zone
/// table does not know).
pub fn local_day(now: DateTime<Utc>, state: &str) -> NaiveDate {
    match domain::time::zone_of_state(state).and_then(|name| name.parse::<chrono_tz::Tz>().ok()) {
        Some(zone) => now.with_timezone(&zone).date_naive(),
        None => now.date_naive(),
    }
}

/// The school year running at an organisation now.
pub fn current_year(now: DateTime<Utc>, state: &str) -> SchoolYear {
    let day = local_day(now, state);
    SchoolYear::of(day.year(), day.month())
}

pub fn year_of_day(day: NaiveDate) -> SchoolYear {
    SchoolYear::of(day.year(), day.month())
}

pub fn is_school(kind: OrgKind) -> bool {
    matches!(kind, OrgKind::IpedsProgram | OrgKind::HighSchoolProgram)
}

/// A verified school program (the only kind of organisation that has a school year).
async fn verified_school(db: &impl ConnectionTrait, id: i64) -> Result<organisation::Model, ServiceError> {
    match organisation::Entity::find_by_id(id).one(db).await? {
        Some(org) if is_school(org.kind) && org.status == OrgStatus::Verified => Ok(org),
        Some(org) if is_school(org.kind) => Err(ServiceError::Conflict(format!(
            "{} is not verified: its year can be posted once Bayline's admins verify it",
            org.name
        ))),
        _ => Err(ServiceError::NotFound),
    }
}
