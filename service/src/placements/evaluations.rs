//! Evaluations: the mentor rates the student on each of the placement's ASE task areas
//! (1–4, with comments) at the midpoint and at the end; the student writes a
//! self-evaluation beside each. Shared with the student, the shop, the program and its
//! coordinator. Never changed once written: a correction is the next revision (a unique
//! index on placement, stage, author and revision keeps two sent at once to one).
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::{
    needs::SkillArea,
    notifications::NoticeTopic,
    placement_records::{
        EvaluationAuthor, EvaluationStage, EvaluationView, EvaluationsView, MAX_COMMENT, Rating, StageView,
    },
    placements::{PlacementSide, PlacementStatus},
};
use entity::{placement, placement_evaluation};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use super::{Party, hours::keeps_hours, hours::reviews, party, task_areas};
use crate::{
    accounts::{
        audit::{self, Event},
        names, zone,
    },
    authz::Actor,
    error::{Checks, ServiceError},
    notifications::{Notice, notify_user},
};

/// An evaluation as typed: a score (`1`–`4`) and a comment for each task area, by slug.
#[derive(Debug, Clone, Default)]
pub struct EvaluationForm {
    pub stage: String,
    /// `(area slug, score, comment)` for every area the form showed.
    pub ratings: Vec<(String, String, String)>,
    pub comment: String,
}

/// The day from which a stage is due: the middle of the placement, or its end.
pub fn due_on(row: &placement::Model, stage: EvaluationStage) -> NaiveDate {
    match stage {
        EvaluationStage::Midpoint => {
            row.starts_on + Duration::days((row.ends_on - row.starts_on).num_days() / 2)
        }
        EvaluationStage::Final => row.ends_on,
    }
}

/// Whether a stage may be written now: the midpoint once the placement started, the final
/// from the midpoint on or once it ended early.
fn open(row: &placement::Model, stage: EvaluationStage, today: NaiveDate) -> bool {
    keeps_hours(row.status)
        && match stage {
            EvaluationStage::Midpoint => today >= row.starts_on,
            EvaluationStage::Final => {
                today >= due_on(row, EvaluationStage::Midpoint) || row.status == PlacementStatus::Ended
            }
        }
}

/// The mentor's evaluations due and not written.
pub fn due(
    row: &placement::Model,
    written: &[placement_evaluation::Model],
    today: NaiveDate,
) -> Vec<EvaluationStage> {
    EvaluationStage::ALL
        .iter()
        .copied()
        .filter(|stage| {
            let reached = today >= due_on(row, *stage)
                || (*stage == EvaluationStage::Final && row.status == PlacementStatus::Ended);
            let done = written.iter().any(|e| e.stage == *stage && e.author == EvaluationAuthor::Mentor);
            keeps_hours(row.status) && reached && !done
        })
        .collect()
}

/// Who the party writes as: the student their self-evaluation, the mentor theirs.
fn author(party: &Party) -> Option<EvaluationAuthor> {
    match party.side {
        PlacementSide::Student => Some(EvaluationAuthor::Student),
        PlacementSide::Shop if reviews(party) => Some(EvaluationAuthor::Mentor),
        _ => None,
    }
}

/// Every evaluation of the placements given, oldest first.
pub async fn of(
    db: &impl ConnectionTrait,
    placements: Vec<i64>,
) -> Result<Vec<placement_evaluation::Model>, sea_orm::DbErr> {
    placement_evaluation::Entity::find()
        .filter(placement_evaluation::Column::PlacementId.is_in(placements))
        .order_by_asc(placement_evaluation::Column::Id)
        .all(db)
        .await
}

fn check(
    form: &EvaluationForm,
    areas: &[SkillArea],
) -> Result<(EvaluationStage, Vec<Rating>, String), ServiceError> {
    let mut checks = Checks::default();
    let stage = EvaluationStage::from_slug(form.stage.trim());
    if stage.is_none() {
        checks.fail("stage", "choose the midpoint or the final evaluation");
    }
    let mut ratings = Vec::new();
    for area in areas {
        let typed = form.ratings.iter().find(|(slug, _, _)| slug == area.slug());
        let (score, comment) = typed.map(|(_, s, c)| (s.as_str(), c.as_str())).unwrap_or(("", ""));
        let score = match score.trim().parse::<u8>() {
            Ok(n) if (1..=4).contains(&n) => Some(n),
            _ => {
                checks.add(crate::error::Problem {
                    field: "ratings",
                    message: format!("{}: choose a score from 1 to 4", area.label()),
                });
                None
            }
        };
        let comment = checks.check(crate::partnerships::text("ratings", comment, 0, MAX_COMMENT));
        if let (Some(score), Some(comment)) = (score, comment) {
            ratings.push(Rating { area: *area, score, comment });
        }
    }
    let comment = checks.check(crate::partnerships::text("comment", &form.comment, 0, MAX_COMMENT));
    checks.finish()?;
    match (stage, comment) {
        (Some(stage), Some(comment)) => Ok((stage, ratings, comment)),
        _ => unreachable!("every check passed"),
    }
}

