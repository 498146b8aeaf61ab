//! Members of an organisation: invitations by email link, accepting them, removing members
//! and handing ownership over. Owners manage members; every check is made here.
use chrono::{DateTime, Duration, Utc};
use domain::orgs::{MemberRole, MemberView};
use entity::{app_user, invitation, org_member, organisation};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, Set, sea_query::Expr,
};

use super::find;
use crate::{
    accounts::{
        audit::{self, Event},
        email::Email,
        outbox,
        sessions::{digest, end_all, random_token},
    },
    authz::{self, Actor},
    error::ServiceError,
};

/// How long an invitation link works.
pub const INVITATION_TTL: Duration = Duration::days(7);

/// Invites an address to an organisation (owners only) and emails the link.
pub async fn invite(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    organisation_id: i64,
    email: &str,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::owner(db, actor, organisation_id).await?;
    let email = Email::parse(email).map_err(|m| ServiceError::invalid("email", m))?;
    let organisation = find(db, organisation_id).await?;
    let already_member = member_by_email(db, organisation_id, &email).await?.is_some();
    if already_member {
        return Err(ServiceError::invalid("email", format!("{email} is already a member")));
    }
    let token = random_token();
    let txn = crate::db::begin_write(db).await?;
    invitation::ActiveModel {
        token_hash: Set(digest(&token)),
        organisation_id: Set(organisation_id),
        email: Set(email.to_string()),
        invited_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        expires_at: Set(now + INVITATION_TTL),
        accepted_at: Set(None),
    }
    .insert(&txn)
    .await?;
    let body = format!(
        "You are invited to join {} on Bayline.\n\nAccept within 7 days by opening this link (sign in or create \
         an account with this address first):\n{site_url}/invitations/accept?token={token}\n\nIf you do not \
         know this organisation, ignore this message.",
        organisation.name
    );
    outbox::enqueue(&txn, email.as_str(), &format!("Join {} on Bayline", organisation.name), &body, now)
        .await?;
    let detail = format!("organisation {organisation_id}: invited {email}");
    audit::record(&txn, Event::MemberInvited, Some(actor.user_id), &detail, "", now).await?;
    txn.commit().await?;
    Ok(())
}

/// The organisation an invitation link is for (to show before accepting), if the link is
/// still good.
pub async fn invitation_organisation(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<organisation::Model>, ServiceError> {
    let Some(found) = invitation::Entity::find_by_id(digest(token.trim())).one(db).await? else {
        return Ok(None);
    };
    if found.accepted_at.is_some() || found.expires_at <= now {
        return Ok(None);
    }
    Ok(organisation::Entity::find_by_id(found.organisation_id).one(db).await?)
}

/// Accepts an invitation: the signed-in account must have the invited address. Single use.
pub async fn accept(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    token: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let bad_link = || {
        ServiceError::Conflict(
            "this invitation is not valid any more: it may have been used or have expired".into(),
        )
    };
    let hash = digest(token.trim());
    let found = invitation::Entity::find_by_id(hash.clone()).one(db).await?.ok_or_else(bad_link)?;
    let user =
        app_user::Entity::find_by_id(actor.user_id).one(db).await?.ok_or(ServiceError::SignInRequired)?;
    if user.email != found.email {
        return Err(ServiceError::Conflict(format!(
            "this invitation was sent to another address: sign in as {} to accept it",
            found.email
        )));
    }
    let txn = crate::db::begin_write(db).await?;
    let claimed = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, Expr::value(now))
        .filter(invitation::Column::TokenHash.eq(hash))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(bad_link());
    }
    if authz::role_in(&txn, actor, found.organisation_id).await?.is_none() {
        org_member::ActiveModel {
            organisation_id: Set(found.organisation_id),
            user_id: Set(actor.user_id),
            role: Set(MemberRole::Member),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        let detail = format!("organisation {}", found.organisation_id);
        audit::record(&txn, Event::MemberJoined, Some(actor.user_id), &detail, "", now).await?;
        let org = super::find(&txn, found.organisation_id).await?;
        crate::alerts::manage::save_shop_default(&txn, actor.user_id, &org, now).await?;
    }
    txn.commit().await?;
    Ok(found.organisation_id)
}

