//! What the form handlers share: the caller behind the session cookie, and the replies —
//! back to the form with its messages (kept server-side, never in the URL), done with a
//! message key, refused, a new session id.
use app::{model::encode, notice::Notice, ssr::AppState};
use axum::{
    extract::FromRequestParts,
    http::{HeaderValue, StatusCode, header, request::Parts},
    response::{Html, IntoResponse, Redirect, Response},
};
use chrono::Utc;
use domain::refusal::{FieldMessage, FormRefusal};
use service::{Ctx, accounts::sessions, error::ServiceError};

use crate::form_refusals::PendingRefusal;

/// A form's fields as sent, in order (repeated names and checkboxes included), for forms
/// whose fields are not all known in advance (ticked boxes named by their value).
pub struct FormPairs(pub Vec<(String, String)>);

impl FormPairs {
    /// The first value sent under `name`, as typed ("" when absent).
    pub fn text(&self, name: &str) -> String {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// The first value sent under `name`, without surrounding spaces.
    pub fn trimmed(&self, name: &str) -> String {
        self.text(name).trim().to_string()
    }

    /// Whether a field (a ticked checkbox) was sent.
    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// The suffixes of every field named `{prefix}{suffix}` (ticked boxes of one group).
    pub fn suffixes(&self, prefix: &str) -> Vec<String> {
        self.0.iter().filter_map(|(k, _)| k.strip_prefix(prefix).map(str::to_string)).collect()
    }

    /// The fields among `names` that were sent, to echo back into a refused form.
    pub fn echo<'a>(&'a self, names: &[&str]) -> Vec<(&'a str, &'a str)> {
        names
            .iter()
            .filter_map(|name| self.0.iter().find(|(k, _)| k == name))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }
}

impl<S: Send + Sync> axum::extract::FromRequest<S> for FormPairs {
    type Rejection = <axum::Form<Vec<(String, String)>> as axum::extract::FromRequest<S>>::Rejection;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Form(pairs) = axum::Form::<Vec<(String, String)>>::from_request(request, state).await?;
        Ok(Self(pairs))
    }
}

/// The request's context (the person behind its session cookie, the time, the site's
/// address), from its one session lookup; also the cookie's token so a handler can replace
/// the session when the person's rights change.
pub struct Caller {
    pub ctx: Ctx,
    pub token: Option<String>,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let token = state.session_cookie.read(&parts.headers);
        match Ctx::for_session(&state.db, token.as_deref(), &state.site_url, Utc::now()).await {
            Ok(ctx) => Ok(Self { ctx, token }),
            Err(error) => {
                tracing::error!(%error, "could not read the session");
                Err(StatusCode::INTERNAL_SERVER_ERROR.into_response())
            }
        }
    }
}

/// The answer to a refused or failed form: sign in first, a 403 page, or back to the form
/// with the message, the field it concerns and the values typed (`echo`; never secrets).
pub fn refused(error: ServiceError, form_page: &str, echo: &[(&str, &str)]) -> Response {
    match error {
        ServiceError::SignInRequired => {
            Redirect::to(&format!("/login?next={}", encode(form_page))).into_response()
        }
        ServiceError::Forbidden => forbidden(),
        ServiceError::NotFound => {
            (StatusCode::NOT_FOUND, Html(plain_page("Not found", "There is nothing here."))).into_response()
        }
        invalid @ (ServiceError::Invalid { .. } | ServiceError::Fields(_)) => {
            let messages = invalid
                .problems()
                .into_iter()
                .map(|p| FieldMessage { field: Some(p.field.to_string()), message: p.message })
                .collect();
            back_with(form_page, messages, echo)
        }
        ServiceError::Conflict(message) => back(form_page, &message, None, echo),
        // Shown beside the form, with what was typed, like any other refusal of the input.
        limited @ ServiceError::RateLimited { .. } => back(form_page, &limited.to_string(), None, echo),
        ServiceError::Database(error) => {
            tracing::error!(%error, "database error in a form");
            back(form_page, "something went wrong on our side; please try again", None, echo)
        }
    }
}

