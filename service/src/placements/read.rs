//! A placement as each party reads it. The shop reads what the student shared in the
//! application and, only once consent is settled, the student's name and the consent;
//! the guardian's address is never the shop's.
use std::collections::HashMap;

use domain::{
    openings::SharedDetails,
    placements::{ConsentView, EndedView, PlacementOrigin, PlacementSide, PlacementView, StudentDetails},
};
use entity::{need, offer, opening_interest, placement};
use sea_orm::{ConnectionTrait, EntityTrait};

use super::{UNNAMED_STUDENT, consent_settled, party, task_areas};
use crate::{
    accounts::zone, authz::Actor, error::ServiceError, needs::skills_from_column,
    openings::lists::program_names,
};

/// What the student shared in the application (nothing once they withdrew it).
async fn shared(db: &impl ConnectionTrait, row: &placement::Model) -> Result<SharedDetails, ServiceError> {
    let Some(interest) = (match row.interest_id {
        Some(id) => opening_interest::Entity::find_by_id(id).one(db).await?,
        None => None,
    }) else {
        return Ok(SharedDetails::default());
    };
    let programs = program_names(db, interest.shared_program_id.into_iter().collect()).await?;
    Ok(SharedDetails {
        name: interest.shared_name.clone(),
        program: interest.shared_program_id.and_then(|id| programs.get(&id).cloned()),
        expected_completion: interest.shared_completion.clone(),
        certifications: interest.shared_certifications.as_deref().map(skills_from_column),
    })
}

/// The student's details for this side: `None` for the shop until consent is settled, and
/// never the guardian's address for the shop.
fn student_details(
    row: &placement::Model,
    side: PlacementSide,
    names: &HashMap<i64, String>,
    zone: chrono_tz::Tz,
) -> Option<StudentDetails> {
    if side == PlacementSide::Shop && !consent_settled(row) {
        return None;
    }
    let name = names.get(&row.student_id?)?.clone();
    let consent = match (&row.consent_name, row.consented_at) {
        (Some(name), Some(at)) => Some(ConsentView { name: name.clone(), at: zone::moment(at, zone) }),
        _ => None,
    };
    Some(StudentDetails {
        name,
        under_18: row.minor,
        guardian_email: if side == PlacementSide::Shop { None } else { row.guardian_email.clone() },
        consent,
    })
}

/// The need a placement made from an offer came from; its partnership for the two
/// organisations' members only (nobody else may open it).
async fn origin(
    db: &impl ConnectionTrait,
    row: &placement::Model,
    side: PlacementSide,
) -> Result<Option<PlacementOrigin>, ServiceError> {
    let Some(offer_id) = row.offer_id else { return Ok(None) };
    let found = offer::Entity::find_by_id(offer_id).find_also_related(need::Entity).one(db).await?;
    let Some((offer, Some(need))) = found else { return Ok(None) };
    let member = matches!(side, PlacementSide::Shop | PlacementSide::Program);
    Ok(Some(PlacementOrigin {
        need_id: need.id,
        need_title: need.title,
        partnership_id: offer.partnership_id.filter(|_| member),
    }))
}

/// `/placements/{id}`, for its student, the shop's and the program's members, and admins.
pub async fn page(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    id: i64,
) -> Result<PlacementView, ServiceError> {
    let super::Party { actor, side, row } = party(db, actor, id).await?;
    let zone = zone::of(db, Some(actor)).await?;
    let shop = crate::orgs::find(db, row.shop_id).await?;
    let program = crate::orgs::find(db, row.program_id).await?;
    let people: Vec<i64> =
        [row.student_id, row.mentor_id, row.coordinator_id].into_iter().flatten().collect();
    let names = crate::accounts::names::of(db, people).await?;
    let shared = shared(db, &row).await?;
    let student_label = shared.name.clone().unwrap_or_else(|| UNNAMED_STUDENT.to_string());
    let coordinator_choices = if side == PlacementSide::Program {
        super::create::members(db, row.program_id).await?
    } else {
        Vec::new()
    };
    let ended = match (&row.end_reason, row.ended_at) {
        (Some(reason), Some(at)) => Some(EndedView { reason: reason.clone(), at: zone::moment(at, zone) }),
        _ => None,
    };
    Ok(PlacementView {
        id: row.id,
        side,
        status: row.status,
        shop_id: shop.id,
        shop_name: shop.name,
        program_id: program.id,
        program_name: program.name,
        interest_id: row.interest_id.filter(|_| matches!(side, PlacementSide::Student | PlacementSide::Shop)),
        student_label,
        shared,
        student: student_details(&row, side, &names, zone),
        mentor: row.mentor_id.and_then(|id| names.get(&id).cloned()),
        coordinator: row.coordinator_id.and_then(|id| names.get(&id).cloned()),
        starts_on: row.starts_on.to_string(),
        ends_on: row.ends_on.to_string(),
        weekly_hours: u32::try_from(row.weekly_hours).unwrap_or_default(),
        paid: row.paid,
        task_areas: task_areas(&row),
        ended,
        origin: origin(db, &row, side).await?,
        coordinator_choices,
    })
}
