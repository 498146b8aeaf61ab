//! Which plans a discount code applies to.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "discount_code_plan")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub plan_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