pub fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        Html(plain_page(
            "Not allowed",
            "Your account does not have access to this. <a href=\"/account\">Back to your account</a>",
        )),
    )
        .into_response()
}

/// A minimal page for answers that are not the app's pages (a 403, a 404, a dead link).
pub(crate) fn plain_page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} · Bayline</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <link rel=\"stylesheet\" href=\"/pkg/bayline.css\"></head><body><main><h1>{title}</h1><p>{body}</p></main></body></html>"
    )
}

/// A 303 back to `page` with one message (about `field`, or the whole form) and the values
/// typed (`echo`; never secrets), kept server-side until the page shows them: nothing typed
/// goes into the URL (see [`crate::form_refusals`]).
pub fn back(page: &str, message: &str, field: Option<&str>, echo: &[(&str, &str)]) -> Response {
    let message = FieldMessage { field: field.map(str::to_string), message: message.to_string() };
    back_with(page, vec![message], echo)
}

/// A 303 back to `page` with every message of a refused form at once.
pub fn back_with(page: &str, messages: Vec<FieldMessage>, echo: &[(&str, &str)]) -> Response {
    let typed = echo.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect();
    let mut response = Redirect::to(page).into_response();
    response.extensions_mut().insert(PendingRefusal::new(page, FormRefusal { messages, typed }));
    response
}

/// `candidate` when it is a path on this site, else `fallback`. A path starts with one `/`,
/// holds no backslash and no control character (browsers drop TAB and newlines from URLs, so
/// `/\t/evil.example` would become `//evil.example`, another site; a control character in a
/// `Location` header would also fail the response), and is at most `max` bytes.
pub fn local_path<'a>(candidate: &'a str, max: usize, fallback: &'a str) -> &'a str {
    let path = candidate.trim_matches(' ');
    let local = path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && path.len() <= max;
    if local { path } else { fallback }
}

/// A 303 to `page` after success, with the notice's key (`done=…`) the page turns into words.
pub fn done(page: &str, notice: Notice) -> Response {
    Redirect::to(&format!("{page}{}done={}", separator(page), notice.key())).into_response()
}

fn separator(page: &str) -> &'static str {
    if page.contains('?') { "&" } else { "?" }
}

pub fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// Replaces the caller's session by a new one (a new id whenever their rights change) and
/// sets its cookie on `response`.
pub async fn rotate_session(state: &AppState, caller: &Caller, response: Response) -> Response {
    let Some(actor) = caller.ctx.actor else { return response };
    let now = caller.ctx.now;
    let mut device = sessions::Device::default();
    if let Some(token) = &caller.token {
        // The new id is for the same browser: its place in the list of devices stays.
        device = sessions::device_of(&state.db, token).await.unwrap_or_default();
        if let Err(error) = sessions::end(&state.db, token).await {
            tracing::error!(%error, "could not end the old session");
        }
    }
    match sessions::start_on(&state.db, actor.user_id, &device, now).await {
        Ok(session) => {
            let max_age = (session.expires_at - now).num_seconds();
            with_cookie(response, &state.session_cookie.set(&session.token, max_age))
        }
        Err(error) => {
            tracing::error!(%error, "could not start a new session");
            with_cookie(response, &state.session_cookie.clear())
        }
    }
}

#[cfg(test)]
mod local_path_tests {
    use super::local_path;

    #[test]
    fn only_plain_paths_on_this_site_are_followed() {
        assert_eq!(local_path("/programs?zip=48201", 200, "/account"), "/programs?zip=48201");
        for off_site in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\u{7f}/x",
            "/\u{1}",
            "/\r\nSet-Cookie: x",
            "https://evil.example",
            "evil",
            "",
        ] {
            assert_eq!(local_path(off_site, 200, "/account"), "/account", "{off_site:?}");
        }
        assert_eq!(local_path(&format!("/{}", "a".repeat(300)), 200, "/account"), "/account");
    }
}
