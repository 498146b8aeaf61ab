//! What a shop pays one role: one row of a `pay_submission`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "pay_row")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub submission_id: i64,
    pub role: domain::insights::Role,
    /// `hourly`, `flat_rate` or `salary`.
    pub pay_type: String,
    /// Per hour (hourly), per flagged hour (flat rate) or per year (salary).
    pub rate_cents: i64,
    /// Flagged hours per week (flat rate only).
    pub flat_hours: Option<i32>,
    pub technicians: i32,
    /// An `ExperienceBand` slug.
    pub experience: String,
    /// A `Certification` slug.
    pub certification: String,
    /// Annualised pay, derived at submission.
    pub annual_cents: i64,
}

crate::belongs_to! { PaySubmission: SubmissionId -> pay_submission related }

impl ActiveModelBehavior for ActiveModel {}
