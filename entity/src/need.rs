//! A need posted by a verified school program for industry partners.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "need")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i64,
    pub kind: domain::needs::NeedKind,
    pub title: String,
    /// Markdown as typed (rendered and sanitised on output).
    pub description: String,
    pub students: i32,
    /// Comma-separated `SkillArea` slugs.
    pub skill_areas: String,
    pub starts_on: ChronoDate,
    pub ends_on: ChronoDate,
    pub paid: bool,
    pub status: domain::needs::NeedStatus,
    pub created_by: Option<i64>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    /// When a moderator hid it from everyone but its program's members and admins.
    pub hidden_at: Option<ChronoDateTimeUtc>,
}

crate::belongs_to! { Organisation: OrganisationId -> organisation related }

impl ActiveModelBehavior for ActiveModel {}
