//! A work-based-learning placement: a student at a shop, with a mentor of the shop, for a
//! school program, made from an interest the shop marked hired or from an accepted
//! internship/apprenticeship offer on a need (the student then joins by a link).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "placement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The interest it was made from (unique; NULL once the student's account is deleted).
    pub interest_id: Option<i64>,
    /// NULL once the student's account is deleted (the school's record stays, unnamed), and
    /// while a placement made from an offer waits for its student to join.
    pub student_id: Option<i64>,
    pub shop_id: i64,
    pub program_id: i64,
    pub mentor_id: Option<i64>,
    /// A member of the program, chosen by the program's members.
    pub coordinator_id: Option<i64>,
    pub starts_on: ChronoDate,
    pub ends_on: ChronoDate,
    pub weekly_hours: i32,
    pub paid: bool,
    /// Comma-separated `SkillArea` slugs.
    pub task_areas: String,
    pub status: domain::placements::PlacementStatus,
    /// Whether the student said they are under 18 (`None`: not said yet). No date of birth.
    pub minor: Option<bool>,
    pub guardian_email: Option<String>,
    /// The guardian's name, typed as their signature, and when.
    pub consent_name: Option<String>,
    pub consented_at: Option<ChronoDateTimeUtc>,
    pub end_reason: Option<String>,
    pub ended_by: Option<i64>,
    pub ended_at: Option<ChronoDateTimeUtc>,
    pub created_by: Option<i64>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    /// The accepted offer it was made from (several may share one); NULL for one made from
    /// an application, or once the offer is deleted.
    pub offer_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
