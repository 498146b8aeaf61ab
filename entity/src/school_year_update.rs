//! A verified school program's yearly update: one per school year (July to June).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "school_year_update")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub organisation_id: i64,
    /// The calendar year the school year starts in (`domain::school_year::SchoolYear`).
    pub school_year: i32,
    /// Students enrolled, by kind; `None` for a kind the school did not report.
    pub enrolled_auto: Option<i32>,
    pub enrolled_diesel: Option<i32>,
    pub enrolled_collision: Option<i32>,
    pub enrolled_heavy_truck: Option<i32>,
    pub completions: i32,
    /// Plain text as typed.
    pub changes: String,
    pub asks: String,
    pub updated_by: Option<i64>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
