//! A weekly placements summary e-mailed to a coordinator: its key is the once-only rule,
//! so of servers racing to send the same week, one inserts and the others find it taken.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "placement_summary_sent")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub coordinator_id: i64,
    /// The Monday of the week summarised.
    #[sea_orm(primary_key, auto_increment = false)]
    pub week_of: ChronoDate,
    pub sent_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
