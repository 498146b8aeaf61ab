//! A day's hours a student logged on a placement. Never changed once the mentor confirmed
//! or queried it: a correction is a new row naming the row it corrects.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "placement_hours")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub placement_id: i64,
    pub worked_on: ChronoDate,
    pub minutes: i32,
    /// What the student did, as typed.
    pub tasks: String,
    pub status: domain::placement_records::HoursStatus,
    /// The mentor's question when they queried it.
    pub query_reason: Option<String>,
    /// The row this one corrects (unique: one correction a row).
    pub corrects_id: Option<i64>,
    /// The student; NULL once their account is deleted.
    pub logged_by: Option<i64>,
    pub logged_at: ChronoDateTimeUtc,
    pub reviewed_by: Option<i64>,
    pub reviewed_at: Option<ChronoDateTimeUtc>,
}

crate::belongs_to! { Placement: PlacementId -> placement related }

impl ActiveModelBehavior for ActiveModel {}
