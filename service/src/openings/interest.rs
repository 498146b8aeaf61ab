//! Students' interest in openings. A student chooses which of four things to share (name,
//! program, expected completion, certifications); only those are stored, and the shop's
//! members see exactly those — never the student's account or email address. Expressing
//! interest twice keeps one row (the second submission only updates what is shared);
//! withdrawing erases what was shared and hides the row from the shop.
//!
//! The instructors of the program a student named see that the student applied (which
//! opening, which shop, when) so they can support them; they see the student's name only if
//! the student shared it with the shop too, since naming the program is the student's
//! choice to involve it, not a choice to be identified.
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::{
    needs::SkillArea,
    openings::{ApplicationStatus, ProgramChoice},
    orgs::{OrgKind, OrgStatus},
};
use entity::{opening, opening_interest, org_member, organisation, saved_program};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    sea_query::{Expr, OnConflict},
};

use super::is_public;
use crate::{
    authz::{self, Actor},
    error::{Checks, ServiceError},
    needs::create::earliest_today,
    orgs::fields,
};

pub use super::lists::{for_opening, for_program, mine, my_interest};

pub const MAX_NAME: usize = 100;
/// How many years ahead an expected completion may be.
pub const MAX_YEARS_AHEAD: i32 = 6;

/// The interest form as submitted: a tick for each thing to share, and its value. Values
/// whose tick is missing are ignored, never stored.
#[derive(Debug, Clone, Default)]
pub struct InterestForm {
    pub share_name: bool,
    pub name: String,
    pub share_program: bool,
    pub program_id: String,
    pub share_completion: bool,
    pub expected_completion: String,
    pub share_certifications: bool,
    pub certifications: Vec<String>,
}

/// What will be stored: `None` for anything not shared.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shared {
    pub name: Option<String>,
    pub program_id: Option<i64>,
    pub completion: Option<String>,
    pub certifications: Option<Vec<SkillArea>>,
}

/// The verified school programs a student may name: those claimed for the programs they
/// saved, and those they belong to. Sorted by name.
pub async fn program_choices(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<ProgramChoice>, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let saved: Vec<i32> = saved_program::Entity::find()
        .filter(saved_program::Column::UserId.eq(actor.user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.unitid)
        .collect();
    let member_of: Vec<i64> = org_member::Entity::find()
        .filter(org_member::Column::UserId.eq(actor.user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.organisation_id)
        .collect();
    let rows = organisation::Entity::find()
        .filter(organisation::Column::Status.eq(OrgStatus::Verified))
        .filter(
            organisation::Column::Kind
                .is_in([OrgKind::IpedsProgram.slug(), OrgKind::HighSchoolProgram.slug()]),
        )
        .filter(
            sea_orm::Condition::any()
                .add(organisation::Column::Unitid.is_in(saved))
                .add(organisation::Column::Id.is_in(member_of)),
        )
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|org| ProgramChoice { id: org.id, name: org.name }).collect())
}

fn month(raw: &str) -> Option<NaiveDate> {
    let (year, month) = raw.trim().split_once('-')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)
}

/// Checks what the student chose to share against `choices` (their programs), reporting
/// every problem at once.
pub fn check(
    form: &InterestForm,
    choices: &[ProgramChoice],
    now: DateTime<Utc>,
) -> Result<Shared, ServiceError> {
    if !(form.share_name || form.share_program || form.share_completion || form.share_certifications) {
        return Err(ServiceError::invalid("share", "choose at least one thing to share with the shop"));
    }
    let mut checks = Checks::default();
    let mut shared = Shared::default();
    if form.share_name {
        shared.name = checks.check(fields::line("name", &form.name, 1, MAX_NAME));
    }
    if form.share_program {
        let id: Option<i64> = form.program_id.trim().parse().ok();
        shared.program_id =
            checks.check(choices.iter().find(|c| Some(c.id) == id).map(|c| c.id).ok_or_else(|| {
                ServiceError::invalid(
                    "program_id",
                    "choose one of your programs (save your program on Bayline first)",
                )
            }));
    }
    if form.share_completion {
        shared.completion = checks.check(completion(&form.expected_completion, now));
    }
    if form.share_certifications {
        let mut skills = Vec::new();
        for slug in &form.certifications {
            match SkillArea::from_slug(slug.trim()) {
                Some(skill) if !skills.contains(&skill) => skills.push(skill),
                Some(_) => {}
                None => checks.fail("certifications", "choose from the certifications listed"),
            }
        }
        if form.certifications.is_empty() {
            checks.fail("certifications", "tick the certifications you hold");
        }
        skills.sort();
        shared.certifications = Some(skills);
    }
    checks.finish()?;
    Ok(shared)
}

/// An expected completion month (`yyyy-mm`): this month or later, within the years allowed.
fn completion(raw: &str, now: DateTime<Utc>) -> Result<String, ServiceError> {
    let date = month(raw)
        .ok_or_else(|| ServiceError::invalid("expected_completion", "a month looks like 2027-05"))?;
    let today = earliest_today(now);
    let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    if date < this_month {
        return Err(ServiceError::invalid("expected_completion", "that month is in the past"));
    }
    if date.year() > now.year() + MAX_YEARS_AHEAD {
        return Err(ServiceError::invalid(
            "expected_completion",
            format!("choose a month within {MAX_YEARS_AHEAD} years"),
        ));
    }
    Ok(date.format("%Y-%m").to_string())
}

