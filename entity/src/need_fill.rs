//! Which shop filled a school's need, as the school records it; the shop named may dispute.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "need_fill")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub need_id: i64,
    /// The need's program (kept here so a year's fills are read without joining needs).
    pub school_id: i64,
    pub shop_id: i64,
    /// The school year of `filled_on`.
    pub school_year: i32,
    pub filled_on: ChronoDate,
    pub recorded_by: Option<i64>,
    pub recorded_at: ChronoDateTimeUtc,
    /// Set while the shop says it did not fill the need: the record counts for no badge.
    pub dispute_reason: Option<String>,
    pub disputed_by: Option<i64>,
    pub disputed_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
