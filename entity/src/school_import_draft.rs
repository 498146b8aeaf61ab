//! A school list an admin uploaded, kept between its preview and its confirmation.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "school_import_draft")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub file_name: String,
    /// The list's name as the admin gave it, shown on every school from it.
    pub source: String,
    #[sea_orm(column_type = "Text")]
    pub contents: String,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
