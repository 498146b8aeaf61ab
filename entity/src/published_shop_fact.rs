//! One shop's benefits and labor rates in a published quarter, as frozen when the quarter was
//! published. `contributor` matches the shop's `published_pay_fact` rows of that quarter.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "published_shop_fact")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub quarter: String,
    pub contributor: i32,
    pub state: String,
    pub area: String,
    pub shop_group: String,
    pub technicians: i32,
    /// One bit per benefit offered, in `Benefit::ALL` order.
    pub benefits: i32,
    pub labor_mechanical_cents: Option<i64>,
    pub labor_diesel_cents: Option<i64>,
    pub labor_body_cents: Option<i64>,
    pub labor_paint_cents: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
