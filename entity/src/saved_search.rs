//! A search a person saved on a list page, with how often its new matches are e-mailed.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "saved_search")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    /// Set on the default search saved for a member of this verified shop.
    pub organisation_id: Option<i64>,
    pub name: String,
    pub page: domain::alerts::AlertPage,
    pub zip: Option<String>,
    pub radius_mi: Option<i32>,
    /// A slug of the page's own kind vocabulary.
    pub kind: Option<String>,
    pub frequency: domain::alerts::AlertFrequency,
    pub paused: bool,
    pub created_at: ChronoDateTimeUtc,
    /// When the digest next looks at it; claimed by moving it forward.
    pub next_run_at: ChronoDateTimeUtc,
    pub last_matched_at: Option<ChronoDateTimeUtc>,
    pub last_sent_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
