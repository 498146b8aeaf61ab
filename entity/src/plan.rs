//! A membership plan admins configure: who it is for, its annual price and what it unlocks.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "plan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub audience: domain::billing::Audience,
    /// The price of 12 months, in US cents.
    pub price_cents: i64,
    /// Comma-separated `domain::billing::Unlock` slugs.
    pub unlocks: String,
    pub description: String,
    /// Retired plans are not offered any more; terms already bought keep them.
    pub active: bool,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
