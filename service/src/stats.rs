//! Live totals over the imported programs.
use domain::{
    ProgramKind,
    totals::{KindTotal, ProgramTotals},
};
use sea_orm::{ConnectionTrait, DbErr, Statement};

/// Counts programs, their states and completions, overall and by kind.
#[tracing::instrument(skip(db))]
pub async fn program_totals(db: &impl ConnectionTrait) -> Result<ProgramTotals, DbErr> {
    let backend = db.get_database_backend();
    let overall = db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT COUNT(DISTINCT pc.unitid) AS programs, COUNT(DISTINCT i.state) AS states, \
             COALESCE(SUM(pc.completions), 0) AS completions \
             FROM program_completion pc JOIN institution i ON i.unitid = pc.unitid",
        ))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("totals".into()))?;
    let kinds = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT kind, COUNT(DISTINCT unitid) AS programs, SUM(completions) AS completions \
             FROM program_completion GROUP BY kind",
        ))
        .await?;
    let mut by_kind: Vec<KindTotal> =
        ProgramKind::ALL.into_iter().map(|kind| KindTotal { kind, programs: 0, completions: 0 }).collect();
    for row in kinds {
        let slug: String = row.try_get("", "kind")?;
        let Some(entry) = by_kind.iter_mut().find(|k| k.kind.slug() == slug) else {
            continue;
        };
        entry.programs = count(row.try_get("", "programs")?);
        entry.completions = count(row.try_get("", "completions")?);
    }
    Ok(ProgramTotals {
        programs: count(overall.try_get("", "programs")?),
        states: count(overall.try_get("", "states")?),
        completions: count(overall.try_get("", "completions")?),
        by_kind,
    })
}

fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}
