//! An IPEDS institution (HD directory file row).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "institution")]
pub struct Model {
    /// IPEDS UNITID.
    #[sea_orm(primary_key, auto_increment = false)]
    pub unitid: i32,
    pub name: String,
    pub address: String,
    pub city: String,
    /// Two-letter USPS code (STABBR), including territories.
    pub state: String,
    pub zip: String,
    pub website: String,
    /// IPEDS SECTOR code (1 = public 4-year, 4 = public 2-year, 7 = public <2-year, …).
    pub sector: i16,
    pub latitude: f64,
    pub longitude: f64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::program_completion::Entity")]
    ProgramCompletion,
}

impl Related<super::program_completion::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProgramCompletion.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
