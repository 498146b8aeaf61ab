//! Form handlers for account self-service: a forgotten password, changing the password or
//! email address, downloading one's data and deleting the account. Like `session.rs`, plain
//! POST handlers answering 303 redirects, so all of it works without JavaScript; the
//! service layer decides who may do what.

use crate::forms::reply::{Caller, done, refused, rotate_session, with_cookie};
use app::notice::Notice;
use app::{model::encode, ssr::AppState};
use axum::{
    Form, Json,
    extract::State,
    http::header,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use serde::Deserialize;
use service::accounts::{changes, deletion, privacy, recovery};

type Peer = crate::client::ClientIp;

/// The client's address, recorded in the audit log and used by rate limits.
fn client_ip(peer: Peer) -> String {
    peer.0
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// `POST /forgot-password`: the same answer whether or not the address has an account.
pub async fn forgot_password(
    State(state): State<AppState>,
    peer: Peer,
    Form(form): Form<ForgotForm>,
) -> Response {
    let now = Utc::now();
    match recovery::request_reset(&state.db, &form.email, &client_ip(peer), &state.site_url, now).await {
        Ok(()) => Redirect::to("/forgot-password?sent=1").into_response(),
        Err(error) => refused(error, "/forgot-password", &[("email", &form.email)]),
    }
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

/// `POST /reset-password`: sets the new password and signs every browser out, this one too.
pub async fn reset_password(
    State(state): State<AppState>,
    peer: Peer,
    Form(form): Form<ResetForm>,
) -> Response {
    match recovery::reset_password(&state.db, &form.token, &form.password, &client_ip(peer), Utc::now()).await
    {
        Ok(_) => with_cookie(Redirect::to("/login?reset=1").into_response(), &state.session_cookie.clear()),
        // A weak password: back to the same link, which still works.
        Err(error @ service::error::ServiceError::Invalid { .. }) => {
            let page = format!("/reset-password?token={}", encode(form.token.trim()));
            refused(error, &page, &[])
        }
        Err(error) => refused(error, "/reset-password", &[]),
    }
}

#[derive(Deserialize)]
pub struct PasswordChangeForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

#[derive(Deserialize)]
pub struct NameForm {
    #[serde(default)]
    display_name: String,
}

/// The name others see (never the e-mail address).
pub async fn change_name(
    State(state): State<AppState>,
    caller: Caller,
    Form(form): Form<NameForm>,
) -> Response {
    match service::accounts::names::set(&state.db, caller.ctx.actor, &form.display_name).await {
        Ok(_) => done("/account", Notice::NameSaved),
        Err(error) => refused(error, "/account?form=name", &[("display_name", &form.display_name)]),
    }
}

#[derive(Deserialize)]
pub struct TimeZoneForm {
    #[serde(default)]
    time_zone: String,
}

/// The zone times show in ("" for automatic).
pub async fn change_time_zone(
    State(state): State<AppState>,
    caller: Caller,
    Form(form): Form<TimeZoneForm>,
) -> Response {
    match service::accounts::zone::choose(&state.db, caller.ctx.actor, &form.time_zone).await {
        Ok(()) => done("/account", Notice::TimeZoneSaved),
        Err(error) => refused(error, "/account?form=time_zone", &[("time_zone", &form.time_zone)]),
    }
}

/// `POST /account/password`: every other session ends and this browser gets a new one.
pub async fn change_password(
    State(state): State<AppState>,
    caller: Caller,
    peer: Peer,
    Form(form): Form<PasswordChangeForm>,
) -> Response {
    let ip = client_ip(peer);
    let (current, new) = (&form.current_password, &form.new_password);
    match changes::change_password(&state.db, caller.ctx.actor, current, new, &ip, caller.ctx.now).await {
        Ok(()) => rotate_session(&state, &caller, done("/account", Notice::PasswordChanged)).await,
        Err(error) => refused(error, "/account?form=password", &[]),
    }
}

#[derive(Deserialize)]
pub struct EmailChangeForm {
    #[serde(default)]
    new_email: String,
    #[serde(default)]
    email_password: String,
}

/// `POST /account/email`: mails a confirmation link to the new address.
pub async fn change_email(
    State(state): State<AppState>,
    caller: Caller,
    peer: Peer,
    Form(form): Form<EmailChangeForm>,
) -> Response {
    let (ip, now) = (client_ip(peer), caller.ctx.now);
    let (email, password) = (&form.new_email, &form.email_password);
    match changes::request_email_change(
        &state.db,
        caller.ctx.actor,
        email,
        password,
        &ip,
        &caller.ctx.site_url,
        now,
    )
    .await
    {
        Ok(()) => done("/account", Notice::EmailChangeSent),
        Err(error) => refused(error, "/account?form=email", &[("new_email", email)]),
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    token: String,
}

/// `POST /confirm-email-change`: the link's button.
pub async fn confirm_email_change(
    State(state): State<AppState>,
    caller: Caller,
    peer: Peer,
    Form(form): Form<TokenForm>,
) -> Response {
    match changes::confirm_email_change(&state.db, &form.token, &client_ip(peer), caller.ctx.now).await {
        Ok(_) if caller.ctx.actor.is_some() => done("/account", Notice::EmailChanged),
        Ok(_) => done("/login", Notice::EmailChanged),
        Err(error) => refused(error, "/confirm-email-change", &[]),
    }
}

/// `POST /account/export.json`: everything Bayline holds about the signed-in person, as a
/// download. A POST (a form's button), because the export is recorded in the audit log and
/// nothing that writes may be reachable over GET.
pub async fn export(State(state): State<AppState>, caller: Caller, peer: Peer) -> Response {
    match privacy::export(&state.db, caller.ctx.actor, &client_ip(peer), caller.ctx.now).await {
        Ok(data) => (
            [
                (header::CONTENT_DISPOSITION, "attachment; filename=\"bayline-data.json\""),
                // Personal data: no shared cache may keep a copy.
                (header::CACHE_CONTROL, "no-store"),
            ],
            Json(data),
        )
            .into_response(),
        Err(error) => refused(error, "/account", &[]),
    }
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    delete_password: String,
}

/// `POST /account/delete`: deletes the account and forgets the browser's session cookie.
pub async fn delete_account(
    State(state): State<AppState>,
    caller: Caller,
    peer: Peer,
    Form(form): Form<DeleteForm>,
) -> Response {
    match deletion::delete_account(
        &state.db,
        caller.ctx.actor,
        &form.delete_password,
        &client_ip(peer),
        caller.ctx.now,
    )
    .await
    {
        Ok(()) => with_cookie(done("/", Notice::AccountDeleted), &state.session_cookie.clear()),
        Err(error) => refused(error, "/account?form=delete", &[]),
    }
}
