//! Claims of IPEDS school programs: only a school's real instructors speak for it.
//!
//! A claim waits on its own (`program_claim`), so nobody can squat a school by claiming it
//! first. It is verified at once only when the claimant's verified address is at the
//! school's own web host — exactly, a `.edu` or state K-12 host, listed by no other IPEDS
//! institution (see [`fields::verifies_at_once`]). Every other claim waits for an admin, who
//! sees each school's claims together with the claimant's address, account age and how the
//! address matches the host. The school's one organisation (a unique index on UNITID) is
//! created by the first verified claim; from then on the other claims wait for its owners,
//! who accept or refuse them as members. A verified school whose members have all left can
//! be claimed again.
use chrono::{DateTime, Utc};
use domain::{
    ProgramKind,
    orgs::{ClaimStatus, OrgKind, OrgStatus},
};
use entity::{app_user, institution, org_member, organisation, program_claim, program_completion};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};

use super::{create::pending_row, fields};

mod decisions;
use crate::{
    accounts::{
        audit::{self, Event},
        email::Email,
    },
    authz::{self, Actor},
    error::ServiceError,
};
pub use decisions::{ClaimView, SchoolClaims, answer, mine, queue, refuse, requests, verify};

/// What a claim led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claimed {
    /// The claimant now owns the school's verified organisation.
    Verified { organisation_id: i64 },
    /// The claim waits for Bayline's admins.
    Pending { claim_id: i64 },
    /// The school is on Bayline already: its owners accept or refuse the claimant.
    AskedOwners { organisation_id: i64, claim_id: i64 },
}

impl Claimed {
    /// The organisation, when the claimant became its owner.
    pub fn verified(self) -> Option<i64> {
        match self {
            Self::Verified { organisation_id } => Some(organisation_id),
            _ => None,
        }
    }
}

/// The school of a claim, as IPEDS lists it (only schools with a program Bayline covers).
async fn school(
    db: &impl ConnectionTrait,
    unitid: i32,
) -> Result<(institution::Model, Vec<ProgramKind>), ServiceError> {
    let completions = program_completion::Entity::find()
        .filter(program_completion::Column::Unitid.eq(unitid))
        .all(db)
        .await?;
    match institution::Entity::find_by_id(unitid).one(db).await? {
        Some(found) if !completions.is_empty() => {
            let mut kinds: Vec<ProgramKind> = completions.iter().map(|c| c.kind).collect();
            kinds.sort();
            kinds.dedup();
            Ok((found, kinds))
        }
        _ => Err(ServiceError::invalid(
            "unitid",
            format!("IPEDS lists no automotive, diesel, collision or truck program at UNITID {unitid}"),
        )),
    }
}

/// Whether another IPEDS institution lists the same web host (a chain's one site for many
/// campuses): then the host does not tell which campus a person works at.
async fn host_shared(db: &impl ConnectionTrait, unitid: i32, host: &str) -> Result<bool, sea_orm::DbErr> {
    let candidates = institution::Entity::find()
        .filter(institution::Column::Unitid.ne(unitid))
        .filter(institution::Column::Website.contains(host))
        .all(db)
        .await?;
    Ok(candidates.iter().any(|i| fields::site_host(&i.website).as_deref() == Some(host)))
}

/// How a person's address matches a school's web host, and whether that verifies at once.
async fn match_of(
    db: &impl ConnectionTrait,
    user: &app_user::Model,
    school: &institution::Model,
) -> Result<(fields::HostMatch, bool), ServiceError> {
    let domain = Email::parse(&user.email).map(|e| e.domain().to_string()).unwrap_or_default();
    let Some(host) = fields::site_host(&school.website) else { return Ok((fields::HostMatch::None, false)) };
    let matched = fields::host_match(&domain, &host, host_shared(db, school.unitid, &host).await?);
    let at_once = user.email_verified_at.is_some() && fields::verifies_at_once(matched, &host);
    Ok((matched, at_once))
}

