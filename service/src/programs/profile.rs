//! A program's profile: where it is, what it teaches, and how many finished in 2023-24.
use domain::{
    AwardLevel, Sector,
    programs::{AwardCompletions, KindCompletions, ProgramProfile},
};
use entity::{institution, program_completion};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// The profile of an institution teaching at least one of the four kinds, else `None`.
#[tracing::instrument(skip(db))]
pub async fn profile(db: &impl ConnectionTrait, unitid: i32) -> Result<Option<ProgramProfile>, DbErr> {
    let Some(inst) = institution::Entity::find_by_id(unitid).one(db).await? else { return Ok(None) };
    let rows = program_completion::Entity::find()
        .filter(program_completion::Column::Unitid.eq(unitid))
        .order_by_asc(program_completion::Column::CipCode)
        .order_by_asc(program_completion::Column::AwardLevel)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(None);
    }
    let mut kinds: Vec<KindCompletions> = Vec::new();
    for row in rows {
        let kind = row.kind;
        let completions = u64::try_from(row.completions).unwrap_or(0);
        let entry = match kinds.iter_mut().position(|k| k.kind == kind) {
            Some(at) => &mut kinds[at],
            None => {
                kinds.push(KindCompletions {
                    kind,
                    cip_code: row.cip_code.clone(),
                    completions: 0,
                    by_award: Vec::new(),
                });
                kinds.last_mut().expect("just pushed")
            }
        };
        entry.completions += completions;
        entry.by_award.push(AwardCompletions {
            ipeds_award_level: row.award_level,
            award: AwardLevel::from_ipeds(row.award_level),
            completions,
        });
    }
    kinds.sort_by_key(|k| k.kind);
    for kind in &mut kinds {
        // IPEDS's order of length (its codes are not in that order: 20 and 21 are shortest),
        // then any level outside Bayline's list.
        kind.by_award.sort_by_key(|a| (a.award.is_none(), a.award, a.ipeds_award_level));
    }
    Ok(Some(ProgramProfile {
        unitid,
        completions: kinds.iter().map(|k| k.completions).sum(),
        name: inst.name,
        address: inst.address,
        city: inst.city,
        state: inst.state,
        zip: inst.zip,
        website: inst.website,
        sector: Sector::from_ipeds(inst.sector),
        lat: inst.latitude,
        lon: inst.longitude,
        kinds,
    }))
}
