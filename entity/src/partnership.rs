//! A partnership between one shop and one school program.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "partnership")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub shop_id: i64,
    pub program_id: i64,
    /// Comma-separated `NeedKind` slugs.
    pub kinds: String,
    /// `proposed`, `active`, `completed`, `ended` or `declined`.
    pub status: domain::partnerships::PartnershipStatus,
    pub created_by: Option<i64>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
/// A partnership joins two organisations, so neither is *the* related one: joins name
/// the side they mean.
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::ShopId",
        to = "super::organisation::Column::Id"
    )]
    Shop,
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::ProgramId",
        to = "super::organisation::Column::Id"
    )]
    Program,
}

impl ActiveModelBehavior for ActiveModel {}
