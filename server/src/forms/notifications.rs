//! Form handlers of notifications: opening one (marks it read, then goes where it points),
//! marking all read, and choosing which topics are emailed. Only the person's own.
use app::notice::Notice;
use app::ssr::AppState;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use service::notifications::{list, prefs};

use crate::forms::reply::{Caller, FormPairs, done, refused};

const PAGE: &str = "/notifications";

pub async fn open(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    match list::open(&state.db, caller.ctx.actor, id, caller.ctx.now).await {
        // Links are stored by the service as local paths; anything else goes to the list.
        Ok(link) => Redirect::to(crate::forms::reply::local_path(&link, 2_000, PAGE)).into_response(),
        Err(error) => refused(error, PAGE, &[]),
    }
}

pub async fn mark_all_read(State(state): State<AppState>, caller: Caller) -> Response {
    match list::mark_all_read(&state.db, caller.ctx.actor, caller.ctx.now).await {
        Ok(_) => done(PAGE, Notice::AllRead),
        Err(error) => refused(error, PAGE, &[]),
    }
}

/// The ticked boxes (`email_<slug>`) are the topics to email. A box that names no topic is
/// passed on, so the service refuses it and nothing changes.
pub async fn choose_emails(State(state): State<AppState>, caller: Caller, pairs: FormPairs) -> Response {
    let emailed = pairs.suffixes("email_");
    match prefs::choose(&state.db, caller.ctx.actor, &emailed).await {
        Ok(()) => done(PAGE, Notice::EmailsSaved),
        Err(error) => refused(error, PAGE, &[]),
    }
}
