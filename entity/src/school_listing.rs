//! A school from an operator's imported list that nobody on Bayline speaks for yet.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "school_listing")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// The name in lower case with spaces collapsed: with the ZIP code, how a re-import
    /// finds the row again when it has no NCES id.
    pub name_key: String,
    pub street: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    /// Comma-separated `ProgramKind` slugs.
    pub kinds: String,
    pub level: domain::schools::SchoolLevel,
    /// Empty when the list gave none.
    pub web_host: String,
    pub nces_id: Option<String>,
    pub aef_accredited_until: Option<ChronoDate>,
    pub latitude: f64,
    pub longitude: f64,
    /// The point is the ZIP code's centroid (the list gave no coordinates).
    pub located_by_zip: bool,
    pub contact_email: Option<String>,
    /// The list it came from, as the importer named it, and its line there.
    pub source: String,
    pub source_line: i32,
    pub imported_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    /// The organisation whose verified claim took the listing over.
    pub claimed_org_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
