//! The yearly update: students enrolled by kind, completions, what changed and what the
//! school needs. At most one a school year (a unique index; saving again changes it), by
//! the school's members, until June 30 of that year.
use chrono::{DateTime, Utc};
use domain::{
    ProgramKind,
    school_year::{MAX_ENROLLED, MAX_UPDATE_TEXT, SchoolYear, YearlyUpdateView},
};
use entity::school_year_update as update;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, Set,
};

use super::{current_year, verified_school};
use crate::{
    accounts::audit::{self, Event},
    authz::{self, Actor},
    error::{Checks, ServiceError},
};

/// The update as typed (field names are the form's).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct UpdateForm {
    /// The school year the form was opened for ("2026"): a form opened on June 30 and sent
    /// on July 1 is refused rather than filed under the new year.
    pub year: String,
    pub enrolled_auto: String,
    pub enrolled_diesel: String,
    pub enrolled_collision: String,
    pub enrolled_heavy_truck: String,
    pub completions: String,
    pub changes: String,
    pub asks: String,
}

impl UpdateForm {
    pub const FIELDS: [&'static str; 8] = [
        "year",
        "enrolled_auto",
        "enrolled_diesel",
        "enrolled_collision",
        "enrolled_heavy_truck",
        "completions",
        "changes",
        "asks",
    ];

    fn enrolled(&self) -> [(ProgramKind, &'static str, &str); 4] {
        [
            (ProgramKind::Auto, "enrolled_auto", &self.enrolled_auto),
            (ProgramKind::Diesel, "enrolled_diesel", &self.enrolled_diesel),
            (ProgramKind::Collision, "enrolled_collision", &self.enrolled_collision),
            (ProgramKind::HeavyTruck, "enrolled_heavy_truck", &self.enrolled_heavy_truck),
        ]
    }
}

fn count(field: &'static str, raw: &str, required: bool) -> Result<Option<i32>, ServiceError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return if required {
            Err(ServiceError::invalid(field, "enter a number (0 if none)"))
        } else {
            Ok(None)
        };
    }
    match raw.parse::<u32>() {
        Ok(n) if n <= MAX_ENROLLED => Ok(Some(n as i32)),
        Ok(_) => Err(ServiceError::invalid(field, format!("at most {MAX_ENROLLED}"))),
        Err(_) => Err(ServiceError::invalid(field, "a whole number of students, like 24")),
    }
}

fn text(field: &'static str, raw: &str, required: bool) -> Result<String, ServiceError> {
    let raw = raw.trim().replace("\r\n", "\n");
    if required && raw.chars().count() < 3 {
        return Err(ServiceError::invalid(field, "say in a sentence or two"));
    }
    if raw.chars().count() > MAX_UPDATE_TEXT {
        return Err(ServiceError::invalid(field, format!("at most {MAX_UPDATE_TEXT} characters")));
    }
    Ok(raw)
}

/// Checks the year the form was opened for against the school year running now.
fn check_year(raw: &str, running: SchoolYear) -> Result<(), ServiceError> {
    match raw.trim() {
        "" => Ok(()),
        raw => match SchoolYear::parse(raw) {
            Some(year) if year == running => Ok(()),
            Some(year) if year < running => Err(ServiceError::invalid(
                "year",
                format!(
                    "the {} update closed on {}; it is the {} school year now: post its update instead",
                    year.label(),
                    domain::time::long_date(&year.last_day()),
                    running.label()
                ),
            )),
            _ => Err(ServiceError::invalid(
                "year",
                format!("updates are for the running school year, {}", running.label()),
            )),
        },
    }
}

