//! Form handlers of a placement's records: the student logs or corrects a day's hours, the
//! mentor confirms or queries an entry, either writes an evaluation; and the organisation's
//! placements as CSV. The service decides who may; each form answers with a 303.
use app::{notice::Notice, ssr::AppState};
use axum::{
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};
use domain::placement_records::{EvaluationStage, to_csv};
use service::placements::{
    evaluations::{self, EvaluationForm},
    hours::{self, HoursForm},
    lists,
};

use crate::forms::reply::{Caller, FormPairs, done, refused};

fn hours_page(id: i64) -> String {
    format!("/placements/{id}/hours")
}

fn evaluations_page(id: i64) -> String {
    format!("/placements/{id}/evaluations")
}

/// `POST /placements/{id}/hours`: the student logs a day, or corrects an entry (`corrects`).
pub async fn log(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    pairs: FormPairs,
) -> Response {
    let form = HoursForm {
        worked_on: pairs.text("worked_on"),
        hours: pairs.text("hours"),
        tasks: pairs.text("tasks"),
        corrects: pairs.trimmed("corrects"),
    };
    let ctx = &caller.ctx;
    match hours::log(&state.db, ctx.actor, id, &form, ctx.now).await {
        Ok(_) if form.corrects.is_empty() => done(&hours_page(id), Notice::HoursLogged),
        Ok(_) => done(&hours_page(id), Notice::HoursCorrected),
        Err(error) => {
            // A refused correction comes back to the same entry's form.
            let back = match form.corrects.parse::<i64>() {
                Ok(entry) => format!("{}?correct={entry}", hours_page(id)),
                Err(_) => hours_page(id),
            };
            refused(error, &back, &pairs.echo(&HoursForm::FIELDS))
        }
    }
}

/// `POST /placements/{id}/hours/{entry}/confirm`: the mentor confirms an entry.
pub async fn confirm(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, entry)): Path<(i64, i64)>,
) -> Response {
    let ctx = &caller.ctx;
    match hours::review(&state.db, ctx.actor, id, entry, None, &ctx.site_url, ctx.now).await {
        Ok(_) => done(&hours_page(id), Notice::HoursConfirmed),
        Err(error) => refused(error, &hours_page(id), &[]),
    }
}

/// `POST /placements/{id}/hours/{entry}/query`: the mentor queries an entry with a question.
pub async fn query(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, entry)): Path<(i64, i64)>,
    pairs: FormPairs,
) -> Response {
    let ctx = &caller.ctx;
    let question = pairs.text("query");
    match hours::review(&state.db, ctx.actor, id, entry, Some(&question), &ctx.site_url, ctx.now).await {
        Ok(_) => done(&hours_page(id), Notice::HoursQueried),
        Err(error) => refused(error, &format!("{}?query={entry}", hours_page(id)), &pairs.echo(&["query"])),
    }
}

/// `POST /placements/{id}/evaluations`: a score (`score_<area>`) and comment
/// (`comment_<area>`) for each task area, and an overall comment.
pub async fn evaluate(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    pairs: FormPairs,
) -> Response {
    let ratings = pairs
        .suffixes("score_")
        .into_iter()
        .map(|area| {
            let (score, comment) =
                (pairs.text(&format!("score_{area}")), pairs.text(&format!("comment_{area}")));
            (area, score, comment)
        })
        .collect();
    let form = EvaluationForm { stage: pairs.trimmed("stage"), ratings, comment: pairs.text("comment") };
    let ctx = &caller.ctx;
    match evaluations::write(&state.db, ctx.actor, id, &form, &ctx.site_url, ctx.now).await {
        Ok(_) => done(&evaluations_page(id), Notice::EvaluationWritten),
        Err(error) => {
            // Only a known stage goes back into the address: nothing typed reaches a URL.
            let back = match EvaluationStage::from_slug(form.stage.trim()) {
                Some(stage) => format!("{}?write={}", evaluations_page(id), stage.slug()),
                None => evaluations_page(id),
            };
            let names: Vec<String> = pairs.0.iter().map(|(k, _)| k.clone()).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            refused(error, &back, &pairs.echo(&names))
        }
    }
}

/// `GET /orgs/{id}/placements.csv`: the organisation's placements for its reports, from
/// the same service call as the page. Members and admins only; never cached for others.
pub async fn csv(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    let ctx = &caller.ctx;
    match lists::of_org(&state.db, ctx.actor, id, ctx.now).await {
        Ok(view) => {
            let file = format!("bayline-placements-{id}-{}.csv", ctx.now.date_naive());
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                    (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file}\"")),
                    (header::CACHE_CONTROL, "private, no-store".to_string()),
                ],
                to_csv(&view),
            )
                .into_response()
        }
        Err(error) => refused(error, &format!("/orgs/{id}/placements"), &[]),
    }
}
