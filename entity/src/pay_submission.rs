//! A shop's Industry Data Exchange submission for one quarter, with its benefits and customer
//! labor rates; its pay rows are in `pay_row`. Never returned to anyone but its own shop.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "pay_submission")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub shop_id: i64,
    /// The quarter it was made in, e.g. `2026-Q1`.
    pub quarter: String,
    /// The shop's state, three-digit ZIP area and shop-type group when it submitted.
    pub state: String,
    pub area: String,
    pub shop_group: String,
    /// Held: an outlier waiting for review.
    pub status: domain::insights::ReviewStatus,
    /// Why it was held, one reason a line.
    pub hold_reasons: String,
    /// Technicians covered by all its pay rows.
    pub technicians: i32,
    pub health_insurance: bool,
    pub retirement_match_pct: i32,
    pub tool_allowance_cents: i64,
    pub paid_training: bool,
    pub ase_reimbursement: bool,
    pub uniforms: bool,
    pub pto_days: i32,
    pub sign_on_bonus_cents: i64,
    /// Customer labor rates per hour, when the shop does that work.
    pub labor_mechanical_cents: Option<i64>,
    pub labor_diesel_cents: Option<i64>,
    pub labor_body_cents: Option<i64>,
    pub labor_paint_cents: Option<i64>,
    pub submitted_by: Option<i64>,
    pub submitted_at: ChronoDateTimeUtc,
    /// When a newer submission for the same quarter replaced it.
    pub superseded_at: Option<ChronoDateTimeUtc>,
    pub reviewed_by: Option<i64>,
    pub reviewed_at: Option<ChronoDateTimeUtc>,
    /// The quarter a submission accepted after its own quarter was published counts toward
    /// (the next one not yet published); `None`: its own quarter.
    pub counts_in: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
