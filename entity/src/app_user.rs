//! A person with an account.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "app_user")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Lower-cased; unique.
    pub email: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    pub email_verified_at: Option<ChronoDateTimeUtc>,
    pub is_admin: bool,
    pub created_at: ChronoDateTimeUtc,
    /// What other people see instead of the e-mail address; empty until the person sets it.
    pub display_name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
