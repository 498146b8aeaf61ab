//! Form handlers of saved searches: saving the search a list page shows, editing, pausing,
//! resuming and deleting one, and the one-click unsubscribe of alert mails.
//!
//! A search is saved from its page's URL, parsed by that page's own parser
//! (`app::alerts_model::search_from_url`), so what is saved is exactly what the page
//! searched; anything the page would refuse is refused beside the form.
use app::{alerts_model::search_from_url, notice::Notice, ssr::AppState};
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{Html, IntoResponse, Response},
};
use service::{
    alerts::{manage, unsubscribe},
    error::ServiceError,
};

use crate::forms::reply::{Caller, FormPairs, back, done, local_path, plain_page, refused};

const ALERTS_PAGE: &str = "/account/alerts";
/// Longest page URL a search is saved from.
const MAX_URL: usize = 300;

fn form(pairs: &FormPairs) -> manage::SearchForm {
    manage::SearchForm { name: pairs.text("name"), frequency: pairs.text("frequency") }
}

/// `POST /account/alerts`: saves the search of the page the form was on (`url`).
pub async fn save(State(state): State<AppState>, caller: Caller, pairs: FormPairs) -> Response {
    let url = pairs.trimmed("url");
    let page = local_path(&url, MAX_URL, "/needs").to_string();
    let echo = pairs.echo(&["name", "frequency"]);
    if caller.ctx.actor.is_none() {
        return refused(ServiceError::SignInRequired, &page, &[]);
    }
    let search = match search_from_url(&page) {
        Ok(search) => search,
        Err(message) => return back(&page, &message, Some("url"), &echo),
    };
    match manage::save(&state.db, caller.ctx.actor, &search, &form(&pairs), caller.ctx.now).await {
        Ok(_) => done(&page, Notice::SearchSaved),
        Err(error) => refused(error, &page, &echo),
    }
}

/// `POST /account/alerts/{id}`: a new name or frequency.
pub async fn edit(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    pairs: FormPairs,
) -> Response {
    match manage::edit(&state.db, caller.ctx.actor, id, &form(&pairs), caller.ctx.now).await {
        Ok(()) => done(ALERTS_PAGE, Notice::SearchEdited),
        Err(error) => refused(error, ALERTS_PAGE, &pairs.echo(&["name", "frequency"])),
    }
}

pub async fn pause(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    match manage::set_paused(&state.db, caller.ctx.actor, id, true, caller.ctx.now).await {
        Ok(()) => done(ALERTS_PAGE, Notice::SearchPaused),
        Err(error) => refused(error, ALERTS_PAGE, &[]),
    }
}

pub async fn resume(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    match manage::set_paused(&state.db, caller.ctx.actor, id, false, caller.ctx.now).await {
        Ok(()) => done(ALERTS_PAGE, Notice::SearchResumed),
        Err(error) => refused(error, ALERTS_PAGE, &[]),
    }
}

pub async fn delete(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    match manage::delete(&state.db, caller.ctx.actor, id).await {
        Ok(()) => done(ALERTS_PAGE, Notice::SearchDeleted),
        Err(error) => refused(error, ALERTS_PAGE, &[]),
    }
}

#[derive(serde::Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

/// `POST /alerts/unsubscribe?token=…`: the one-click unsubscribe a mail client sends
/// (`List-Unsubscribe=One-Click` in the body, RFC 8058), answered 200 with no page to
/// follow; and the confirm button of the page the mail's visible link opens, answered with
/// that page saying it is done. Needs no session: the token is the permission.
pub async fn unsubscribe(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<TokenQuery>,
    pairs: FormPairs,
) -> Response {
    let one_click = pairs.text("List-Unsubscribe") == "One-Click";
    let token = query.token.unwrap_or_else(|| pairs.trimmed("token"));
    match unsubscribe::unsubscribe(&state.db, &token, caller.ctx.now).await {
        Ok(()) if one_click => (StatusCode::OK, "Unsubscribed from Bayline alert e-mails.").into_response(),
        Ok(()) => done("/alerts/unsubscribe", Notice::AlertsOff),
        Err(ServiceError::NotFound) => (
            StatusCode::NOT_FOUND,
            Html(plain_page(
                "This link does not work",
                "It is not an unsubscribe link of ours, or it is over a year old. Signed in, you can turn \
                 alert e-mails off on <a href=\"/notifications\">your notifications page</a>.",
            )),
        )
            .into_response(),
        Err(error) => refused(error, "/notifications", &[]),
    }
}
