//! Form handlers for signing up, confirming an email, signing in and out. Plain POST
//! handlers (not server functions) so they work without JavaScript, set the session cookie
//! directly, and answer with a 303 redirect that carries any message in the query string.

use crate::forms::reply::{self, with_cookie};
use app::{model::encode, ssr::AppState};
use axum::{
    Form,
    extract::State,
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use domain::refusal::FieldMessage;
use serde::Deserialize;
use service::accounts::{
    challenge, second_factor, sessions,
    users::{self, AccountError},
};

#[derive(Deserialize)]
pub struct Credentials {
    /// The name others see (sign-up only).
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    /// Where to go after signing in (a local path), when a page sent the person here.
    #[serde(default)]
    next: String,
}

impl Credentials {
    /// `next` if it is a path on this site, else the account page. Anything else would make
    /// the sign-in form an open redirect.
    fn destination(&self) -> &str {
        crate::forms::reply::local_path(&self.next, 500, "/account")
    }
}

#[derive(Deserialize)]
pub struct VerifyForm {
    #[serde(default)]
    token: String,
}

/// Back to a failed account form, with the message (beside its field when it names one)
/// and the email typed (never the password), kept server-side (`reply::back`).
fn back(path: &str, error: &AccountError, echo: &[(&str, &str)]) -> Response {
    let messages = match error {
        AccountError::Invalid { field, message } => {
            vec![FieldMessage { field: Some(field.to_string()), message: message.clone() }]
        }
        AccountError::Fields(problems) => problems
            .iter()
            .map(|(field, message)| FieldMessage { field: Some(field.to_string()), message: message.clone() })
            .collect(),
        AccountError::Database(e) => {
            tracing::error!(error = %e, "database error in an account form");
            vec![FieldMessage {
                field: None,
                message: "something went wrong on our side; please try again".into(),
            }]
        }
        other => vec![FieldMessage { field: None, message: other.to_string() }],
    };
    // Long values are not kept: a name or address is at most a few hundred characters.
    let echo: Vec<(&str, &str)> =
        echo.iter().filter(|(_, v)| v.len() <= 254).map(|(k, v)| (*k, v.trim())).collect();
    reply::back_with(path, messages, &echo)
}

pub async fn sign_up(
    State(state): State<AppState>,
    crate::client::ClientIp(client_ip): crate::client::ClientIp,
    Form(form): Form<Credentials>,
) -> Response {
    let account =
        users::NewAccount { name: &form.display_name, email: &form.email, password: &form.password };
    match users::sign_up_from(
        &state.db,
        &account,
        &client_ip,
        state.signups_per_address,
        &state.site_url,
        Utc::now(),
    )
    .await
    {
        Ok(()) => Redirect::to("/signup?sent=1").into_response(),
        Err(error) => {
            back("/signup", &error, &[("display_name", &form.display_name), ("email", &form.email)])
        }
    }
}

pub async fn verify_email(State(state): State<AppState>, Form(form): Form<VerifyForm>) -> Response {
    match users::verify_email(&state.db, &form.token, Utc::now()).await {
        Ok(_) => Redirect::to("/login?verified=1").into_response(),
        Err(error) => reply::back("/verify-email", &error.to_string(), None, &[]),
    }
}

pub async fn sign_in(
    State(state): State<AppState>,
    crate::client::ClientIp(client_ip): crate::client::ClientIp,
    headers: HeaderMap,
    Form(form): Form<Credentials>,
) -> Response {
    let now = Utc::now();
    let user_id = match users::sign_in(
        &state.db,
        &form.email,
        &form.password,
        &client_ip,
        &state.site_url,
        now,
    )
    .await
    {
        Ok(user_id) => user_id,
        Err(error) => return back(&login_page(&form), &error, &[("email", &form.email)]),
    };
    // The zone the browser reported (its script sets the cookie): times show in it until the
    // person chooses one or joins an organisation. Not worth refusing a sign-in over.
    if let Some(zone) = browser_zone(&headers)
        && let Err(error) = service::accounts::zone::note_browser(&state.db, user_id, &zone).await
    {
        tracing::warn!(%error, "could not keep the browser's time zone");
    }
    let second_factor = match second_factor_of(&state, user_id).await {
        Ok(found) => found,
        Err(error) => {
            return back(&login_page(&form), &AccountError::Database(error), &[("email", &form.email)]);
        }
    };
    match second_factor {
        // The password was right; the session waits for the code.
        SecondFactor::On => match challenge::open(&state.db, user_id, form.destination(), now).await {
            Ok(token) => {
                let max_age = challenge::LIFETIME.num_seconds();
                with_cookie(
                    Redirect::to("/login/code").into_response(),
                    &state.session_cookie.challenge().set(&token, max_age),
                )
            }
            Err(error) => back(&login_page(&form), &AccountError::Database(error), &[("email", &form.email)]),
        },
        // An admin's rights wait for a second factor: the set-up page comes first.
        SecondFactor::RequiredButOff => {
            start_session(&state, &form, user_id, &headers, &client_ip, "/account/second-factor").await
        }
        SecondFactor::Off => {
            start_session(&state, &form, user_id, &headers, &client_ip, form.destination()).await
        }
    }
}

enum SecondFactor {
    On,
    RequiredButOff,
    Off,
}

async fn second_factor_of(state: &AppState, user_id: i64) -> Result<SecondFactor, sea_orm::DbErr> {
    if second_factor::is_on(&state.db, user_id).await? {
        return Ok(SecondFactor::On);
    }
    let admin = users::find(&state.db, user_id).await?.is_some_and(|u| u.is_admin);
    Ok(if admin { SecondFactor::RequiredButOff } else { SecondFactor::Off })
}

/// A new session id at every sign-in: whatever cookie the browser had is not reused.
async fn start_session(
    state: &AppState,
    form: &Credentials,
    user_id: i64,
    headers: &HeaderMap,
    client_ip: &str,
    destination: &str,
) -> Response {
    let now = Utc::now();
    let device = crate::forms::second_factor::device(headers, client_ip);
    let session = match sessions::start_on(&state.db, user_id, &device, now).await {
        Ok(session) => session,
        Err(error) => {
            return back(&login_page(form), &AccountError::Database(error), &[("email", &form.email)]);
        }
    };
    let max_age = (session.expires_at - now).num_seconds();
    with_cookie(Redirect::to(destination).into_response(), &state.session_cookie.set(&session.token, max_age))
}

/// The IANA zone in the `bayline_tz` cookie (set by the page's script from the browser's
/// settings), if any.
fn browser_zone(headers: &HeaderMap) -> Option<String> {
    let cookies = headers.get(axum::http::header::COOKIE)?.to_str().ok()?;
    let raw = cookies.split(';').find_map(|c| c.trim().strip_prefix("bayline_tz="))?;
    // encodeURIComponent leaves letters, digits and `_-` alone and writes `/` and `+` as escapes.
    Some(raw.replace("%2F", "/").replace("%2f", "/").replace("%2B", "+").replace("%2b", "+"))
}

/// The sign-in page, keeping where the person was going.
fn login_page(form: &Credentials) -> String {
    match form.destination() {
        "/account" => "/login".to_string(),
        next => format!("/login?next={}", encode(next)),
    }
}

pub async fn sign_out(
    State(state): State<AppState>,
    crate::client::ClientIp(client_ip): crate::client::ClientIp,
    headers: HeaderMap,
) -> Response {
    if let Some(token) = state.session_cookie.read(&headers)
        && let Err(error) = users::sign_out(&state.db, &token, &client_ip, Utc::now()).await
    {
        tracing::error!(%error, "could not end a session");
    }
    let mut response =
        with_cookie(Redirect::to("/login?signed_out=1").into_response(), &state.session_cookie.clear());
    // Whatever the browser kept for this site (a shared computer in a school lab) goes too.
    response
        .headers_mut()
        .insert("clear-site-data", axum::http::HeaderValue::from_static("\"cookies\", \"storage\""));
    response
}
