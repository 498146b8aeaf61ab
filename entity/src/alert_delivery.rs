//! An item (a need, an opening, a program, an event) an alert told a person about, or that
//! they could already see when they saved a search: never listed to them again.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "alert_delivery")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    /// The `AlertPage` slug of the item's kind.
    #[sea_orm(primary_key, auto_increment = false)]
    pub item_kind: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub item_id: i64,
    pub delivered_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
