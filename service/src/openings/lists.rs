//! What each side reads of students' interest: the shop's members see exactly what each
//! student shared; a student sees their own applications; the instructors of a program a
//! student named see that the student applied. Withdrawn interest is shown to nobody.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::{
    openings::{
        ApplicationView, InterestView, MyInterest, OpeningStatus, ProgramApplicationView, SharedDetails,
    },
    orgs::OrgStatus,
};
use entity::{opening, opening_interest, organisation};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    authz::{self, Actor},
    error::ServiceError,
    needs::{is_school, skills_from_column},
};

/// Names of the organisations with these ids.
pub(crate) async fn program_names(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
) -> Result<HashMap<i64, String>, ServiceError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|org| (org.id, org.name))
        .collect())
}

pub(super) fn details(row: &opening_interest::Model, programs: &HashMap<i64, String>) -> SharedDetails {
    SharedDetails {
        name: row.shared_name.clone(),
        program: row.shared_program_id.and_then(|id| programs.get(&id).cloned()),
        expected_completion: row.shared_completion.clone(),
        certifications: row.shared_certifications.as_deref().map(skills_from_column),
    }
}

pub(super) fn at(time: DateTime<Utc>, zone: chrono_tz::Tz) -> domain::time::Moment {
    crate::accounts::zone::moment(time, zone)
}

/// Active interests of `filter`, oldest first, with the program names they share.
async fn active(
    db: &impl ConnectionTrait,
    filter: sea_orm::Condition,
) -> Result<(Vec<opening_interest::Model>, HashMap<i64, String>), ServiceError> {
    let rows = opening_interest::Entity::find()
        .filter(filter)
        .filter(opening_interest::Column::WithdrawnAt.is_null())
        .order_by_asc(opening_interest::Column::CreatedAt)
        .order_by_asc(opening_interest::Column::Id)
        .all(db)
        .await?;
    let programs = program_names(db, rows.iter().filter_map(|r| r.shared_program_id).collect()).await?;
    Ok((rows, programs))
}

/// The interest in one opening, for the shop's members only (admins are not members: what
/// students share is for the shop).
pub async fn for_opening(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    opening_id: i64,
) -> Result<Vec<InterestView>, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let row = opening::Entity::find_by_id(opening_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    authz::member(db, Some(actor), row.organisation_id).await?;
    let zone = crate::accounts::zone::of(db, Some(actor)).await?;
    let condition = sea_orm::Condition::all().add(opening_interest::Column::OpeningId.eq(opening_id));
    let (rows, programs) = active(db, condition).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let counts = super::conversation::message_counts(db, &ids).await?;
    let blocked: std::collections::HashSet<i64> = entity::shop_block::Entity::find()
        .filter(entity::shop_block::Column::OrganisationId.eq(row.organisation_id))
        .filter(
            entity::shop_block::Column::StudentId
                .is_in(rows.iter().map(|r| r.student_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.student_id)
        .collect();
    Ok(rows
        .iter()
        .map(|r| InterestView {
            id: r.id,
            shared: details(r, &programs),
            at: at(r.created_at, zone),
            status: r.status,
            messages: counts.get(&r.id).copied().unwrap_or(0),
            blocked: blocked.contains(&r.student_id),
        })
        .collect())
}

/// The openings and shops of `rows`, keyed by opening id.
async fn openings_of(
    db: &impl ConnectionTrait,
    rows: &[opening_interest::Model],
) -> Result<HashMap<i64, (opening::Model, organisation::Model)>, ServiceError> {
    let openings = opening::Entity::find()
        .filter(opening::Column::Id.is_in(rows.iter().map(|r| r.opening_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let shops: HashMap<i64, organisation::Model> = organisation::Entity::find()
        .filter(
            organisation::Column::Id.is_in(openings.iter().map(|o| o.organisation_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    Ok(openings
        .into_iter()
        .filter_map(|o| {
            let shop = shops.get(&o.organisation_id)?.clone();
            Some((o.id, (o, shop)))
        })
        .collect())
}

/// Whether an opening may still be named to people outside its shop: closing it is the
/// shop's ordinary business, but a hidden opening or one of a shop that is no longer
/// verified is not shown to students at all.
fn still_listed(row: &opening::Model, shop: &organisation::Model) -> bool {
    row.hidden_at.is_none() && shop.status == OrgStatus::Verified
}

/// The signed-in person's own applications (active ones), oldest first.
pub async fn mine(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<ApplicationView>, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let zone = crate::accounts::zone::of(db, Some(actor)).await?;
    let condition = sea_orm::Condition::all().add(opening_interest::Column::StudentId.eq(actor.user_id));
    let (rows, programs) = active(db, condition).await?;
    let openings = openings_of(db, &rows).await?;
    let counts =
        super::conversation::message_counts(db, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let (o, shop) = openings.get(&r.opening_id)?;
            let (title, shop_name, status) = if still_listed(o, shop) {
                let status = o.status;
                (o.title.clone(), shop.name.clone(), status)
            } else {
                ("An opening that is no longer listed".to_string(), String::new(), OpeningStatus::Closed)
            };
            Some(ApplicationView {
                id: r.id,
                opening_id: r.opening_id,
                opening_title: title,
                shop_name,
                opening_status: status,
                shared: details(r, &programs),
                at: at(r.created_at, zone),
                status: r.status,
                messages: counts.get(&r.id).copied().unwrap_or(0),
            })
        })
        .collect())
}

/// The signed-in person's interest in one opening, if active.
pub async fn my_interest(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    opening_id: i64,
) -> Result<Option<MyInterest>, ServiceError> {
    let Some(actor) = actor else { return Ok(None) };
    let condition = sea_orm::Condition::all()
        .add(opening_interest::Column::StudentId.eq(actor.user_id))
        .add(opening_interest::Column::OpeningId.eq(opening_id));
    let (rows, programs) = active(db, condition).await?;
    Ok(rows.first().map(|r| MyInterest { id: r.id, status: r.status, shared: details(r, &programs) }))
}

/// Students who named this program when expressing interest, for the program's members
/// only: the opening, the shop, and the name only if the student shared it.
pub async fn for_program(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    program_id: i64,
) -> Result<Vec<ProgramApplicationView>, ServiceError> {
    let (reader, _) = authz::member(db, actor, program_id).await?;
    let zone = crate::accounts::zone::of(db, Some(reader)).await?;
    let program = crate::orgs::find(db, program_id).await?;
    if !is_school(&program) {
        return Ok(Vec::new());
    }
    let condition = sea_orm::Condition::all().add(opening_interest::Column::SharedProgramId.eq(program_id));
    let (rows, _) = active(db, condition).await?;
    let openings = openings_of(db, &rows).await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let (o, shop) = openings.get(&r.opening_id)?;
            still_listed(o, shop).then(|| ProgramApplicationView {
                opening_id: o.id,
                opening_title: o.title.clone(),
                shop_name: shop.name.clone(),
                student_name: r.shared_name.clone(),
                at: at(r.created_at, zone),
            })
        })
        .collect())
}
