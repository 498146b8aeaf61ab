//! Carries a refused form from its POST to its page without putting anything typed in a URL
//! (browser history, proxy logs and `Referer` would keep e-mail addresses and pay figures).
//!
//! A form handler answers a refusal with a 303 to the form page and a [`PendingRefusal`] in
//! the response's extensions (`forms::reply::back`). On the way out this layer stores it in
//! the database (`service::refusals`) and gives the browser its random token in a short-lived
//! HttpOnly cookie. When that browser GETs the page, the layer takes the refusal back (once),
//! hands it to the page in the request's extensions as a [`ShownRefusal`], and clears the
//! cookie. The database holds it, so the redirect may land on any app server.
use std::sync::Arc;

use app::ssr::{AppState, SessionCookie};
use axum::{
    extract::{Request, State},
    http::{HeaderValue, Method, header},
    middleware::Next,
    response::Response,
};
use chrono::Utc;
use domain::refusal::{FormRefusal, ShownRefusal};
use service::refusals;

/// A refusal on its way to the browser, for the page at `page` (a path, its query dropped).
#[derive(Clone)]
pub struct PendingRefusal {
    page: String,
    refusal: FormRefusal,
}

impl PendingRefusal {
    pub fn new(page: &str, refusal: FormRefusal) -> Self {
        let path = page.split(['?', '#']).next().unwrap_or(page);
        Self { page: path.to_string(), refusal }
    }
}

pub async fn carry(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let cookie = state.session_cookie.refusal();
    let mut shown = false;
    if request.method() == Method::GET
        && let Some(token) = cookie.read(request.headers())
    {
        match refusals::take(&state.db, &token, request.uri().path(), Utc::now()).await {
            Ok(Some(refusal)) => {
                request.extensions_mut().insert(ShownRefusal(Arc::new(refusal)));
                shown = true;
            }
            Ok(None) => {}
            // The page still renders, as a fresh form.
            Err(error) => tracing::error!(%error, "could not read a refused form"),
        }
    }
    let mut response = next.run(request).await;
    let set = match response.extensions_mut().remove::<PendingRefusal>() {
        Some(pending) => keep(&state, &cookie, &pending).await,
        None if shown => Some(cookie.clear()),
        None => None,
    };
    if let Some(value) = set.and_then(|v| HeaderValue::from_str(&v).ok()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// Stores the refusal; the `Set-Cookie` value naming it, or none when it could not be stored
/// (the browser is still sent back to the form, which then shows no message).
async fn keep(state: &AppState, cookie: &SessionCookie, pending: &PendingRefusal) -> Option<String> {
    match refusals::keep(&state.db, &pending.page, &pending.refusal, Utc::now()).await {
        Ok(token) => Some(cookie.set(&token, refusals::LIFETIME.num_seconds())),
        Err(error) => {
            tracing::error!(%error, "could not keep a refused form");
            None
        }
    }
}
