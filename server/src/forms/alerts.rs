//! Form handlers of saved searches: saving the search a list page shows, editing, pausing,
//! resuming and deleting one, and the one-click unsubscribe of alert mails.
//!
//! A search is saved from its page's URL, parsed by that page's own parser (the finders'
//! `FinderParams`, the program finder's `SearchParams`), so what is saved is exactly what
//! the page searched; anything the page would refuse is refused beside the form.
use app::{
    finder_params::FinderParams, model::SearchParams, needs_model::NeedFinder, notice::Notice,
    openings_model::OpeningFinder, ssr::AppState,
};
use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{Html, IntoResponse, Response},
};
use domain::{
    alerts::{AlertPage, AlertSearch},
    params::ParamError,
    programs::Origin,
};
use service::{
    alerts::{manage, unsubscribe},
    error::ServiceError,
};

use crate::forms::reply::{Caller, FormPairs, back, done, local_path, refused};

const ALERTS_PAGE: &str = "/account/alerts";
/// Longest page URL a search is saved from.
const MAX_URL: usize = 300;

/// The filter of a list page's URL, read by that page's own parser; the error is the
/// message the form shows.
pub fn search_from_url(url: &str) -> Result<AlertSearch, String> {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let page = AlertPage::from_path(path).ok_or_else(|| {
        "a search can be saved from the needs, openings, programs or events list".to_string()
    })?;
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let get = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let problem = |e: ParamError| format!("{}: {}", e.param, e.message);
    let need_zip = || "search around a ZIP code first, then save the search".to_string();
    match page {
        AlertPage::Events => Ok(AlertSearch { page, zip: None, radius_mi: None, kind: None }),
        AlertPage::Needs => {
            let query = FinderParams::<NeedFinder>::from_lookup(get).to_query().map_err(problem)?;
            let query = query.ok_or_else(need_zip)?;
            let kind = query.kind.map(|k| k.slug().to_string());
            Ok(AlertSearch { page, zip: Some(query.zip), radius_mi: Some(query.radius_mi), kind })
        }
        AlertPage::Openings => {
            let query = FinderParams::<OpeningFinder>::from_lookup(get).to_query().map_err(problem)?;
            let query = query.ok_or_else(need_zip)?;
            let kind = query.kind.map(|k| k.slug().to_string());
            Ok(AlertSearch { page, zip: Some(query.zip), radius_mi: Some(query.radius_mi), kind })
        }
        AlertPage::Programs => {
            let params = SearchParams::from_lookup(get);
            if !params.has_origin() {
                return Err(need_zip());
            }
            let query = params.to_query().map_err(problem)?;
            let Origin::Zip(zip) = query.origin else {
                return Err("alerts follow a ZIP code: search by ZIP code rather than your location".into());
            };
            let kind = query.filter.kind.map(|k| k.slug().to_string());
            Ok(AlertSearch { page, zip: Some(zip), radius_mi: Some(query.radius_mi), kind })
        }
    }
}

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
            Html(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Link not valid · Bayline</title>\
                 <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body><main>\
                 <h1>This link does not work</h1><p>It is not an unsubscribe link of ours, or it is over a year old. \
                 Signed in, you can turn alert e-mails off on <a href=\"/notifications\">your notifications page</a>.</p>\
                 </main></body></html>",
            ),
        )
            .into_response(),
        Err(error) => refused(error, "/notifications", &[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pages_url_becomes_the_search_its_parser_reads() {
        let search = search_from_url("/needs?zip=48201&radius=100&kind=guest_speaker&page=3").unwrap();
        assert_eq!(search.url(), "/needs?zip=48201&radius=100&kind=guest_speaker");
        let openings = search_from_url("/openings?zip=48201").unwrap();
        assert_eq!(openings.radius_mi, Some(app::openings_model::DEFAULT_OPENING_RADIUS_MI));
        assert_eq!(search_from_url("/events").unwrap().url(), "/events");
        let programs = search_from_url("/programs?zip=48201&radius=50&kind=diesel&page=2").unwrap();
        assert_eq!(programs.url(), "/programs?zip=48201&radius=50&kind=diesel");
    }

    #[test]
    fn what_a_page_would_refuse_is_refused() {
        assert!(search_from_url("/needs?zip=4820").unwrap_err().starts_with("zip:"));
        assert!(search_from_url("/needs?zip=48201&radius=9000").unwrap_err().starts_with("radius:"));
        assert!(search_from_url("/openings?zip=48201&kind=astronaut").unwrap_err().starts_with("kind:"));
        assert!(search_from_url("/needs").unwrap_err().contains("ZIP code first"));
        assert!(search_from_url("/account").is_err());
        assert!(search_from_url("/programs?lat=42.3&lon=-83.0").unwrap_err().contains("ZIP code"));
    }
}