/// The school's organisation (not a rejected one), if there is one.
async fn organisation_of(
    db: &impl ConnectionTrait,
    unitid: i32,
) -> Result<Option<organisation::Model>, sea_orm::DbErr> {
    organisation::Entity::find()
        .filter(organisation::Column::Unitid.eq(unitid))
        .filter(organisation::Column::Status.ne(OrgStatus::Rejected))
        .one(db)
        .await
}

async fn members(db: &impl ConnectionTrait, organisation_id: i64) -> Result<u64, sea_orm::DbErr> {
    org_member::Entity::find().filter(org_member::Column::OrganisationId.eq(organisation_id)).count(db).await
}

/// An instructor claims the program of an IPEDS institution (by UNITID).
pub async fn claim_program(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    unitid: &str,
    now: DateTime<Utc>,
) -> Result<Claimed, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let unitid: i32 = unitid
        .trim()
        .parse()
        .map_err(|_| ServiceError::invalid("unitid", "a UNITID is the six-digit IPEDS number"))?;
    let (school, kinds) = school(db, unitid).await?;
    let user =
        app_user::Entity::find_by_id(actor.user_id).one(db).await?.ok_or(ServiceError::SignInRequired)?;
    let (matched, at_once) = match_of(db, &user, &school).await?;
    // Two verified instructors racing on PostgreSQL: the unique index lets one create the
    // organisation; the other, tried again, finds it and asks its new owner.
    for _ in 0..2 {
        let txn = crate::db::begin_write(db).await?;
        match claim_in(&txn, actor, &school, &kinds, matched, at_once, now).await {
            Err(ServiceError::Database(e))
                if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) =>
            {
                txn.rollback().await?;
            }
            Err(other) => return Err(other),
            Ok(claimed) => {
                txn.commit().await?;
                return Ok(claimed);
            }
        }
    }
    Err(ServiceError::Conflict(format!("{} was claimed at the same moment: please try again", school.name)))
}

async fn claim_in(
    txn: &DatabaseTransaction,
    actor: Actor,
    school: &institution::Model,
    kinds: &[ProgramKind],
    matched: fields::HostMatch,
    at_once: bool,
    now: DateTime<Utc>,
) -> Result<Claimed, ServiceError> {
    let existing = organisation_of(txn, school.unitid).await?;
    if let Some(org) = &existing {
        let already = org_member::Entity::find()
            .filter(org_member::Column::OrganisationId.eq(org.id))
            .filter(org_member::Column::UserId.eq(actor.user_id))
            .count(txn)
            .await?;
        if already > 0 {
            return Err(ServiceError::Conflict(format!("you are already a member of {}", org.name)));
        }
    }
    let open = program_claim::Entity::find()
        .filter(program_claim::Column::Unitid.eq(school.unitid))
        .filter(program_claim::Column::UserId.eq(actor.user_id))
        .filter(program_claim::Column::Status.is_in([ClaimStatus::Pending, ClaimStatus::Waiting]))
        .count(txn)
        .await?;
    if open > 0 {
        return Err(ServiceError::Conflict(format!(
            "you have already claimed {}: it is waiting for an answer",
            school.name
        )));
    }
    let record = |status: ClaimStatus, organisation_id: Option<i64>| program_claim::ActiveModel {
        unitid: Set(school.unitid),
        user_id: Set(actor.user_id),
        host_match: Set(matched.label().into()),
        status: Set(status),
        organisation_id: Set(organisation_id),
        reason: Set(String::new()),
        created_at: Set(now),
        decided_by: Set(None),
        decided_at: Set((status == ClaimStatus::Verified).then_some(now)),
        ..Default::default()
    };
    let organisation_id = match existing {
        Some(org) if members(txn, org.id).await? > 0 => {
            let claim = record(ClaimStatus::Waiting, Some(org.id)).insert(txn).await?;
            let body = format!(
                "Someone asks to join {} on Bayline as one of its instructors. Accept or refuse them on the \
                 school's members page (sign in first).",
                org.name
            );
            super::notify_owners(txn, org.id, &format!("A request to join {}", org.name), &body, now).await?;
            return Ok(Claimed::AskedOwners { organisation_id: org.id, claim_id: claim.id });
        }
        // A verified school whose members all left: claimed again like a new one.
        Some(org) if at_once => {
            let id = org.id;
            make_owner(txn, actor.user_id, org, now).await?;
            id
        }
        None if at_once => create_school(txn, actor.user_id, school, kinds, now).await?,
        _ => {
            let claim = record(ClaimStatus::Pending, None).insert(txn).await?;
            return Ok(Claimed::Pending { claim_id: claim.id });
        }
    };
    record(ClaimStatus::Verified, Some(organisation_id)).insert(txn).await?;
    verified_audit(txn, actor.user_id, organisation_id, "automatic: the school's own web host", now).await?;
    hand_to_owners(txn, school.unitid, organisation_id).await?;
    Ok(Claimed::Verified { organisation_id })
}

