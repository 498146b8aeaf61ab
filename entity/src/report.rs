//! A report by a signed-in person about a need, opening, message or organisation.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "report")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// A `ReportTarget` slug.
    pub target_kind: String,
    pub target_id: i64,
    /// A `ReportReason` slug.
    pub reason: String,
    /// Plain text as typed (at most 1,000 characters).
    pub note: String,
    pub reporter_id: Option<i64>,
    pub created_at: ChronoDateTimeUtc,
    pub status: domain::moderation::ReportStatus,
    /// "reporter/target/id" while open (unique), `None` once resolved.
    pub open_key: Option<String>,
    pub resolved_by: Option<i64>,
    pub resolved_at: Option<ChronoDateTimeUtc>,
    /// A `ReportAction` slug, once resolved.
    pub action: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
