//! Deciding claims: the admins' queue of claims waiting for them (verify or refuse), the
//! owners' requests from the school's other instructors (accept or refuse), and a person's
//! own open claims.
use chrono::{DateTime, Utc};
use domain::orgs::ClaimStatus;
use entity::{app_user, institution, org_member, program_claim};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set,
};

use super::{create_school, hand_to_owners, make_owner, members, organisation_of, school, verified_audit};
use crate::orgs::fields;
use crate::{
    accounts::{
        audit::{self, Event},
        outbox,
    },
    authz::{self, Actor},
    error::ServiceError,
};

/// One claim as the admin queue and the owners' requests show it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimView {
    pub id: i64,
    /// The claimant's display name, and the domain of their e-mail address (what the claim
    /// is judged by; the whole address is not shown).
    pub name: String,
    pub email_domain: String,
    pub account_since: DateTime<Utc>,
    pub host_match: String,
    pub claimed_at: DateTime<Utc>,
}

/// The pending claims of one school, with what an admin needs to decide.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolClaims {
    pub unitid: i32,
    pub name: String,
    pub city: String,
    pub state: String,
    /// The institution's web host as IPEDS lists it ("" when it lists none).
    pub web_host: String,
    pub claims: Vec<ClaimView>,
}

async fn view_of(db: &impl ConnectionTrait, claim: &program_claim::Model) -> Result<ClaimView, ServiceError> {
    let user = app_user::Entity::find_by_id(claim.user_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    Ok(ClaimView {
        id: claim.id,
        name: crate::accounts::names::shown(&user),
        email_domain: crate::accounts::email::domain_of(&user.email).to_string(),
        account_since: user.created_at,
        host_match: claim.host_match.clone(),
        claimed_at: claim.created_at,
    })
}

/// The admins' queue: pending claims grouped by school, the school with the oldest claim
/// first.
pub async fn queue(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<SchoolClaims>, ServiceError> {
    authz::admin(actor)?;
    let pending = program_claim::Entity::find()
        .filter(program_claim::Column::Status.eq(ClaimStatus::Pending))
        .order_by_asc(program_claim::Column::Id)
        .all(db)
        .await?;
    let mut out: Vec<SchoolClaims> = Vec::new();
    for claim in &pending {
        let view = view_of(db, claim).await?;
        if let Some(group) = out.iter_mut().find(|g| g.unitid == claim.unitid) {
            group.claims.push(view);
            continue;
        }
        let school =
            institution::Entity::find_by_id(claim.unitid).one(db).await?.ok_or(ServiceError::NotFound)?;
        out.push(SchoolClaims {
            unitid: school.unitid,
            name: school.name,
            city: school.city,
            state: school.state,
            web_host: fields::site_host(&school.website).unwrap_or_default(),
            claims: vec![view],
        });
    }
    Ok(out)
}

async fn open_claim(
    txn: &DatabaseTransaction,
    claim_id: i64,
    status: ClaimStatus,
) -> Result<program_claim::Model, ServiceError> {
    let claim = program_claim::Entity::find_by_id(claim_id).one(txn).await?.ok_or(ServiceError::NotFound)?;
    if claim.status != status {
        return Err(ServiceError::Conflict(format!("this claim is {} already", claim.status.slug())));
    }
    Ok(claim)
}

async fn email(
    txn: &impl ConnectionTrait,
    user_id: i64,
    subject: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    if let Some(user) = app_user::Entity::find_by_id(user_id).one(txn).await? {
        outbox::enqueue(txn, &user.email, subject, body, now).await?;
    }
    Ok(())
}

/// An admin verifies a claim: the claimant owns the school's organisation (created now, or
/// taken over when nobody is left in it), and the school's other pending claims wait for
/// the owners. When the school already has owners, they decide this claim too.
pub async fn verify(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    claim_id: i64,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let admin = authz::admin(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let claim = open_claim(&txn, claim_id, ClaimStatus::Pending).await?;
    let (school, kinds) = school(&txn, claim.unitid).await?;
    let organisation_id = match organisation_of(&txn, claim.unitid).await? {
        Some(org) if members(&txn, org.id).await? > 0 => {
            let id = org.id;
            decide(&txn, &claim, ClaimStatus::Waiting, Some(id), admin.user_id, "", now).await?;
            let body = format!(
                "Someone asks to join {} on Bayline. Accept or refuse them on the members page.",
                org.name
            );
            crate::orgs::notify_owners(&txn, id, &format!("A request to join {}", org.name), &body, now)
                .await?;
            txn.commit().await?;
            return Ok(id);
        }
        Some(org) => {
            let id = org.id;
            make_owner(&txn, claim.user_id, org, now).await?;
            id
        }
        None => create_school(&txn, claim.user_id, &school, &kinds, now).await?,
    };
    decide(&txn, &claim, ClaimStatus::Verified, Some(organisation_id), admin.user_id, "", now).await?;
    hand_to_owners(&txn, claim.unitid, organisation_id).await?;
    let body = format!(
        "Good news: you are verified as an instructor of {} on Bayline, and its owner. Others who claimed \
         the school will ask you to accept them.\n\n{site_url}/orgs/{organisation_id}",
        school.name
    );
    email(&txn, claim.user_id, &format!("{} is yours on Bayline", school.name), &body, now).await?;
    verified_audit(
        &txn,
        admin.user_id,
        organisation_id,
        &format!("claim {claim_id} verified by an admin"),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(organisation_id)
}

async fn decide(
    txn: &DatabaseTransaction,
    claim: &program_claim::Model,
    status: ClaimStatus,
    organisation_id: Option<i64>,
    by: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    let mut active = claim.clone().into_active_model();
    active.status = Set(status);
    active.organisation_id = Set(organisation_id.or(claim.organisation_id));
    active.reason = Set(reason.into());
    active.decided_by = Set(Some(by));
    active.decided_at = Set(Some(now));
    active.update(txn).await?;
    Ok(())
}

/// An admin refuses a pending claim, with a reason emailed to the claimant.
pub async fn refuse(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    claim_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let admin = authz::admin(actor)?;
    let reason = fields::line("reason", reason, 3, fields::MAX_REASON)?;
    let txn = crate::db::begin_write(db).await?;
    let claim = open_claim(&txn, claim_id, ClaimStatus::Pending).await?;
    decide(&txn, &claim, ClaimStatus::Refused, None, admin.user_id, &reason, now).await?;
    let body = format!("We could not verify your claim on Bayline.\n\nThe reason given: {reason}");
    email(&txn, claim.user_id, "Your school claim on Bayline", &body, now).await?;
    txn.commit().await?;
    Ok(())
}

/// The claims waiting for an organisation's owners (owners only).
pub async fn requests(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    organisation_id: i64,
) -> Result<Vec<ClaimView>, ServiceError> {
    authz::owner(db, actor, organisation_id).await?;
    let waiting = program_claim::Entity::find()
        .filter(program_claim::Column::OrganisationId.eq(organisation_id))
        .filter(program_claim::Column::Status.eq(ClaimStatus::Waiting))
        .order_by_asc(program_claim::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(waiting.len());
    for claim in &waiting {
        out.push(view_of(db, claim).await?);
    }
    Ok(out)
}

/// An owner accepts (as a member) or refuses someone who claimed their school.
pub async fn answer(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    claim_id: i64,
    accept: bool,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let claim = program_claim::Entity::find_by_id(claim_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let organisation_id = claim.organisation_id.ok_or(ServiceError::NotFound)?;
    authz::owner(db, Some(actor), organisation_id).await?;
    let txn = crate::db::begin_write(db).await?;
    let claim = open_claim(&txn, claim_id, ClaimStatus::Waiting).await?;
    let org = crate::orgs::find(&txn, organisation_id).await?;
    if accept {
        org_member::ActiveModel {
            organisation_id: Set(organisation_id),
            user_id: Set(claim.user_id),
            role: Set(domain::orgs::MemberRole::Member),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        let detail = format!("organisation {organisation_id}: claim {claim_id} accepted by an owner");
        audit::record(&txn, Event::MemberJoined, Some(claim.user_id), &detail, "", now).await?;
    }
    decide(
        &txn,
        &claim,
        if accept { ClaimStatus::Accepted } else { ClaimStatus::Refused },
        None,
        actor.user_id,
        "",
        now,
    )
    .await?;
    let (subject, body) = if accept {
        (
            format!("You are a member of {} on Bayline", org.name),
            format!("{}'s owners accepted you as one of its instructors.", org.name),
        )
    } else {
        (
            format!("Your request to join {}", org.name),
            format!("{}'s owners did not accept your request.", org.name),
        )
    };
    email(&txn, claim.user_id, &subject, &body, now).await?;
    txn.commit().await?;
    Ok(organisation_id)
}

/// A person's own open claims: the school's name and who decides.
pub async fn mine(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<(String, String)>, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let open = program_claim::Entity::find()
        .filter(program_claim::Column::UserId.eq(actor.user_id))
        .filter(program_claim::Column::Status.is_in([
            ClaimStatus::Pending,
            ClaimStatus::Waiting,
            ClaimStatus::Refused,
        ]))
        .order_by_desc(program_claim::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for claim in open {
        let name =
            institution::Entity::find_by_id(claim.unitid).one(db).await?.map(|s| s.name).unwrap_or_default();
        let state = match claim.status {
            ClaimStatus::Pending => "waiting for Bayline's admins to check it".to_string(),
            ClaimStatus::Waiting => {
                "waiting for the school's instructors on Bayline to accept you".to_string()
            }
            _ if claim.reason.is_empty() => "not accepted".to_string(),
            _ => format!("not accepted: {}", claim.reason),
        };
        out.push((name, state));
    }
    Ok(out)
}
