//! A message in an application's conversation, between the shop's members and the student
//! (plain text).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "application_message")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The `opening_interest` this conversation belongs to.
    pub interest_id: i64,
    pub author_id: Option<i64>,
    /// Written by a member of the shop (else by the student).
    pub from_shop: bool,
    pub body: String,
    pub created_at: ChronoDateTimeUtc,
    /// When a moderator hid it: the conversation shows a placeholder instead of its text.
    pub hidden_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
