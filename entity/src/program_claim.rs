//! Someone's claim to speak for an IPEDS school program. It waits on its own: an admin
//! decides (`pending`), or, once the school is verified, its owners do (`waiting`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "program_claim")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub unitid: i32,
    pub user_id: i64,
    /// `exact`, `subdomain`, `shared` or `none`: the claimant's address against the school's
    /// IPEDS web host when the claim was made.
    pub host_match: String,
    pub status: domain::orgs::ClaimStatus,
    /// The school's organisation once there is one.
    pub organisation_id: Option<i64>,
    /// Why it was refused (told to the claimant).
    pub reason: String,
    pub created_at: ChronoDateTimeUtc,
    pub decided_by: Option<i64>,
    pub decided_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
