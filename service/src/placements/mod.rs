//! Work-based learning, first slice: placements and a guardian's consent.
//!
//! A member of a verified shop makes a placement from a student's interest the shop marked
//! hired (one per interest: a unique index), or from an accepted internship/apprenticeship
//! offer on a school's need for a student the school sends (`offers`): that placement waits,
//! with no student, until the student joins by an e-mailed link (`join`). The program's
//! members choose its coordinator.
//! The student says whether they are under 18 — no date of birth is stored — and, for a
//! minor, gives a guardian's address: the placement stays awaiting consent until the
//! guardian agrees through a single-use link (14 days) by typing their name. Any party
//! ends it early with a reason; the record stays.
//!
//! Who may do what is decided here, for every call: the student, the shop's members and
//! the program's members are the parties; admins read; everyone else is told nothing exists.
//! Until consent is settled the shop reads only what the student shared in the application.
//! Every change is written to the audit log.
pub mod consent;
pub mod create;
pub mod evaluations;
pub mod export;
pub mod hours;
pub mod hours_read;
pub mod join;
pub mod lists;
pub mod manage;
pub mod offers;
pub mod read;
pub mod summaries;

use domain::{needs::SkillArea, placements::PlacementSide};
use entity::placement;
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::{
    authz::{self, Actor},
    error::ServiceError,
};

/// How the student is named when they shared no name.
pub const UNNAMED_STUDENT: &str = "The student";

/// A placement as one of its parties (or an admin) reaches it.
pub struct Party {
    pub actor: Actor,
    pub side: PlacementSide,
    pub row: placement::Model,
}

/// The placement `id` if the actor is its student, a member of its shop or of its program,
/// or an admin; `NotFound` for everyone else, so nobody learns which placements exist. One
/// still waiting for its student has none: only the shop, the program and admins read it.
pub async fn party(db: &impl ConnectionTrait, actor: Option<Actor>, id: i64) -> Result<Party, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let row = placement::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let side = if row.student_id == Some(actor.user_id) {
        PlacementSide::Student
    } else if authz::role_in(db, actor, row.shop_id).await?.is_some() {
        PlacementSide::Shop
    } else if authz::role_in(db, actor, row.program_id).await?.is_some() {
        PlacementSide::Program
    } else if actor.is_admin {
        PlacementSide::Admin
    } else {
        return Err(ServiceError::NotFound);
    };
    Ok(Party { actor, side, row })
}

/// Whether the shop may read the student's details: the student said they are 18 or over,
/// or their guardian agreed. Until then the shop reads only what the student shared.
pub fn consent_settled(row: &placement::Model) -> bool {
    match row.minor {
        Some(false) => true,
        Some(true) => row.consented_at.is_some(),
        None => false,
    }
}

pub(crate) fn task_areas(row: &placement::Model) -> Vec<SkillArea> {
    crate::needs::skills_from_column(&row.task_areas)
}

/// The audit detail naming a placement.
pub(crate) fn detail(id: i64) -> String {
    format!("placement {id}")
}

/// The name the student shared with the shop in their application, if any.
pub(crate) async fn shared_name(
    db: &impl ConnectionTrait,
    row: &placement::Model,
) -> Result<Option<String>, sea_orm::DbErr> {
    Ok(shared_names(db, std::slice::from_ref(row)).await?.remove(&row.id))
}

/// The names the students shared in the applications of these placements, by placement
/// (one query however many).
pub(crate) async fn shared_names(
    db: &impl ConnectionTrait,
    rows: &[placement::Model],
) -> Result<std::collections::HashMap<i64, String>, sea_orm::DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let interests: Vec<i64> = rows.iter().filter_map(|r| r.interest_id).collect();
    if interests.is_empty() {
        return Ok(Default::default());
    }
    let names: std::collections::HashMap<i64, String> = entity::opening_interest::Entity::find()
        .filter(entity::opening_interest::Column::Id.is_in(interests))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|i| Some((i.id, i.shared_name?)))
        .collect();
    Ok(rows.iter().filter_map(|r| Some((r.id, names.get(&r.interest_id?)?.clone()))).collect())
}

/// A new single-use link of `purpose` for the placement (its id is the payload); earlier
/// links of that purpose stop working. Returns the token for the e-mailed URL only.
pub(crate) async fn fresh_link(
    db: &impl ConnectionTrait,
    purpose: crate::accounts::tokens::Purpose,
    row: &placement::Model,
    actor: Actor,
    ttl: chrono::Duration,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String, ServiceError> {
    use crate::accounts::tokens;
    let payload = row.id.to_string();
    tokens::revoke_payload(db, purpose, &payload, now).await?;
    Ok(tokens::issue_with_payload(db, actor.user_id, purpose, &payload, ttl, now).await?)
}
