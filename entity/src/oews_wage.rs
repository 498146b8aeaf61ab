//! One BLS OEWS estimate: an occupation in an area and industry (May 2025).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "oews_wage")]
pub struct Model {
    /// BLS area code: 0000000 national, state FIPS padded, or CBSA code.
    #[sea_orm(primary_key, auto_increment = false)]
    pub area_code: String,
    /// NAICS industry code; 000000 is cross-industry.
    #[sea_orm(primary_key, auto_increment = false)]
    pub naics: String,
    /// SOC code, e.g. 49-3023.
    #[sea_orm(primary_key, auto_increment = false)]
    pub occ_code: String,
    pub area_title: String,
    /// national, state or metro/nonmetro.
    pub area_type: String,
    pub state_fips: String,
    pub naics_title: String,
    pub occ_title: String,
    pub total_employment: Option<i64>,
    pub hourly_mean: Option<f64>,
    pub annual_mean: Option<f64>,
    pub hourly_p10: Option<f64>,
    pub hourly_p25: Option<f64>,
    pub hourly_median: Option<f64>,
    pub hourly_p75: Option<f64>,
    pub hourly_p90: Option<f64>,
    pub annual_p10: Option<f64>,
    pub annual_p25: Option<f64>,
    pub annual_median: Option<f64>,
    pub annual_p75: Option<f64>,
    pub annual_p90: Option<f64>,
    /// BLS footnote codes as published (e.g. "5": wage at or above the top-coding cap).
    pub footnotes: String,
    /// e.g. "May 2025".
    pub release: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
