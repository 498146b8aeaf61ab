//! People by name: the display name each person sets (at sign-up, or on /account), which
//! threads, member lists, claims and admin lists show instead of the e-mail address.
use std::collections::HashMap;

use entity::app_user;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
};

use crate::{
    authz::{self, Actor},
    error::ServiceError,
    orgs::fields::line,
};

/// The longest name accepted.
pub const MAX_NAME: usize = 80;

/// What pages show for a person who has not set a name yet (accounts older than names).
pub const UNNAMED: &str = "A Bayline member";

/// A display name as typed: trimmed, 1 to 80 characters, plain text.
pub fn check(raw: &str) -> Result<String, ServiceError> {
    line("display_name", raw, 1, MAX_NAME)
}

/// A person's name as pages show it.
pub fn shown(user: &app_user::Model) -> String {
    if user.display_name.trim().is_empty() { UNNAMED.to_string() } else { user.display_name.clone() }
}

/// The names of these people, as pages show them (deleted people are missing).
pub async fn of(db: &impl ConnectionTrait, ids: Vec<i64>) -> Result<HashMap<i64, String>, ServiceError> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, shown(&u)))
        .collect())
}

/// Sets the signed-in person's own name.
pub async fn set(db: &DatabaseConnection, actor: Option<Actor>, raw: &str) -> Result<String, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let name = check(raw)?;
    let user = app_user::Entity::find_by_id(actor.user_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let mut row: app_user::ActiveModel = user.into();
    row.display_name = Set(name.clone());
    row.update(db).await?;
    Ok(name)
}
