//! Form handlers for school claims: an instructor claims a school, admins verify or refuse
//! pending claims, a school's owners accept or refuse the others. The service layer decides
//! who may; each handler answers with a 303 redirect.
use app::notice::Notice;
use app::ssr::AppState;
use axum::{
    Form,
    extract::{Path, State},
    response::Response,
};
use serde::Deserialize;
use service::orgs::claims::{self, Claimed};

use crate::forms::reply::{Caller, done, refused, rotate_session};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ClaimFields {
    unitid: String,
}

pub async fn claim_program(
    State(state): State<AppState>,
    caller: Caller,
    Form(f): Form<ClaimFields>,
) -> Response {
    match claims::claim_program(&state.db, caller.ctx.actor, &f.unitid, caller.ctx.now).await {
        // The claimant is now an owner: a new session id for the new rights.
        Ok(Claimed::Verified { organisation_id }) => {
            rotate_session(&state, &caller, done(&format!("/orgs/{organisation_id}"), Notice::DomainVerified))
                .await
        }
        Ok(Claimed::Pending { .. }) => done("/account", Notice::ClaimPending),
        Ok(Claimed::AskedOwners { .. }) => done("/account", Notice::ClaimAsked),
        Err(error) => refused(error, "/schools/new", &[("unitid", &f.unitid)]),
    }
}

pub async fn verify(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    match claims::verify(&state.db, caller.ctx.actor, id, &caller.ctx.site_url, caller.ctx.now).await {
        Ok(_) => done("/admin", Notice::ClaimVerified),
        Err(error) => refused(error, "/admin", &[]),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReasonField {
    reason: String,
}

pub async fn refuse(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(f): Form<ReasonField>,
) -> Response {
    match claims::refuse(&state.db, caller.ctx.actor, id, &f.reason, caller.ctx.now).await {
        Ok(()) => done("/admin", Notice::ClaimRefused),
        Err(error) => refused(error, "/admin", &[]),
    }
}

async fn answer(state: AppState, caller: Caller, id: i64, accept: bool) -> Response {
    match claims::answer(&state.db, caller.ctx.actor, id, accept, caller.ctx.now).await {
        Ok(organisation_id) => done(
            &format!("/orgs/{organisation_id}"),
            if accept { Notice::RequestAccepted } else { Notice::RequestRefused },
        ),
        Err(error) => refused(error, "/account", &[]),
    }
}

pub async fn accept(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    answer(state, caller, id, true).await
}

pub async fn decline(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    answer(state, caller, id, false).await
}
