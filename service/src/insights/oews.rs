//! The BLS OEWS figures beside a role's: the imported May 2025 row for the role's occupation
//! in a state (cross-industry), else the national row — returned as stored, unchanged.
use domain::{insights::Role, insights_view::OewsFigure, states::state_name};
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

/// The area title BLS gives a state or territory: its name, except that BLS writes the
/// U.S. Virgin Islands as plain "Virgin Islands".
fn bls_area_title(code: &str) -> Option<&'static str> {
    match code {
        "VI" => Some("Virgin Islands"),
        other => state_name(other),
    }
}

/// The OEWS row for a role in a state (USPS code), falling back to the national row.
pub async fn lookup(
    db: &impl ConnectionTrait,
    role: Role,
    state: Option<&str>,
) -> Result<Option<OewsFigure>, DbErr> {
    let Some(soc) = role.soc() else { return Ok(None) };
    Ok(lookup_soc(db, soc, state).await?.map(|(figure, _)| figure))
}

/// The OEWS row for an occupation (SOC code) in a state (USPS code), else the national
/// row; the flag says the national row stands in for a state that was asked for (BLS
/// publishes no state row where its estimate would be unreliable or confidential).
pub async fn lookup_soc(
    db: &impl ConnectionTrait,
    soc: &str,
    state: Option<&str>,
) -> Result<Option<(OewsFigure, bool)>, DbErr> {
    let base = || {
        oews_wage::Entity::find()
            .filter(oews_wage::Column::OccCode.eq(soc))
            .filter(oews_wage::Column::Naics.eq(CROSS_INDUSTRY))
    };
    let asked = state.filter(|s| !s.is_empty());
    if let Some(name) = asked.and_then(bls_area_title) {
        let row = base()
            .filter(oews_wage::Column::AreaType.eq("state"))
            .filter(oews_wage::Column::AreaTitle.eq(name))
            .one(db)
            .await?;
        if let Some(row) = row {
            return Ok(Some((figure(row), false)));
        }
    }
    let national = base().filter(oews_wage::Column::AreaCode.eq(NATIONAL)).one(db).await?;
    Ok(national.map(|row| (figure(row), asked.is_some())))
}
