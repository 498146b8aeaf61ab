//! A quarter whose figures are published: when it was frozen, and the secret that fixes the
//! blur of each of its figures (never shown, never logged).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "published_quarter")]
pub struct Model {
    /// e.g. `2026-Q2`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub quarter: String,
    pub published_at: ChronoDateTimeUtc,
    pub secret: String,
    /// Whether its figures' place tree has Census divisions: false for the quarters published
    /// before divisions existed, which keep the lattice they were published with.
    pub divisions: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
