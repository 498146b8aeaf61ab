//! A partner's discount code: a percentage or an amount off the plans it names, between two
//! dates, for at most `max_uses` checkouts.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "discount_code")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Upper case; what shops type at checkout.
    pub code: String,
    pub partner: String,
    pub kind: domain::billing::DiscountKind,
    /// A whole percentage (1–100) or an amount in cents, by `kind`.
    pub value: i64,
    pub valid_from: Date,
    /// The last day the code is accepted (inclusive).
    pub valid_to: Date,
    pub max_uses: i32,
    pub uses: i32,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
