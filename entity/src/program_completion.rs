//! Completions (IPEDS C_A, first majors) of one institution, program kind and award level.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "program_completion")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub unitid: i32,
    /// CIP 2020 code, e.g. "47.0604".
    #[sea_orm(primary_key, auto_increment = false)]
    pub cip_code: String,
    /// IPEDS AWLEVEL code (20, 21, 2, 3, 4, 5, …).
    #[sea_orm(primary_key, auto_increment = false)]
    pub award_level: i16,
    /// Derived from the CIP code.
    pub kind: domain::ProgramKind,
    /// CTOTALT: awards in the academic year.
    pub completions: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::institution::Entity",
        from = "Column::Unitid",
        to = "super::institution::Column::Unitid"
    )]
    Institution,
}

impl Related<super::institution::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Institution.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
