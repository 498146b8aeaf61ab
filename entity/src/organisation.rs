//! A shop or a school program on Bayline. Pending until verified; students see only what
//! verified organisations post.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "organisation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: domain::orgs::OrgKind,
    pub name: String,
    /// Shops only: independent repair, dealership, fleet, …
    pub shop_type: Option<String>,
    /// Shops only: number of technicians, as a band.
    pub size_band: Option<String>,
    pub street: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub latitude: f64,
    pub longitude: f64,
    pub website: String,
    /// The IPEDS institution of a claimed program.
    pub unitid: Option<i32>,
    /// Comma-separated program kind slugs (schools).
    pub program_kinds: String,
    /// ASE Education Foundation accreditation, if any (high-school programs).
    pub accreditation: Option<String>,
    pub status: domain::orgs::OrgStatus,
    /// Why an admin rejected it.
    pub status_reason: String,
    pub created_by: Option<i64>,
    pub created_at: ChronoDateTimeUtc,
    pub verified_at: Option<ChronoDateTimeUtc>,
    /// The imported school listing this program claims (a high-school program added from
    /// "not yet on Bayline"); its verification marks the listing claimed.
    pub listing_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