/// Expresses interest in a public opening (anyone signed in who is not of the shop).
/// Returns the interest's id. Submitting again keeps the one row and only replaces what is
/// shared; the shop's members are emailed when the interest is new (or renewed after a
/// withdrawal), not on a replay.
pub async fn express(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    opening_id: i64,
    form: &InterestForm,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let row = opening::Entity::find_by_id(opening_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let shop = crate::orgs::find(db, row.organisation_id).await?;
    if !is_public(&row, &shop) {
        return Err(ServiceError::NotFound);
    }
    if authz::role_in(db, actor, shop.id).await?.is_some() {
        return Err(ServiceError::Conflict("this is your own shop's opening".into()));
    }
    let choices = if form.share_program { program_choices(db, Some(actor)).await? } else { Vec::new() };
    let shared = check(form, &choices, now)?;
    let certifications = shared.certifications.as_deref().map(super::certifications_to_column);
    let txn = crate::db::begin_write(db).await?;
    let inserted = opening_interest::Entity::insert(opening_interest::ActiveModel {
        opening_id: Set(opening_id),
        student_id: Set(actor.user_id),
        shared_name: Set(shared.name.clone()),
        shared_program_id: Set(shared.program_id),
        shared_completion: Set(shared.completion.clone()),
        shared_certifications: Set(certifications.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        withdrawn_at: Set(None),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([opening_interest::Column::OpeningId, opening_interest::Column::StudentId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let mine = || {
        opening_interest::Entity::update_many()
            .filter(opening_interest::Column::OpeningId.eq(opening_id))
            .filter(opening_interest::Column::StudentId.eq(actor.user_id))
    };
    let mut fresh = inserted == 1;
    if !fresh {
        // Renewed after a withdrawal: tell the shop again. A replay changes only what is shared.
        let renewed = mine()
            .col_expr(opening_interest::Column::WithdrawnAt, Expr::value(Option::<DateTime<Utc>>::None))
            .col_expr(opening_interest::Column::CreatedAt, Expr::value(now))
            // A renewed application starts over: the shop decides again.
            .col_expr(opening_interest::Column::Status, Expr::value(ApplicationStatus::New.slug()))
            .col_expr(opening_interest::Column::StatusChangedAt, Expr::value(Option::<DateTime<Utc>>::None))
            .filter(opening_interest::Column::WithdrawnAt.is_not_null())
            .exec(&txn)
            .await?;
        fresh = renewed.rows_affected == 1;
        mine()
            .col_expr(opening_interest::Column::SharedName, Expr::value(shared.name.clone()))
            .col_expr(opening_interest::Column::SharedProgramId, Expr::value(shared.program_id))
            .col_expr(opening_interest::Column::SharedCompletion, Expr::value(shared.completion.clone()))
            .col_expr(opening_interest::Column::SharedCertifications, Expr::value(certifications))
            .col_expr(opening_interest::Column::UpdatedAt, Expr::value(now))
            .exec(&txn)
            .await?;
    }
    let id = opening_interest::Entity::find()
        .filter(opening_interest::Column::OpeningId.eq(opening_id))
        .filter(opening_interest::Column::StudentId.eq(actor.user_id))
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?
        .id;
    if fresh {
        notify_shop(&txn, &row, &actor, site_url, now).await?;
    }
    txn.commit().await?;
    Ok(id)
}

/// Tells the shop's members that a student is interested. The one place the shop is told,
/// so another channel (in-app notifications) replaces this call alone. The email carries
/// nothing the student shared: the shop reads that on Bayline, signed in.
async fn notify_shop(
    db: &impl ConnectionTrait,
    row: &opening::Model,
    student: &Actor,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    let subject = format!("A student is interested in “{}”", row.title);
    let body = format!(
        "A student expressed interest in your opening “{}” on Bayline.\n\nSee what they chose to share:\n{site_url}/openings/{}",
        row.title, row.id
    );
    let link = format!("/openings/{}", row.id);
    let topic = domain::notifications::NoticeTopic::Interest;
    crate::partnerships::tell(
        db,
        row.organisation_id,
        student,
        &crate::notifications::Notice::new(topic, &subject, &link, &body),
        now,
    )
    .await
}

/// Withdraws the signed-in student's interest: what they shared is erased and the shop no
/// longer sees it. Withdrawing again changes nothing.
pub async fn withdraw(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    opening_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::signed_in(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let exists = opening_interest::Entity::find()
        .filter(opening_interest::Column::OpeningId.eq(opening_id))
        .filter(opening_interest::Column::StudentId.eq(actor.user_id))
        .one(&txn)
        .await?
        .is_some();
    if !exists {
        return Err(ServiceError::NotFound);
    }
    let none = Option::<String>::None;
    opening_interest::Entity::update_many()
        .col_expr(opening_interest::Column::WithdrawnAt, Expr::value(now))
        .col_expr(opening_interest::Column::UpdatedAt, Expr::value(now))
        .col_expr(opening_interest::Column::SharedName, Expr::value(none.clone()))
        .col_expr(opening_interest::Column::SharedProgramId, Expr::value(Option::<i64>::None))
        .col_expr(opening_interest::Column::SharedCompletion, Expr::value(none.clone()))
        .col_expr(opening_interest::Column::SharedCertifications, Expr::value(none))
        .filter(opening_interest::Column::OpeningId.eq(opening_id))
        .filter(opening_interest::Column::StudentId.eq(actor.user_id))
        .filter(opening_interest::Column::WithdrawnAt.is_null())
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
