//! A shop's own submissions with their pay rows, for its members' history page (rule 5: a
//! shop sees its own rows and nobody else's; [`own_history`] decides who may).
use domain::insights::ReviewStatus;
use entity::{pay_row, pay_submission};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::contribute::own_history;
use crate::{authz::Actor, error::ServiceError};

/// One submission and its pay rows in the order they were given.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnSubmission {
    pub submission: pay_submission::Model,
    pub rows: Vec<pay_row::Model>,
}

/// A submission as its own shop may see it: held reads as accepted (the page says
/// "received" for both), with no reasons, so the history answers "was my value unusual?" no better than the receipt does
/// (docs/privacy.md, "No oracle"). A rejection is an admin's decision and is shown.
fn as_the_shop_sees_it(mut submission: pay_submission::Model) -> pay_submission::Model {
    if submission.status == ReviewStatus::Held {
        submission.status = ReviewStatus::Accepted;
    }
    submission.hold_reasons.clear();
    submission
}

/// The shop's submissions, newest first, each with its rows.
pub async fn own_submissions(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    shop_id: i64,
) -> Result<Vec<OwnSubmission>, ServiceError> {
    let submissions = own_history(db, actor, shop_id).await?;
    if submissions.is_empty() {
        return Ok(Vec::new());
    }
    // One query for every row: a shop has one current submission a quarter, so its
    // history stays small.
    let mut rows = pay_row::Entity::find()
        .filter(pay_row::Column::SubmissionId.is_in(submissions.iter().map(|s| s.id)))
        .order_by_asc(pay_row::Column::Id)
        .all(db)
        .await?;
    Ok(submissions
        .into_iter()
        .map(as_the_shop_sees_it)
        .map(|submission| {
            let (mine, rest) = rows.drain(..).partition(|r| r.submission_id == submission.id);
            rows = rest;
            OwnSubmission { submission, rows: mine }
        })
        .collect())
}
