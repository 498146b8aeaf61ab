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
    /// An IANA zone the person chose for the times pages show; empty until they choose.
    pub time_zone: String,
    /// The IANA zone the person's browser reported when they last signed in (empty: none).
    pub browser_time_zone: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
