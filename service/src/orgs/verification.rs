//! The admins' side: the verification queue (approve, or reject with a reason that is
//! emailed to the organisation's owners), and the lists of users, organisations and audit
//! events. Every function here is for admins only.
use chrono::{DateTime, Utc};
use domain::orgs::{MemberRole, OrgStatus};
use entity::{app_user, audit_event, org_member, organisation};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::{fields, find, notify_owners};
use crate::{
    accounts::audit::{self, Event},
    authz::{self, Actor},
    error::ServiceError,
};

/// How many rows the admin lists show.
pub const LIST_LIMIT: u64 = 200;

/// An organisation waiting for verification, and who added it: what an admin weighs.
#[derive(Debug, Clone)]
pub struct Waiting {
    pub organisation: organisation::Model,
    /// Its owner, who added it (none once their account is deleted).
    pub added_by: Option<app_user::Model>,
}

/// Organisations waiting for verification, oldest first, each with who added it.
pub async fn queue(db: &impl ConnectionTrait, actor: Option<Actor>) -> Result<Vec<Waiting>, ServiceError> {
    authz::admin(actor)?;
    let pending = organisation::Entity::find()
        .filter(organisation::Column::Status.eq(OrgStatus::Pending))
        .order_by_asc(organisation::Column::CreatedAt)
        .all(db)
        .await?;
    let mut waiting = Vec::with_capacity(pending.len());
    for organisation in pending {
        let owner = org_member::Entity::find()
            .filter(org_member::Column::OrganisationId.eq(organisation.id))
            .filter(org_member::Column::Role.eq(MemberRole::Owner))
            .order_by_asc(org_member::Column::CreatedAt)
            .one(db)
            .await?;
        let added_by = match owner {
            Some(owner) => app_user::Entity::find_by_id(owner.user_id).one(db).await?,
            None => None,
        };
        waiting.push(Waiting { organisation, added_by });
    }
    Ok(waiting)
}

pub async fn verify(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    organisation_id: i64,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::admin(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let org = find(&txn, organisation_id).await?;
    let name = org.name.clone();
    let mut active = org.into_active_model();
    active.status = Set(OrgStatus::Verified);
    active.status_reason = Set(String::new());
    active.verified_at = Set(Some(now));
    let verified = active.update(&txn).await?;
    crate::alerts::manage::save_shop_defaults(&txn, &verified, now).await?;
    if let Some(listing) = verified.listing_id {
        // The listing's school now speaks for itself: it leaves "not yet on Bayline" and
        // keeps its row (where it came from). A listing another program already took stays
        // with that one.
        entity::school_listing::Entity::update_many()
            .col_expr(
                entity::school_listing::Column::ClaimedOrgId,
                sea_orm::sea_query::Expr::value(Some(verified.id)),
            )
            .filter(entity::school_listing::Column::Id.eq(listing))
            .filter(entity::school_listing::Column::ClaimedOrgId.is_null())
            .exec(&txn)
            .await?;
    }
    let body = format!(
        "Good news: {name} is verified on Bayline. Students and partners can now see it.\n\n{site_url}/account"
    );
    notify_owners(&txn, organisation_id, &format!("{name} is verified on Bayline"), &body, now).await?;
    let detail = format!("organisation {organisation_id}");
    audit::record(&txn, Event::OrganisationVerified, Some(actor.user_id), &detail, "", now).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn reject(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    organisation_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::admin(actor)?;
    let reason = fields::line("reason", reason, 3, fields::MAX_REASON)?;
    let txn = crate::db::begin_write(db).await?;
    let org = find(&txn, organisation_id).await?;
    // Rejecting is the answer to a request for verification; a verified organisation that
    // misbehaves is suspended (moderation), which keeps its members and history.
    if org.status != OrgStatus::Pending {
        return Err(ServiceError::Conflict(format!(
            "{} is {} already: only an organisation waiting for verification can be rejected (suspend it instead)",
            org.name,
            org.status.slug()
        )));
    }
    let name = org.name.clone();
    let mut active = org.into_active_model();
    active.status = Set(OrgStatus::Rejected);
    active.status_reason = Set(reason.clone());
    active.verified_at = Set(None);
    active.update(&txn).await?;
    let body = format!(
        "We could not verify {name} on Bayline.\n\nThe reason given: {reason}\n\nReply to this message or \
         add the organisation again with the details corrected."
    );
    notify_owners(&txn, organisation_id, &format!("{name} could not be verified"), &body, now).await?;
    let detail = format!("organisation {organisation_id}: {reason}");
    audit::record(&txn, Event::OrganisationRejected, Some(actor.user_id), &detail, "", now).await?;
    txn.commit().await?;
    Ok(())
}

/// The newest accounts.
pub async fn users(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<app_user::Model>, ServiceError> {
    authz::admin(actor)?;
    Ok(app_user::Entity::find().order_by_desc(app_user::Column::CreatedAt).limit(LIST_LIMIT).all(db).await?)
}

/// The newest organisations, whatever their status.
pub async fn organisations(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<organisation::Model>, ServiceError> {
    authz::admin(actor)?;
    Ok(organisation::Entity::find()
        .order_by_desc(organisation::Column::CreatedAt)
        .limit(LIST_LIMIT)
        .all(db)
        .await?)
}

/// The newest audit events, optionally of one kind.
pub async fn audit_log(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    event: Option<&str>,
) -> Result<Vec<audit_event::Model>, ServiceError> {
    authz::admin(actor)?;
    let mut query = audit_event::Entity::find();
    if let Some(event) = event.filter(|e| !e.is_empty()) {
        query = query.filter(audit_event::Column::Event.eq(event));
    }
    Ok(query.order_by_desc(audit_event::Column::Id).limit(LIST_LIMIT).all(db).await?)
}
