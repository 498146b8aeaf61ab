//! Live totals over the imported programs.
use domain::{
    ProgramKind,
    totals::{KindTotal, ProgramTotals},
};
use sea_orm::{ConnectionTrait, DbErr, Statement};

/// Counts schools, programs, their places and completions, overall and by kind.
#[tracing::instrument(skip(db))]
pub async fn program_totals(db: &impl ConnectionTrait) -> Result<ProgramTotals, DbErr> {
    let backend = db.get_database_backend();
    let overall = db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT COUNT(DISTINCT pc.unitid) AS schools, \
             COALESCE(SUM(pc.completions), 0) AS completions \
             FROM program_completion pc",
        ))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("totals".into()))?;
    let places = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT DISTINCT i.state FROM institution i \
             WHERE i.unitid IN (SELECT unitid FROM program_completion) ORDER BY i.state",
        ))
        .await?
        .into_iter()
        .map(|row| row.try_get::<String>("", "state"))
        .collect::<Result<Vec<_>, _>>()?;
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
        schools: count(overall.try_get("", "schools")?),
        // Each (institution, CIP) is one program; the kinds' institution counts add up to it.
        programs: by_kind.iter().map(|k| k.programs).sum(),
        places_summary: domain::states::describe_places(places.iter().map(String::as_str)),
        places,
        completions: count(overall.try_get("", "completions")?),
        by_kind,
    })
}

fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}
