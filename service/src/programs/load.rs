//! Reading programs and ZIP centroids from the database.
use std::collections::BTreeMap;

use domain::{
    AwardLevel, LatLon, ProgramKind, Sector,
    programs::{Offering, ProgramSummary},
    zip::Unplaceable,
};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Statement};

/// Every institution with completions in one of the four kinds, with its kinds, award
/// levels and completions summed.
#[tracing::instrument(skip(db))]
pub async fn load_programs(db: &impl ConnectionTrait) -> Result<Vec<ProgramSummary>, DbErr> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT i.unitid, i.name, i.city, i.state, i.latitude, i.longitude, i.sector, \
             pc.kind, pc.award_level, pc.completions \
             FROM institution i JOIN program_completion pc ON pc.unitid = i.unitid \
             ORDER BY i.unitid",
        ))
        .await?;
    let mut programs: BTreeMap<i32, ProgramSummary> = BTreeMap::new();
    for row in rows {
        let unitid: i32 = row.try_get("", "unitid")?;
        let kind: String = row.try_get("", "kind")?;
        let award_level: i16 = row.try_get("", "award_level")?;
        let completions: i32 = row.try_get("", "completions")?;
        let entry = match programs.entry(unitid) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => e.insert(ProgramSummary {
                unitid,
                name: row.try_get("", "name")?,
                city: row.try_get("", "city")?,
                state: row.try_get("", "state")?,
                lat: row.try_get("", "latitude")?,
                lon: row.try_get("", "longitude")?,
                sector: Sector::from_ipeds(row.try_get("", "sector")?),
                kinds: Vec::new(),
                award_levels: Vec::new(),
                completions: 0,
                programs: Vec::new(),
            }),
        };
        let completions = u64::try_from(completions).unwrap_or(0);
        let award = AwardLevel::from_ipeds(award_level);
        if let Some(level) = award
            && !entry.award_levels.contains(&level)
        {
            entry.award_levels.push(level);
        }
        if let Some(kind) = ProgramKind::from_slug(&kind) {
            if !entry.kinds.contains(&kind) {
                entry.kinds.push(kind);
            }
            entry.programs.push(Offering { kind, award, ipeds_award_level: award_level, completions });
        }
        entry.completions += completions;
    }
    Ok(programs
        .into_values()
        .map(|mut p| {
            p.kinds.sort();
            p.award_levels.sort();
            p.programs.sort_by_key(|o| (o.kind, o.award, o.ipeds_award_level));
            p
        })
        .collect())
}

/// A ZIP code's centroid and place name.
#[derive(Debug, Clone, PartialEq)]
pub struct ZipPlace {
    pub zip: String,
    pub location: LatLon,
    pub city: String,
    pub state: String,
}

/// Looks a ZIP code up (GeoNames centroid, or Census ZCTA where GeoNames lacks it); a code
/// with no centroid is told apart as military (APO/FPO) or unknown, for the field's message.
pub async fn zip_place(db: &impl ConnectionTrait, zip: &str) -> Result<Result<ZipPlace, Unplaceable>, DbErr> {
    Ok(match entity::zip_centroid::Entity::find_by_id(zip.to_string()).one(db).await? {
        Some(z) => Ok(ZipPlace {
            zip: z.zip,
            location: LatLon { lat: z.latitude, lon: z.longitude },
            city: z.city,
            state: z.state,
        }),
        None => Err(domain::Zip::parse(zip).map(|z| Unplaceable::of(&z)).unwrap_or(Unplaceable::Unknown)),
    })
}
