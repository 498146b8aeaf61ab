//! An opening (internship, apprenticeship or entry-level job) posted by a shop.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "opening")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The shop that posted it.
    pub organisation_id: i64,
    pub kind: domain::openings::OpeningKind,
    pub title: String,
    /// Markdown as typed (rendered and sanitised on output).
    pub description: String,
    pub pay_min_cents: i64,
    pub pay_max_cents: i64,
    /// `hourly` or `annual`.
    pub pay_period: String,
    /// A `Schedule` slug.
    pub schedule: String,
    pub zip: String,
    pub city: String,
    pub state: String,
    /// The ZIP's centroid.
    pub latitude: f64,
    pub longitude: f64,
    pub starts_on: Option<ChronoDate>,
    pub status: domain::openings::OpeningStatus,
    pub created_by: Option<i64>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    /// Set by moderation: hidden from everyone but the shop's members.
    pub hidden_at: Option<ChronoDateTimeUtc>,
}

crate::belongs_to! { Organisation: OrganisationId -> organisation related }

impl ActiveModelBehavior for ActiveModel {}
