//! The client's address, for the audit log and the limits keyed on it (sign-in failures,
//! sign-ups): the TCP peer, or, behind a configured reverse proxy, the address it forwards
//! (see `BAYLINE_TRUSTED_PROXIES` and `app::ssr::TrustedProxies`).
use std::net::SocketAddr;

use app::ssr::AppState;
use axum::{
    extract::{ConnectInfo, FromRequestParts},
    http::request::Parts,
};

/// The client's IP address as text ("" when the server runs without peer information, as
/// in tests that call the router directly).
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip());
        Ok(Self(
            peer.map(|ip| state.trusted_proxies.client(ip, &parts.headers).to_string()).unwrap_or_default(),
        ))
    }
}
