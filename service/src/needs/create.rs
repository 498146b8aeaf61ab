//! Posting a need: members of a verified school program only. Every problem names its
//! field, and nothing is written until every field is good.
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::needs::{NeedKind, NeedStatus, SkillArea};
use entity::need;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};

use super::{is_school, skills_to_column};
use crate::{
    authz::{self, Actor},
    error::{Checks, ServiceError},
    limits::{self, Action},
    orgs::{fields, find},
    submissions::{self, Claim},
};

pub const MIN_TITLE: usize = 3;
pub const MAX_TITLE: usize = 120;
pub const MAX_DESCRIPTION: usize = 5_000;
pub const MAX_STUDENTS: u16 = 200;
/// How far ahead a need may end.
pub const MAX_DAYS_AHEAD: i64 = 730;

/// A need as typed into the form.
#[derive(Debug, Clone, Default)]
pub struct NeedForm {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub students: String,
    pub skills: Vec<String>,
    pub starts_on: String,
    pub ends_on: String,
    /// `paid` or `unpaid`.
    pub paid: String,
    /// The form's submission key: a second submission of the same form posts nothing more.
    pub submission: String,
}

/// The fields of a need once every one is good.
#[derive(Debug, Clone, PartialEq)]
pub struct NeedFields {
    pub kind: NeedKind,
    pub title: String,
    pub description: String,
    pub students: u16,
    pub skills: Vec<SkillArea>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub paid: bool,
}

/// The earliest date that is still "today" somewhere in the United States: forms are filled
/// in local time, and a start date of today must not be refused in the evening out west.
pub fn earliest_today(now: DateTime<Utc>) -> NaiveDate {
    (now - Duration::hours(11)).date_naive()
}

fn date(field: &'static str, raw: &str) -> Result<NaiveDate, ServiceError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ServiceError::invalid(field, "choose a date"));
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| ServiceError::invalid(field, "a date looks like 2027-09-01"))
}

/// Checks every field, in the order the form shows them, and reports every problem at once.
pub fn check(form: &NeedForm, now: DateTime<Utc>) -> Result<NeedFields, ServiceError> {
    let mut checks = Checks::default();
    let kind = checks.check(
        NeedKind::from_slug(form.kind.trim())
            .ok_or_else(|| ServiceError::invalid("kind", "choose what the program needs")),
    );
    let title = checks.check(fields::line("title", &form.title, MIN_TITLE, MAX_TITLE));
    let description = form.description.trim().replace("\r\n", "\n");
    if description.chars().count() > MAX_DESCRIPTION {
        checks.fail("description", format!("use at most {MAX_DESCRIPTION} characters"));
    }
    let students =
        checks.check(
            form.students.trim().parse::<u16>().ok().filter(|n| (1..=MAX_STUDENTS).contains(n)).ok_or_else(
                || ServiceError::invalid("students", format!("a number from 1 to {MAX_STUDENTS}")),
            ),
        );
    let mut skills = Vec::new();
    for slug in &form.skills {
        match SkillArea::from_slug(slug.trim()) {
            Some(skill) if !skills.contains(&skill) => skills.push(skill),
            Some(_) => {}
            None => checks.fail("skills", "choose from the skill areas listed"),
        }
    }
    skills.sort();
    let today = earliest_today(now);
    let last = now.date_naive() + Duration::days(MAX_DAYS_AHEAD);
    let starts_on = checks.check(date("starts_on", &form.starts_on).and_then(|starts_on| {
        if starts_on < today {
            return Err(ServiceError::invalid("starts_on", "the start date is in the past"));
        }
        if starts_on > last {
            return Err(ServiceError::invalid("starts_on", "start within the next two years"));
        }
        Ok(starts_on)
    }));
    let ends_on = checks.check(date("ends_on", &form.ends_on).and_then(|ends_on| {
        if starts_on.is_some_and(|starts_on| ends_on < starts_on) {
            return Err(ServiceError::invalid("ends_on", "the end date is before the start date"));
        }
        if ends_on > last {
            return Err(ServiceError::invalid("ends_on", "end within the next two years"));
        }
        Ok(ends_on)
    }));
    let paid = checks.check(match form.paid.trim() {
        "paid" => Ok(true),
        "unpaid" => Ok(false),
        _ => Err(ServiceError::invalid("paid", "say whether it is paid")),
    });
    let fields = (|| {
        Some(NeedFields {
            kind: kind?,
            title: title?,
            description,
            students: students?,
            skills,
            starts_on: starts_on?,
            ends_on: ends_on?,
            paid: paid?,
        })
    })();
    checks.finish_with(fields)
}

/// Posts a need for a school program. Members only; the organisation must be verified (not
/// pending, rejected or suspended), and under its daily limit.
pub async fn create(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    organisation_id: i64,
    form: &NeedForm,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let (actor, _) = authz::member(db, actor, organisation_id).await?;
    let org = find(db, organisation_id).await?;
    if !is_school(&org) {
        return Err(ServiceError::Conflict("only school programs post needs".into()));
    }
    if org.status != domain::orgs::OrgStatus::Verified {
        return Err(ServiceError::Conflict("this program must be verified before it can post needs".into()));
    }
    let f = check(form, now)?;
    let txn = crate::db::begin_write(db).await?;
    if let Claim::Replayed(first) = submissions::claim(&txn, actor.user_id, &form.submission, now).await? {
        txn.commit().await?;
        return Ok(first);
    }
    limits::check(&txn, Action::PostNeed { organisation_id }, now).await?;
    let row = need::ActiveModel {
        organisation_id: Set(organisation_id),
        kind: Set(f.kind),
        title: Set(f.title),
        description: Set(f.description),
        students: Set(i32::from(f.students)),
        skill_areas: Set(skills_to_column(&f.skills)),
        starts_on: Set(f.starts_on),
        ends_on: Set(f.ends_on),
        paid: Set(f.paid),
        status: Set(NeedStatus::Open),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    submissions::settle(&txn, actor.user_id, &form.submission, row.id).await?;
    txn.commit().await?;
    Ok(row.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_tolerates_western_time_zones() {
        let late_utc = "2027-03-02T03:00:00Z".parse::<DateTime<Utc>>().unwrap();
        // 03:00 UTC is still the 1st in California.
        assert_eq!(earliest_today(late_utc), NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());
    }
}
