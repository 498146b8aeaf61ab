//! The location of a ZIP code: GeoNames first, Census ZCTA for ZIPs GeoNames lacks.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "zip_centroid")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub zip: String,
    pub latitude: f64,
    pub longitude: f64,
    pub city: String,
    pub state: String,
    /// "geonames" (CC BY 4.0) or "zcta" (Census, public domain).
    pub source: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
