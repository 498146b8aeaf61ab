//! Who is asking, and the checks every service call makes before it reads or changes
//! anything that is not public. The web layer only identifies the person (from the session
//! cookie); what they may do is decided here, so a page that forgets a check cannot leak.
use domain::orgs::MemberRole;
use entity::{app_user, org_member};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

use crate::error::ServiceError;

/// A signed-in person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i64,
    pub is_admin: bool,
}

/// The actor behind a user id from a live session (`None` if the account is gone).
/// An admin's rights count only once their second factor is on: until then they act as
/// anyone signed in, and their account page leads them to set it up.
pub async fn actor(db: &impl ConnectionTrait, user_id: i64) -> Result<Option<Actor>, DbErr> {
    let Some(user) = app_user::Entity::find_by_id(user_id).one(db).await? else { return Ok(None) };
    let is_admin = user.is_admin && crate::accounts::second_factor::is_on(db, user.id).await?;
    Ok(Some(Actor { user_id: user.id, is_admin }))
}

/// Anyone signed in.
pub fn signed_in(actor: Option<Actor>) -> Result<Actor, ServiceError> {
    actor.ok_or(ServiceError::SignInRequired)
}

/// Admins only.
pub fn admin(actor: Option<Actor>) -> Result<Actor, ServiceError> {
    let actor = signed_in(actor)?;
    if actor.is_admin { Ok(actor) } else { Err(ServiceError::Forbidden) }
}

/// The actor's role in an organisation, if any.
pub async fn role_in(
    db: &impl ConnectionTrait,
    actor: Actor,
    organisation_id: i64,
) -> Result<Option<MemberRole>, DbErr> {
    Ok(org_member::Entity::find_by_id((organisation_id, actor.user_id)).one(db).await?.map(|m| m.role))
}

/// The organisations the actor belongs to (any role).
pub async fn organisations(db: &impl ConnectionTrait, actor: Actor) -> Result<Vec<i64>, DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
    org_member::Entity::find()
        .select_only()
        .column(org_member::Column::OrganisationId)
        .filter(org_member::Column::UserId.eq(actor.user_id))
        .into_tuple()
        .all(db)
        .await
}

/// Members of the organisation (any role). Admins are not members: they act through the
/// admin area, which records what they do.
pub async fn member(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    organisation_id: i64,
) -> Result<(Actor, MemberRole), ServiceError> {
    let actor = signed_in(actor)?;
    match role_in(db, actor, organisation_id).await? {
        Some(role) => Ok((actor, role)),
        None => Err(ServiceError::Forbidden),
    }
}

/// Owners of the organisation.
pub async fn owner(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    organisation_id: i64,
) -> Result<Actor, ServiceError> {
    match member(db, actor, organisation_id).await? {
        (actor, MemberRole::Owner) => Ok(actor),
        _ => Err(ServiceError::Forbidden),
    }
}
