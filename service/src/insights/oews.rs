//! The BLS OEWS figures beside a role's: the imported May 2025 row for the role's occupation
//! in a state (cross-industry), else the national row — returned as stored, unchanged.
use domain::{exchange::OewsFigure, insights::Role, states::state_name};
use entity::oews_wage;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// OEWS code for all industries.
const CROSS_INDUSTRY: &str = "000000";
const NATIONAL: &str = "0000000";

pub fn figure(row: oews_wage::Model) -> OewsFigure {
    OewsFigure {
        occ_code: row.occ_code,
        occ_title: row.occ_title,
        area_title: row.area_title,
        hourly: [row.hourly_p10, row.hourly_p25, row.hourly_median, row.hourly_p75, row.hourly_p90],
        annual: [row.annual_p10, row.annual_p25, row.annual_median, row.annual_p75, row.annual_p90],
        footnotes: row.footnotes,
        release: row.release,
    }
}

/// The OEWS row for a role in a state (USPS code), falling back to the national row.
pub async fn lookup(
    db: &impl ConnectionTrait,
    role: Role,
    state: Option<&str>,
) -> Result<Option<OewsFigure>, DbErr> {
    let Some(soc) = role.soc() else { return Ok(None) };
    let base = || {
        oews_wage::Entity::find()
            .filter(oews_wage::Column::OccCode.eq(soc))
            .filter(oews_wage::Column::Naics.eq(CROSS_INDUSTRY))
    };
    if let Some(name) = state.and_then(state_name) {
        let row = base()
            .filter(oews_wage::Column::AreaType.eq("state"))
            .filter(oews_wage::Column::AreaTitle.eq(name))
            .one(db)
            .await?;
        if let Some(row) = row {
            return Ok(Some(figure(row)));
        }
    }
    Ok(base().filter(oews_wage::Column::AreaCode.eq(NATIONAL)).one(db).await?.map(figure))
}
