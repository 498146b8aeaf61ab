//! An email to send: kept until delivered, retried while the mail server is down.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "email_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body_text: String,
    pub created_at: ChronoDateTimeUtc,
    pub attempts: i32,
    pub next_attempt_at: ChronoDateTimeUtc,
    pub sent_at: Option<ChronoDateTimeUtc>,
    pub last_error: Option<String>,
    /// The one-click unsubscribe address of an alert mail (`List-Unsubscribe`, RFC 8058).
    pub list_unsubscribe: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
