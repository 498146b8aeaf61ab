//! An event or webinar published by an admin.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: domain::events::EventKind,
    pub title: String,
    /// Markdown as typed (rendered and sanitised on output).
    pub description: String,
    pub starts_at: ChronoDateTimeUtc,
    pub ends_at: ChronoDateTimeUtc,
    /// The IANA zone the event is shown in.
    pub time_zone: String,
    pub online_url: Option<String>,
    pub address: Option<String>,
    /// `None`: no limit.
    pub capacity: Option<i32>,
    /// People registered (not waiting); kept in step with the registrations.
    pub registered_count: i32,
    /// The last waiting-list number handed out.
    pub waitlist_seq: i32,
    pub recording_url: Option<String>,
    pub cancelled_at: Option<ChronoDateTimeUtc>,
    pub created_by: Option<i64>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