/// The members of an organisation, owners first (members and admins may see this).
pub async fn list(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    organisation_id: i64,
) -> Result<Vec<MemberView>, ServiceError> {
    let actor = authz::signed_in(actor)?;
    if !actor.is_admin {
        authz::member(db, Some(actor), organisation_id).await?;
    }
    let rows = org_member::Entity::find()
        .filter(org_member::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(org_member::Column::CreatedAt)
        .find_also_related(app_user::Entity)
        .all(db)
        .await?;
    let mut members: Vec<MemberView> = rows
        .into_iter()
        .filter_map(|(row, user)| {
            let user = user?;
            Some(MemberView {
                user_id: row.user_id,
                name: crate::accounts::names::shown(&user),
                email_domain: crate::accounts::email::domain_of(&user.email).to_string(),
                role: row.role,
            })
        })
        .collect();
    members.sort_by_key(|m| m.role);
    Ok(members)
}

/// Removes a member (owners only). The last owner cannot be removed: ownership is handed
/// over first, so an organisation always has someone answerable for it.
pub async fn remove(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    organisation_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::owner(db, actor, organisation_id).await?;
    let txn = crate::db::begin_write(db).await?;
    let target = org_member::Entity::find_by_id((organisation_id, user_id))
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::invalid("user_id", "this person is not a member"))?;
    if target.role == MemberRole::Owner {
        return Err(ServiceError::invalid(
            "user_id",
            "an owner cannot be removed: hand ownership over first",
        ));
    }
    org_member::Entity::delete_by_id((organisation_id, user_id)).exec(&txn).await?;
    // Their rights changed: sessions carrying the old rights end.
    end_all(&txn, user_id).await?;
    let detail = format!("organisation {organisation_id}: removed user {user_id}");
    audit::record(&txn, Event::MemberRemoved, Some(actor.user_id), &detail, "", now).await?;
    txn.commit().await?;
    Ok(())
}

/// Hands ownership to another member (owners only); the previous owner stays a member.
/// The new owner's sessions end, so their next session carries the new rights.
pub async fn transfer_ownership(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    organisation_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::owner(db, actor, organisation_id).await?;
    if user_id == actor.user_id {
        return Err(ServiceError::invalid("user_id", "choose another member"));
    }
    let txn = crate::db::begin_write(db).await?;
    let target = org_member::Entity::find_by_id((organisation_id, user_id))
        .one(&txn)
        .await?
        .ok_or_else(|| ServiceError::invalid("user_id", "this person is not a member"))?;
    let mut promoted = target.into_active_model();
    promoted.role = Set(MemberRole::Owner);
    promoted.update(&txn).await?;
    let me = org_member::Entity::find_by_id((organisation_id, actor.user_id))
        .one(&txn)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    let mut demoted = me.into_active_model();
    demoted.role = Set(MemberRole::Member);
    demoted.update(&txn).await?;
    end_all(&txn, user_id).await?;
    let detail =
        format!("organisation {organisation_id}: ownership from user {} to user {user_id}", actor.user_id);
    audit::record(&txn, Event::RoleChanged, Some(actor.user_id), &detail, "", now).await?;
    txn.commit().await?;
    Ok(())
}

/// The organisations a person belongs to, with their role.
pub async fn mine(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<(organisation::Model, MemberRole)>, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let rows = org_member::Entity::find()
        .filter(org_member::Column::UserId.eq(actor.user_id))
        .order_by_asc(org_member::Column::CreatedAt)
        .find_also_related(organisation::Entity)
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|(row, org)| Some((org?, row.role))).collect())
}

async fn member_by_email(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    email: &Email,
) -> Result<Option<org_member::Model>, sea_orm::DbErr> {
    let Some(user) =
        app_user::Entity::find().filter(app_user::Column::Email.eq(email.as_str())).one(db).await?
    else {
        return Ok(None);
    };
    org_member::Entity::find_by_id((organisation_id, user.id)).one(db).await
}
