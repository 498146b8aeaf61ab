//! Deleting one's own account, in one transaction that leaves every organisation with an
//! owner (or gone) and no personal data behind.
//!
//! Foreign keys do most of it: sessions, tokens, memberships, saved programs, saved paths and
//! event registrations are deleted with the user (the event places they held are given back
//! first); the audit log's `user_id`, organisations' `created_by` and invitations'
//! `invited_by` become NULL. What keys cannot reach is scrubbed here: the typed email in the
//! detail of failed sign-ins and reset requests, invitations addressed to the person, and
//! the mail queued for them.
use chrono::{DateTime, Utc};
use entity::{app_user, audit_event, email_outbox, invitation, org_member, organisation};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, Set, sea_query::Expr,
};

use super::{
    audit::{self, Event},
    changes::{account_of, check_current_password},
};
use domain::orgs::{MemberRole, OrgStatus};

use crate::error::ServiceError;

/// Deletes the signed-in person's account after checking their current password (the
/// form's `delete_password` field). For each organisation they leave without an owner, the
/// longest-standing remaining member becomes owner; an organisation left with nobody is
/// deleted if it is pending or rejected, and kept (memberless, for admins) if verified.
pub async fn delete_account(
    db: &DatabaseConnection,
    actor: Option<crate::authz::Actor>,
    current_password: &str,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let user = account_of(db, actor).await?;
    check_current_password(db, &user, "delete_password", current_password, client_ip, now).await?;
    let txn = crate::db::begin_write(db).await?;
    let memberships =
        org_member::Entity::find().filter(org_member::Column::UserId.eq(user.id)).all(&txn).await?;
    for held in memberships {
        hand_over(&txn, held.organisation_id, user.id, client_ip, now).await?;
    }
    invitation::Entity::delete_many().filter(invitation::Column::Email.eq(&user.email)).exec(&txn).await?;
    audit_event::Entity::update_many()
        .col_expr(audit_event::Column::Detail, Expr::value(""))
        .filter(audit_event::Column::Detail.eq(&user.email))
        .exec(&txn)
        .await?;
    email_outbox::Entity::delete_many()
        .filter(email_outbox::Column::Recipient.eq(&user.email))
        .exec(&txn)
        .await?;
    crate::events::freed::release_places_of(&txn, user.id).await?;
    // The school keeps its placement record, unnamed (the key empties it); the guardian's
    // address goes with the student.
    entity::placement::Entity::update_many()
        .col_expr(entity::placement::Column::GuardianEmail, Expr::value(Option::<String>::None))
        .filter(entity::placement::Column::StudentId.eq(user.id))
        .exec(&txn)
        .await?;
    app_user::Entity::delete_by_id(user.id).exec(&txn).await?;
    audit::record(&txn, Event::AccountDeleted, None, "", client_ip, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Keeps one organisation consistent as `leaving` goes: if no other owner remains, promote
/// the longest-standing other member, or, with nobody left, delete a pending or rejected
/// organisation and keep a verified one.
async fn hand_over(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    leaving: i64,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let others = org_member::Entity::find()
        .filter(org_member::Column::OrganisationId.eq(organisation_id))
        .filter(org_member::Column::UserId.ne(leaving))
        .order_by_asc(org_member::Column::CreatedAt)
        .order_by_asc(org_member::Column::UserId)
        .all(db)
        .await?;
    if others.iter().any(|m| m.role == MemberRole::Owner) {
        return Ok(());
    }
    if let Some(successor) = others.into_iter().next() {
        let user_id = successor.user_id;
        let mut active = successor.into_active_model();
        active.role = Set(MemberRole::Owner);
        active.update(db).await?;
        let detail =
            format!("organisation {organisation_id}: owner (the previous owner deleted their account)");
        return audit::record(db, Event::RoleChanged, Some(user_id), &detail, client_ip, now).await;
    }
    let Some(org) = organisation::Entity::find_by_id(organisation_id).one(db).await? else { return Ok(()) };
    if matches!(org.status, OrgStatus::Pending | OrgStatus::Rejected) {
        // Memberships and invitations go with it (foreign keys cascade).
        organisation::Entity::delete_by_id(organisation_id).exec(db).await?;
    }
    Ok(())
}