/// Once a school has a verified owner, its other pending claims wait for the owners.
async fn hand_to_owners(
    txn: &DatabaseTransaction,
    unitid: i32,
    organisation_id: i64,
) -> Result<(), sea_orm::DbErr> {
    program_claim::Entity::update_many()
        .col_expr(program_claim::Column::Status, sea_orm::sea_query::Expr::value(ClaimStatus::Waiting.slug()))
        .col_expr(program_claim::Column::OrganisationId, sea_orm::sea_query::Expr::value(organisation_id))
        .filter(program_claim::Column::Unitid.eq(unitid))
        .filter(program_claim::Column::Status.eq(ClaimStatus::Pending))
        .exec(txn)
        .await?;
    Ok(())
}

/// Creates the school's verified organisation with `owner` as its owner.
async fn create_school(
    txn: &DatabaseTransaction,
    owner: i64,
    school: &institution::Model,
    kinds: &[ProgramKind],
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let row = organisation::ActiveModel {
        kind: Set(OrgKind::IpedsProgram),
        name: Set(school.name.chars().take(fields::MAX_NAME).collect()),
        street: Set(school.address.chars().take(fields::MAX_STREET).collect()),
        city: Set(school.city.chars().take(fields::MAX_CITY).collect()),
        state: Set(school.state.clone()),
        zip: Set(school.zip.chars().take(5).collect()),
        latitude: Set(school.latitude),
        longitude: Set(school.longitude),
        website: Set(school.website.chars().take(fields::MAX_WEBSITE).collect()),
        unitid: Set(Some(school.unitid)),
        program_kinds: Set(domain::vocabulary::join_slugs(kinds)),
        status: Set(OrgStatus::Verified),
        verified_at: Set(Some(now)),
        ..pending_row(Actor { user_id: owner, is_admin: false }, now)
    };
    let inserted = row.insert(txn).await?;
    org_member::ActiveModel {
        organisation_id: Set(inserted.id),
        user_id: Set(owner),
        role: Set(domain::orgs::MemberRole::Owner),
        created_at: Set(now),
    }
    .insert(txn)
    .await?;
    let detail = format!("organisation {} ({})", inserted.id, inserted.kind.slug());
    audit::record(txn, Event::OrganisationCreated, Some(owner), &detail, "", now).await?;
    Ok(inserted.id)
}

/// Makes `user` the owner of an organisation that has no members left, and verifies it.
async fn make_owner(
    txn: &DatabaseTransaction,
    user: i64,
    org: organisation::Model,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let id = org.id;
    let mut active = org.into_active_model();
    active.status = Set(OrgStatus::Verified);
    active.verified_at = Set(Some(now));
    active.update(txn).await?;
    org_member::ActiveModel {
        organisation_id: Set(id),
        user_id: Set(user),
        role: Set(domain::orgs::MemberRole::Owner),
        created_at: Set(now),
    }
    .insert(txn)
    .await?;
    Ok(())
}

async fn verified_audit(
    txn: &DatabaseTransaction,
    by: i64,
    organisation_id: i64,
    how: &str,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    let detail = format!("organisation {organisation_id}: {how}");
    audit::record(txn, Event::OrganisationVerified, Some(by), &detail, "", now).await
}
