//! Form handlers for moderation: filing a report, and the admins' actions on the queue
//! (hide, dismiss, suspend, lift). The service layer decides who may; each answers with a
//! 303 redirect.
use app::notice::Notice;
use app::{model::encode, ssr::AppState};
use axum::{
    Form,
    extract::{Path, State},
    response::Response,
};
use serde::Deserialize;
use service::moderation::{actions, report};

use crate::forms::reply::{Caller, done, refused};

/// Where the moderation queue is.
const QUEUE: &str = "/admin/reports";

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReportFields {
    target: String,
    target_id: String,
    reason: String,
    note: String,
}

pub async fn file_report(
    State(state): State<AppState>,
    caller: Caller,
    Form(f): Form<ReportFields>,
) -> Response {
    let page = format!("/report?target={}&id={}", encode(f.target.trim()), encode(f.target_id.trim()));
    match report::file(&state.db, &caller.ctx, &f.target, &f.target_id, &f.reason, &f.note).await {
        Ok(_) => done(&page, Notice::Reported),
        Err(error) => refused(error, &page, &[("reason", &f.reason), ("note", &f.note)]),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TargetFields {
    target: String,
    target_id: String,
}

pub async fn hide(State(state): State<AppState>, caller: Caller, Form(f): Form<TargetFields>) -> Response {
    match actions::hide(
        &state.db,
        caller.ctx.actor,
        &f.target,
        &f.target_id,
        &caller.ctx.site_url,
        caller.ctx.now,
    )
    .await
    {
        Ok(()) => done(QUEUE, Notice::Hidden),
        Err(error) => refused(error, QUEUE, &[]),
    }
}

pub async fn dismiss(State(state): State<AppState>, caller: Caller, Form(f): Form<TargetFields>) -> Response {
    match actions::dismiss(&state.db, caller.ctx.actor, &f.target, &f.target_id, caller.ctx.now).await {
        Ok(()) => done(QUEUE, Notice::Dismissed),
        Err(error) => refused(error, QUEUE, &[]),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SuspendFields {
    reason: String,
    /// The reported item that led here, whose reports the suspension answers too.
    report_target: String,
    report_target_id: String,
}

pub async fn suspend(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(f): Form<SuspendFields>,
) -> Response {
    let also =
        (!f.report_target.is_empty()).then_some((f.report_target.as_str(), f.report_target_id.as_str()));
    match actions::suspend(&state.db, &caller.ctx, id, &f.reason, also).await {
        Ok(()) => done(QUEUE, Notice::Suspended),
        Err(error) => refused(error, QUEUE, &[]),
    }
}

pub async fn lift(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    match actions::lift(&state.db, caller.ctx.actor, id, &caller.ctx.site_url, caller.ctx.now).await {
        Ok(()) => done(QUEUE, Notice::Lifted),
        Err(error) => refused(error, QUEUE, &[]),
    }
}
