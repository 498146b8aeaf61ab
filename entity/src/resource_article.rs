//! An article of the resources library, written by an admin.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "resource_article")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The article's address under `/resources/`; unique.
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Markdown as typed (rendered and sanitised on output).
    pub body: String,
    /// A `ResourceCategory` slug.
    pub category: String,
    pub visibility: domain::resources::Visibility,
    /// Title, summary and body lower-cased by the application, for search.
    pub search_text: String,
    /// `None` while unpublished.
    pub published_at: Option<ChronoDateTimeUtc>,
    pub created_by: Option<i64>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
