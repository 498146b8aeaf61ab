//! Server functions of the second factor and the signed-in devices (changes are plain form
//! handlers in server/src/forms/second_factor.rs, so they work without JavaScript).
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What the second-factor page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondFactorView {
    pub on: bool,
    /// Admins must keep it on (and have no admin rights until it is).
    pub required: bool,
    /// Set-up begun: the secret to type into the app, its `otpauth://` address and that
    /// address as a QR code (SVG).
    pub pending: Option<PendingSetup>,
    pub recovery_codes_left: usize,
    /// Recovery codes just made: shown this once.
    pub new_codes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSetup {
    pub secret: String,
    pub uri: String,
    pub qr_svg: String,
}

#[server(endpoint = "second_factor_page")]
pub async fn second_factor_page() -> Result<SecondFactorView, AppError> {
    use service::accounts::second_factor;
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let status = second_factor::status(&db, actor).await?;
    let new_codes = second_factor::take_new_codes(&db, actor).await?;
    Ok(SecondFactorView {
        on: status.on,
        required: status.required,
        pending: status.pending.map(|p| PendingSetup {
            qr_svg: service::accounts::totp::qr_svg(&p.uri),
            secret: p.secret,
            uri: p.uri,
        }),
        recovery_codes_left: status.recovery_codes_left,
        new_codes,
    })
}

/// Whether the browser holds an open sign-in challenge (a right password waiting for its code).
#[server(endpoint = "sign_in_challenge_open")]
pub async fn sign_in_challenge_open() -> Result<bool, AppError> {
    let state = crate::ssr::state()?;
    let Some(parts) = use_context::<http::request::Parts>() else { return Ok(false) };
    let Some(token) = state.session_cookie.challenge().read(&parts.headers) else { return Ok(false) };
    Ok(service::accounts::challenge::is_open(&state.db, &token, chrono::Utc::now()).await?)
}

/// One signed-in device of the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRow {
    pub handle: String,
    pub device: String,
    pub address: String,
    pub last_seen: domain::time::Moment,
    pub signed_in: domain::time::Moment,
    pub this_device: bool,
}

#[server(endpoint = "my_devices")]
pub async fn my_devices() -> Result<Vec<DeviceRow>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let state = crate::ssr::state()?;
    let token = use_context::<http::request::Parts>().and_then(|p| state.session_cookie.read(&p.headers));
    let now = chrono::Utc::now();
    let rows = service::accounts::devices::list(&state.db, actor, token.as_deref(), now).await?;
    let zone = service::accounts::zone::of(&state.db, actor).await?;
    let moment = |at| service::accounts::zone::moment(at, zone);
    Ok(rows
        .into_iter()
        .map(|d| DeviceRow {
            handle: d.handle,
            device: d.device,
            address: d.address,
            last_seen: moment(d.last_seen_at),
            signed_in: moment(d.signed_in_at),
            this_device: d.this_device,
        })
        .collect())
}

/// Whether the person's second factor is on, and whether they must have one (admins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactorSummary {
    pub on: bool,
    pub required: bool,
}

#[server(endpoint = "second_factor_summary")]
pub async fn second_factor_summary() -> Result<FactorSummary, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let status = service::accounts::second_factor::status(&crate::ssr::db()?, actor).await?;
    Ok(FactorSummary { on: status.on, required: status.required })
}
