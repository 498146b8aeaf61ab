//! The last successful import of each dataset, so an unchanged file is not loaded twice.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "import_run")]
pub struct Model {
    /// institutions, completions, zip_centroids or oews_wages.
    #[sea_orm(primary_key, auto_increment = false)]
    pub dataset: String,
    /// File names that were read, joined by ", ".
    pub source_files: String,
    /// SHA-256 over the files' bytes, hex.
    pub content_sha256: String,
    pub rows: i64,
    pub finished_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
