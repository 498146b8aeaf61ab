//! A shop's offer answering a school program's need.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "offer")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub need_id: i64,
    pub shop_id: i64,
    /// Plain text as typed.
    pub message: String,
    pub status: domain::partnerships::OfferStatus,
    pub decline_reason: String,
    /// The partnership its acceptance made or extended.
    pub partnership_id: Option<i64>,
    pub created_by: Option<i64>,
    pub decided_by: Option<i64>,
    pub created_at: ChronoDateTimeUtc,
    pub decided_at: Option<ChronoDateTimeUtc>,
}

crate::belongs_to! { Need: NeedId -> need related, Shop: ShopId -> organisation related }

impl ActiveModelBehavior for ActiveModel {}
