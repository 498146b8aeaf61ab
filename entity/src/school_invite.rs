//! A verified shop's invitation of an imported school to Bayline (one per shop, listing and
//! channel).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "school_invite")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub listing_id: i64,
    pub shop_id: i64,
    /// The member who sent it (none once their account is deleted).
    pub user_id: Option<i64>,
    pub channel: domain::school_invites::InviteChannel,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
