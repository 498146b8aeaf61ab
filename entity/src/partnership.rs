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
    pub status: domain::partnerships::PartnershipStatus,
    pub created_by: Option<i64>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

// A partnership joins two organisations, so neither is *the* related one: joins name
// the side they mean.
crate::belongs_to! { Shop: ShopId -> organisation, Program: ProgramId -> organisation }

impl ActiveModelBehavior for ActiveModel {}
