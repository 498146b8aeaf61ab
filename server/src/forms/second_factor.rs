//! Form handlers of the second factor and the list of signed-in devices: the code after a
//! right password, setting the factor up, new recovery codes, turning it off, and ending
//! sessions. Plain POST handlers answering 303 redirects, so all of it works without
//! JavaScript; the service layer decides who may do what.
use app::notice::Notice;
use app::ssr::AppState;
use axum::{
    Form,
    extract::State,
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use serde::Deserialize;
use service::accounts::{
    challenge::{self, Answer},
    devices, second_factor, sessions,
};

use crate::{
    client::ClientIp,
    forms::reply::{Caller, back, done, refused, rotate_session, with_cookie},
};

const SETUP_PAGE: &str = "/account/second-factor";

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// The device a request comes from, recorded with the session it starts.
pub fn device(headers: &HeaderMap, client_ip: &str) -> sessions::Device {
    let user_agent = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    sessions::Device { user_agent, address: client_ip.to_string() }
}

/// `POST /login/code`: the code after a right password. Right: the session starts and the
/// person goes where they were going. Wrong: back to the form with the tries left. Gone
/// (expired, or five wrong codes): back to sign in.
pub async fn answer_challenge(
    State(state): State<AppState>,
    ClientIp(client_ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Response {
    let cookie = state.session_cookie.challenge();
    let Some(token) = cookie.read(&headers) else {
        return back("/login", "your sign-in took too long: enter your password again", None, &[]);
    };
    let now = Utc::now();
    match challenge::answer(&state.db, &token, &form.code, &client_ip, now).await {
        Ok(Answer::Right { user_id, destination }) => {
            match sessions::start_on(&state.db, user_id, &device(&headers, &client_ip), now).await {
                Ok(session) => {
                    let max_age = (session.expires_at - now).num_seconds();
                    let response = with_cookie(Redirect::to(&destination).into_response(), &cookie.clear());
                    with_cookie(response, &state.session_cookie.set(&session.token, max_age))
                }
                Err(error) => refused(error.into(), "/login/code", &[]),
            }
        }
        Ok(Answer::Wrong { left }) => {
            let message =
                format!("that code is not right; {left} more {} before you sign in again", tries(left));
            back("/login/code", &message, Some("code"), &[])
        }
        Ok(Answer::Gone) => with_cookie(
            back("/login", "that sign-in has ended: enter your password again", None, &[]),
            &cookie.clear(),
        ),
        Err(error) => refused(error, "/login/code", &[]),
    }
}

fn tries(left: i32) -> &'static str {
    if left == 1 { "try" } else { "tries" }
}

/// `POST /account/second-factor/begin`: a new secret to add to the app.
pub async fn begin(State(state): State<AppState>, caller: Caller) -> Response {
    match second_factor::begin(&state.db, caller.ctx.actor, caller.ctx.now).await {
        Ok(()) => Redirect::to(SETUP_PAGE).into_response(),
        Err(error) => refused(error, SETUP_PAGE, &[]),
    }
}

/// `POST /account/second-factor/confirm`: the first code from the app turns the factor on;
/// every other session ends and this one gets a new id (its rights changed).
pub async fn confirm(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(client_ip): ClientIp,
    Form(form): Form<CodeForm>,
) -> Response {
    let keep = caller.token.as_deref();
    match second_factor::confirm(&state.db, caller.ctx.actor, &form.code, keep, &client_ip, caller.ctx.now)
        .await
    {
        Ok(()) => rotate_session(&state, &caller, done(SETUP_PAGE, Notice::SecondFactorOn)).await,
        Err(error) => refused(error, SETUP_PAGE, &[]),
    }
}

/// `POST /account/second-factor/recovery-codes`: ten new codes, for a current code.
pub async fn new_recovery_codes(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(client_ip): ClientIp,
    Form(form): Form<CodeForm>,
) -> Response {
    match second_factor::new_recovery_codes(
        &state.db,
        caller.ctx.actor,
        &form.code,
        &client_ip,
        caller.ctx.now,
    )
    .await
    {
        Ok(()) => done(SETUP_PAGE, Notice::RecoveryCodesMade),
        Err(error) => refused(error, SETUP_PAGE, &[]),
    }
}

/// `POST /account/second-factor/off`: for a current code (never for an admin).
pub async fn turn_off(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(client_ip): ClientIp,
    Form(form): Form<CodeForm>,
) -> Response {
    match second_factor::turn_off(&state.db, caller.ctx.actor, &form.code, &client_ip, caller.ctx.now).await {
        Ok(()) => done(SETUP_PAGE, Notice::SecondFactorOff),
        Err(error) => refused(error, SETUP_PAGE, &[]),
    }
}

#[derive(Deserialize)]
pub struct EndSessionForm {
    #[serde(default)]
    handle: String,
}

/// `POST /account/sessions/end`: ends one of the person's sessions (this one signs out).
pub async fn end_session(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(client_ip): ClientIp,
    Form(form): Form<EndSessionForm>,
) -> Response {
    match devices::end_one(&state.db, caller.ctx.actor, &form.handle, &client_ip, caller.ctx.now).await {
        Ok(()) => done("/account", Notice::SessionEnded),
        Err(error) => refused(error, "/account", &[]),
    }
}

/// `POST /account/sessions/end-others`: signs out every other device.
pub async fn end_other_sessions(
    State(state): State<AppState>,
    caller: Caller,
    ClientIp(client_ip): ClientIp,
) -> Response {
    let token = caller.token.as_deref();
    match devices::end_others(&state.db, caller.ctx.actor, token, &client_ip, caller.ctx.now).await {
        Ok(_) => done("/account", Notice::SessionsEnded),
        Err(error) => refused(error, "/account", &[]),
    }
}