/// Writes (or corrects, as the next revision) the party's evaluation of a stage. Returns
/// its id.
pub async fn write(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    placement_id: i64,
    form: &EvaluationForm,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    let party = party(&txn, actor, placement_id).await?;
    let Some(author) = author(&party) else {
        return Err(ServiceError::Forbidden);
    };
    let row = &party.row;
    let (stage, ratings, comment) = check(form, &task_areas(row))?;
    let today = now.with_timezone(&zone::of(&txn, Some(party.actor)).await?).date_naive();
    if !open(row, stage, today) {
        return Err(ServiceError::Conflict(match keeps_hours(row.status) {
            true => format!(
                "the {} opens on {}",
                stage.label().to_lowercase(),
                due_on(row, EvaluationStage::Midpoint)
            ),
            false => "evaluations are written once the placement is active".into(),
        }));
    }
    let earlier = placement_evaluation::Entity::find()
        .filter(placement_evaluation::Column::PlacementId.eq(placement_id))
        .filter(placement_evaluation::Column::Stage.eq(stage))
        .filter(placement_evaluation::Column::Author.eq(author))
        .order_by_desc(placement_evaluation::Column::Revision)
        .one(&txn)
        .await?;
    let revision = earlier.as_ref().map_or(1, |e| e.revision + 1);
    let inserted = placement_evaluation::ActiveModel {
        placement_id: Set(placement_id),
        stage: Set(stage),
        author: Set(author),
        revision: Set(revision),
        corrects_id: Set(earlier.map(|e| e.id)),
        ratings: Set(serde_json::to_string(&ratings).map_err(|e| sea_orm::DbErr::Custom(e.to_string()))?),
        comment: Set(comment),
        written_by: Set(Some(party.actor.user_id)),
        written_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let written = match inserted {
        Ok(written) => written,
        Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => {
            return Err(ServiceError::Conflict(
                "this evaluation was written a moment ago: read it first".into(),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let detail =
        format!("{} {} {} revision {revision}", super::detail(placement_id), stage.slug(), author.slug());
    audit::record(&txn, Event::PlacementEvaluationWritten, Some(party.actor.user_id), &detail, "", now)
        .await?;
    // The mentor's evaluation is shared with the student and the coordinator.
    if author == EvaluationAuthor::Mentor {
        let link = format!("/placements/{placement_id}/evaluations");
        let subject = format!("{} written", stage.label());
        let text = format!("The mentor wrote the {}: {site_url}{link}", stage.label().to_lowercase());
        for person in [row.student_id, row.coordinator_id].into_iter().flatten() {
            notify_user(&txn, person, &Notice::new(NoticeTopic::Placements, &subject, &link, &text), now)
                .await?;
        }
    }
    txn.commit().await?;
    Ok(written.id)
}

fn view(
    row: &placement_evaluation::Model,
    names: &std::collections::HashMap<i64, String>,
    tz: chrono_tz::Tz,
) -> EvaluationView {
    EvaluationView {
        id: row.id,
        stage: row.stage,
        author: row.author,
        revision: u32::try_from(row.revision).unwrap_or_default(),
        // Written by this module from checked ratings; an unreadable one shows none.
        ratings: serde_json::from_str(&row.ratings).unwrap_or_default(),
        comment: row.comment.clone(),
        written_by: row.written_by.and_then(|p| names.get(&p).cloned()),
        written_at: zone::moment(row.written_at, tz),
    }
}

/// `/placements/{id}/evaluations`: for the parties and admins; the shop reads nothing
/// before consent is settled.
pub async fn page(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<EvaluationsView, ServiceError> {
    let party = party(db, actor, id).await?;
    let row = &party.row;
    if party.side == PlacementSide::Shop && !super::consent_settled(row) {
        return Err(ServiceError::Conflict(
            "the placement's evaluations open once consent is settled".into(),
        ));
    }
    let tz = zone::of(db, Some(party.actor)).await?;
    let today = now.with_timezone(&tz).date_naive();
    let written = of(db, vec![id]).await?;
    let names = names::of(db, written.iter().filter_map(|e| e.written_by).collect()).await?;
    let writes_as = author(&party);
    let due_now = due(row, &written, today);
    let stages = EvaluationStage::ALL
        .iter()
        .map(|stage| {
            let mut of_stage: Vec<&placement_evaluation::Model> =
                written.iter().filter(|e| e.stage == *stage).collect();
            of_stage.sort_by(|a, b| b.revision.cmp(&a.revision).then(b.id.cmp(&a.id)));
            let newest = |who| of_stage.iter().find(|e| e.author == who).map(|e| view(e, &names, tz));
            let (mentor, student) = (newest(EvaluationAuthor::Mentor), newest(EvaluationAuthor::Student));
            let shown = [mentor.as_ref().map(|e| e.id), student.as_ref().map(|e| e.id)];
            let earlier = of_stage
                .iter()
                .filter(|e| !shown.contains(&Some(e.id)))
                .map(|e| view(e, &names, tz))
                .collect();
            StageView {
                stage: *stage,
                due_on: due_on(row, *stage).to_string(),
                due: due_now.contains(stage),
                may_write: writes_as.is_some() && open(row, *stage, today),
                mentor,
                student,
                earlier,
            }
        })
        .collect();
    Ok(EvaluationsView {
        placement_id: id,
        side: party.side,
        status: row.status,
        shop_name: crate::orgs::find(db, row.shop_id).await?.name,
        student_label: super::shared_name(db, row).await?.unwrap_or_else(|| super::UNNAMED_STUDENT.into()),
        task_areas: task_areas(row),
        writes_as,
        stages,
    })
}
