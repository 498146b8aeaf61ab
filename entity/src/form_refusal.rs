//! A refused form waiting to be shown on its page: the messages and what was typed (JSON),
//! named by the SHA-256 of the token in the browser's cookie.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "form_refusal")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id_hash: String,
    /// The path of the form page it belongs to; shown on no other page.
    pub page: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub expires_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
