//! A student's interest in an opening, with only what they chose to share (NULL: not shared).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "opening_interest")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub opening_id: i64,
    pub student_id: i64,
    pub shared_name: Option<String>,
    /// A verified school program organisation.
    pub shared_program_id: Option<i64>,
    /// `yyyy-mm`.
    pub shared_completion: Option<String>,
    /// Comma-separated `SkillArea` slugs.
    pub shared_certifications: Option<String>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    pub withdrawn_at: Option<ChronoDateTimeUtc>,
    pub status: domain::openings::ApplicationStatus,
    pub status_changed_at: Option<ChronoDateTimeUtc>,
}

crate::belongs_to! { Opening: OpeningId -> opening related }

impl ActiveModelBehavior for ActiveModel {}
