//! A person's authenticator (TOTP); it counts once `confirmed_at` is set.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "second_factor")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    /// The shared secret, base32 as authenticator apps take it.
    pub secret: String,
    pub created_at: ChronoDateTimeUtc,
    pub confirmed_at: Option<ChronoDateTimeUtc>,
    /// The 30-second step of the last code accepted: no code is accepted twice.
    pub last_step: i64,
    /// New recovery codes, until the page that shows them once has been read.
    pub reveal: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