/// Saves the running school year's update of `organisation_id`: creates it, or changes the
/// one there is. Members of the verified school only.
pub async fn save(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    organisation_id: i64,
    form: &UpdateForm,
    now: DateTime<Utc>,
) -> Result<SchoolYear, ServiceError> {
    let (actor, _) = authz::member(db, actor, organisation_id).await?;
    let school = verified_school(db, organisation_id).await?;
    let year = current_year(now, &school.state);
    let mut checks = Checks::default();
    checks.check(check_year(&form.year, year));
    let mut enrolled = [None; 4];
    for (slot, (_, field, raw)) in enrolled.iter_mut().zip(form.enrolled()) {
        *slot = checks.check(count(field, raw, false)).flatten();
    }
    if enrolled.iter().all(Option::is_none) && form.enrolled().iter().all(|(_, _, raw)| raw.trim().is_empty())
    {
        checks.fail("enrolled_auto", "enter the students enrolled in at least one kind");
    }
    let completions = checks.check(count("completions", &form.completions, true)).flatten();
    let changes = checks.check(text("changes", &form.changes, true));
    let asks = checks.check(text("asks", &form.asks, false));
    checks.finish()?;
    let (Some(completions), Some(changes), Some(asks)) = (completions, changes, asks) else {
        unreachable!("every check passed")
    };
    // Two members saving at once on PostgreSQL: the unique index lets one insert; the other,
    // tried again, finds the row and changes it.
    for _ in 0..2 {
        let txn = crate::db::begin_write(db).await?;
        let existing = update::Entity::find()
            .filter(update::Column::OrganisationId.eq(organisation_id))
            .filter(update::Column::SchoolYear.eq(year.0))
            .one(&txn)
            .await?;
        let mut row = match existing {
            Some(row) => row.into_active_model(),
            None => update::ActiveModel {
                organisation_id: Set(organisation_id),
                school_year: Set(year.0),
                created_at: Set(now),
                ..Default::default()
            },
        };
        row.enrolled_auto = Set(enrolled[0]);
        row.enrolled_diesel = Set(enrolled[1]);
        row.enrolled_collision = Set(enrolled[2]);
        row.enrolled_heavy_truck = Set(enrolled[3]);
        row.completions = Set(completions);
        row.changes = Set(changes.clone());
        row.asks = Set(asks.clone());
        row.updated_by = Set(Some(actor.user_id));
        row.updated_at = Set(now);
        match row.save(&txn).await {
            Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => {
                txn.rollback().await?;
                continue;
            }
            Err(e) => return Err(e.into()),
            Ok(_) => {}
        }
        let detail = format!("organisation {organisation_id} school year {}", year.0);
        audit::record(&txn, Event::YearlyUpdateSaved, Some(actor.user_id), &detail, "", now).await?;
        txn.commit().await?;
        return Ok(year);
    }
    Err(ServiceError::Conflict("another member saved the update at the same moment: please try again".into()))
}

pub(super) fn view(row: update::Model, editable: bool) -> YearlyUpdateView {
    let enrolled = [
        (ProgramKind::Auto, row.enrolled_auto),
        (ProgramKind::Diesel, row.enrolled_diesel),
        (ProgramKind::Collision, row.enrolled_collision),
        (ProgramKind::HeavyTruck, row.enrolled_heavy_truck),
    ]
    .into_iter()
    .filter_map(|(kind, n)| n.map(|n| (kind, u32::try_from(n).unwrap_or_default())))
    .collect();
    YearlyUpdateView {
        year: SchoolYear(row.school_year),
        enrolled,
        completions: u32::try_from(row.completions).unwrap_or_default(),
        changes: row.changes,
        asks: row.asks,
        updated_on: row.updated_at.date_naive().to_string(),
        editable,
    }
}

pub(super) async fn find(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    year: SchoolYear,
) -> Result<Option<update::Model>, sea_orm::DbErr> {
    update::Entity::find()
        .filter(update::Column::OrganisationId.eq(organisation_id))
        .filter(update::Column::SchoolYear.eq(year.0))
        .one(db)
        .await
}

/// What the update form starts from: the running year, and its update if there is one.
/// Members of the verified school only.
pub async fn form_of(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    organisation_id: i64,
    now: DateTime<Utc>,
) -> Result<(String, SchoolYear, Option<YearlyUpdateView>), ServiceError> {
    authz::member(db, actor, organisation_id).await?;
    let school = verified_school(db, organisation_id).await?;
    let year = current_year(now, &school.state);
    let row = find(db, organisation_id, year).await?;
    Ok((school.name, year, row.map(|row| view(row, true))))
}
