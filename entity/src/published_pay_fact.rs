//! One pay row of a published quarter, as frozen when the quarter was published. No shop id:
//! `contributor` only tells the rows of one shop apart within its quarter.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "published_pay_fact")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub quarter: String,
    pub contributor: i32,
    pub state: String,
    pub area: String,
    pub shop_group: String,
    pub role: domain::insights::Role,
    /// An `ExperienceBand` slug.
    pub experience: String,
    /// A `Certification` slug.
    pub certification: String,
    pub technicians: i32,
    pub annual_cents: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
