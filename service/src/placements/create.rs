//! Making a placement from an application the shop marked hired: the shop's members only,
//! one placement an application (a unique index, so two members at once make one). The
//! form's checks are shared with placements made from an offer (`super::offers`).
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::{
    needs::SkillArea,
    notifications::NoticeTopic,
    openings::{ApplicationStatus, ConversationSide},
    orgs::{OrgKind, OrgStatus},
    placements::{
        MAX_WEEKLY_HOURS, PersonChoice, PlacementFormData, PlacementOfApplication, PlacementStatus,
    },
};
use entity::{org_member, organisation, placement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::{
    accounts::audit::{self, Event},
    authz::Actor,
    error::{Checks, ServiceError},
    needs::create::earliest_today,
    notifications::{Notice, notify_user},
    openings::conversation,
};

/// Longest a placement may run.
pub const MAX_DAYS: i64 = 2 * 366;

/// The form as typed (field names are the form's).
#[derive(Debug, Clone, Default)]
pub struct PlacementForm {
    /// A member of the shop (their user id).
    pub mentor: String,
    /// A verified school program's id; used only when the application named none.
    pub program: String,
    pub starts_on: String,
    pub ends_on: String,
    pub weekly_hours: String,
    /// `paid` or `unpaid`.
    pub paid: String,
    /// `SkillArea` slugs.
    pub task_areas: Vec<String>,
}

impl PlacementForm {
    pub const FIELDS: [&'static str; 6] =
        ["mentor", "program", "starts_on", "ends_on", "weekly_hours", "paid"];
}

/// The placement made from an application, if any.
pub async fn of_interest(db: &impl ConnectionTrait, interest_id: i64) -> Result<Option<i64>, sea_orm::DbErr> {
    Ok(placement::Entity::find()
        .filter(placement::Column::InterestId.eq(interest_id))
        .one(db)
        .await?
        .map(|p| p.id))
}

/// The members of an organisation, by name.
pub(crate) async fn members(
    db: &impl ConnectionTrait,
    organisation_id: i64,
) -> Result<Vec<PersonChoice>, ServiceError> {
    let ids: Vec<i64> = org_member::Entity::find()
        .filter(org_member::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    let names = crate::accounts::names::of(db, ids).await?;
    let mut people: Vec<_> = names.into_iter().map(|(id, name)| PersonChoice { id, name }).collect();
    people.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok(people)
}

async fn verified_programs(db: &impl ConnectionTrait) -> Result<Vec<organisation::Model>, sea_orm::DbErr> {
    organisation::Entity::find()
        .filter(organisation::Column::Status.eq(OrgStatus::Verified))
        .filter(
            organisation::Column::Kind
                .is_in([OrgKind::IpedsProgram.slug(), OrgKind::HighSchoolProgram.slug()]),
        )
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await
}

/// The application page's placement section: for the student, the placement made from
/// it; for the shop's members, that or (once the application is hired) the form's choices.
pub async fn for_application(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    interest_id: i64,
) -> Result<PlacementOfApplication, ServiceError> {
    let party = conversation::party(db, actor, interest_id).await?;
    let placement = of_interest(db, interest_id).await?;
    let shop_may_make = party.side == ConversationSide::Shop
        && placement.is_none()
        && party.interest.status == ApplicationStatus::Hired
        && party.shop.status == OrgStatus::Verified;
    if !shop_may_make {
        return Ok(PlacementOfApplication { placement, form: None });
    }
    let mentors = members(db, party.shop.id).await?;
    let named = match party.interest.shared_program_id {
        Some(id) => organisation::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let programs = if named.is_some() {
        Vec::new()
    } else {
        verified_programs(db).await?.into_iter().map(|o| PersonChoice { id: o.id, name: o.name }).collect()
    };
    let program = named.map(|o| PersonChoice { id: o.id, name: o.name });
    Ok(PlacementOfApplication {
        placement: None,
        form: Some(PlacementFormData { mentors, program, programs }),
    })
}

fn date(field: &'static str, raw: &str) -> Result<NaiveDate, ServiceError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| ServiceError::invalid(field, "a date looks like 2027-06-14"))
}

/// The checked form: `(mentor, starts, ends, hours, paid, areas)`.
pub(crate) type Checked = (i64, NaiveDate, NaiveDate, i32, bool, Vec<SkillArea>);

/// The terms every placement form shares (mentor, dates, hours, pay, task areas), each
/// problem beside its field; the program is the caller's to settle.
pub(crate) async fn check(
    db: &impl ConnectionTrait,
    shop_id: i64,
    form: &PlacementForm,
    now: DateTime<Utc>,
) -> Result<Checked, ServiceError> {
    let mut checks = Checks::default();
    let mentor = match form.mentor.trim().parse::<i64>().ok() {
        Some(id) => org_member::Entity::find_by_id((shop_id, id)).one(db).await?.map(|m| m.user_id),
        None => None,
    };
    if mentor.is_none() {
        checks.fail("mentor", "choose a member of your shop as the student's mentor");
    }
    let starts = checks.check(date("starts_on", &form.starts_on));
    let ends = checks.check(date("ends_on", &form.ends_on));
    if let (Some(starts), Some(ends)) = (starts, ends) {
        if ends < starts {
            checks.fail("ends_on", "the end is before the start");
        } else if ends - starts > Duration::days(MAX_DAYS) {
            checks.fail("ends_on", "a placement runs at most two years");
        } else if ends < earliest_today(now) {
            checks.fail("ends_on", "that day is in the past");
        }
    }
    let hours = match form.weekly_hours.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_WEEKLY_HOURS).contains(&n) => Some(n as i32),
        _ => {
            checks.fail("weekly_hours", format!("a whole number of hours a week, 1 to {MAX_WEEKLY_HOURS}"));
            None
        }
    };
    let paid = match form.paid.trim() {
        "paid" => Some(true),
        "unpaid" => Some(false),
        _ => {
            checks.fail("paid", "choose paid or unpaid");
            None
        }
    };
    let mut areas = Vec::new();
    for slug in &form.task_areas {
        match SkillArea::from_slug(slug.trim()) {
            Some(area) if !areas.contains(&area) => areas.push(area),
            Some(_) => {}
            None => checks.fail("task_areas", "choose from the task areas listed"),
        }
    }
    if form.task_areas.is_empty() {
        checks.fail("task_areas", "tick the ASE task areas the placement covers");
    }
    areas.sort();
    checks.finish()?;
    match (mentor, starts, ends, hours, paid) {
        (Some(m), Some(s), Some(e), Some(h), Some(p)) => Ok((m, s, e, h, p, areas)),
        _ => unreachable!("every check passed"),
    }
}

/// Makes a placement from the application `interest_id` (the shop's members, once they
/// marked it hired); returns its id. The program is the one the student named in the
/// application, or, when they named none, the verified program the form names.
pub async fn create(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    interest_id: i64,
    form: &PlacementForm,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    // Who asks is settled before what they sent is read.
    let party = conversation::party(&txn, actor, interest_id).await?;
    if party.side != ConversationSide::Shop {
        return Err(ServiceError::Forbidden);
    }
    if party.interest.withdrawn_at.is_some() {
        return Err(ServiceError::NotFound);
    }
    if party.shop.status != OrgStatus::Verified {
        return Err(ServiceError::Conflict("your shop is not verified at the moment".into()));
    }
    if party.interest.status != ApplicationStatus::Hired {
        return Err(ServiceError::Conflict("mark the application “Hired” before making a placement".into()));
    }
    if let Some(existing) = of_interest(&txn, interest_id).await? {
        return Err(ServiceError::Conflict(format!(
            "this application has its placement already (#{existing})"
        )));
    }
    let program = match party.interest.shared_program_id {
        Some(id) => Some(id),
        None => {
            let chosen = form.program.trim().parse::<i64>().ok();
            let verified = verified_programs(&txn).await?;
            chosen.filter(|id| verified.iter().any(|o| o.id == *id))
        }
    };
    let checked = check(&txn, party.shop.id, form, now).await;
    let program = match (program, checked) {
        (Some(program), Ok(checked)) => (program, checked),
        (None, checked) => {
            let mut problems = checked.err().map(|e| e.problems()).unwrap_or_default();
            problems.insert(
                0,
                crate::error::Problem {
                    field: "program",
                    message: "choose the verified school program the student named to you".into(),
                },
            );
            return Err(ServiceError::Fields(problems));
        }
        (Some(_), Err(e)) => return Err(e),
    };
    let (program_id, (mentor, starts, ends, hours, paid, areas)) = program;
    let inserted = placement::ActiveModel {
        interest_id: Set(Some(interest_id)),
        student_id: Set(Some(party.interest.student_id)),
        shop_id: Set(party.shop.id),
        program_id: Set(program_id),
        mentor_id: Set(Some(mentor)),
        coordinator_id: Set(None),
        starts_on: Set(starts),
        ends_on: Set(ends),
        weekly_hours: Set(hours),
        paid: Set(paid),
        task_areas: Set(crate::needs::skills_to_column(&areas)),
        status: Set(PlacementStatus::AwaitingConsent),
        minor: Set(None),
        guardian_email: Set(None),
        consent_name: Set(None),
        consented_at: Set(None),
        end_reason: Set(None),
        ended_by: Set(None),
        ended_at: Set(None),
        created_by: Set(Some(party.actor.user_id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let row = match inserted {
        Ok(row) => row,
        // Another member made it at the same moment.
        Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => {
            return Err(ServiceError::Conflict("this application has its placement already".into()));
        }
        Err(e) => return Err(e.into()),
    };
    let detail = format!("{} from application {interest_id}", super::detail(row.id));
    audit::record(&txn, Event::PlacementCreated, Some(party.actor.user_id), &detail, "", now).await?;
    let link = format!("/placements/{}", row.id);
    let shop = &party.shop.name;
    let subject = format!("{shop} made your placement: say whether you are under 18");
    let text = format!(
        "{shop} made a placement for you on Bayline.\n\nBefore it starts, say whether you are under 18 \
         (a parent or guardian then agrees by a link we e-mail them): {site_url}{link}"
    );
    notify_user(
        &txn,
        party.interest.student_id,
        &Notice::new(NoticeTopic::Applications, &subject, &link, &text),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}
