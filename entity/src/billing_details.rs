//! The operator's billing details (one row, id 1): who an invoice is paid to, and how.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "billing_details")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub legal_name: String,
    #[sea_orm(column_type = "Text")]
    pub postal_address: String,
    pub contact_email: String,
    #[sea_orm(column_type = "Text")]
    pub payment_instructions: String,
    /// Empty when the operator has none to show.
    pub tax_id: String,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
