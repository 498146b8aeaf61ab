//! Server-side glue: the state server functions reach through context, and the CSP nonce.
use axum::extract::FromRef;
use leptos::{
    nonce::Nonce,
    prelude::{LeptosOptions, provide_context, use_context},
};
use sea_orm::DatabaseConnection;

use crate::{error::AppError, model::TileSettings};

/// What every request handler and server function can reach. Every request clones it (axum's
/// `State`, the Leptos context of pages and server functions), so a clone is one reference
/// count, not a copy of its settings (copies were a fifth of `/healthz`'s time).
#[derive(Clone)]
pub struct AppState(std::sync::Arc<SharedState>);

impl std::ops::Deref for AppState {
    type Target = SharedState;

    fn deref(&self) -> &SharedState {
        &self.0
    }
}

/// The fields of [`AppState`].
#[derive(Clone)]
pub struct SharedState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    /// The program search index, a cache of the database shared by this server's requests.
    pub programs: service::programs::ProgramCatalog,
    /// The Industry Data Exchange's published snapshot, shared by this server's requests.
    pub insights: std::sync::Arc<service::insights::snapshot::InsightsCache>,
    /// The map's tile layer (`BAYLINE_TILE_URL`).
    pub tiles: TileSettings,
    /// The public address of the site (`BAYLINE_PUBLIC_URL`), for links in emails.
    pub site_url: String,
    pub session_cookie: SessionCookie,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`BAYLINE_TRUSTED_PROXIES`).
    pub trusted_proxies: TrustedProxies,
    /// Sign-ups one client address may attempt an hour (`BAYLINE_SIGNUPS_PER_ADDRESS`).
    pub signups_per_address: u64,
    /// The built site's asset names (content-hashed), from its `asset-manifest.json`.
    pub assets: crate::site_assets::SiteAssets,
}

/// Address ranges (CIDR) of reverse proxies in front of Bayline. Only a request whose peer is
/// one of them may name its client in `X-Forwarded-For`; from anyone else the header is a
/// claim anybody can make, and sign-in limits keyed on it would be worthless.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(std::net::IpAddr, u8)>);

impl TrustedProxies {
    /// Parses a comma-separated CIDR list (`10.0.0.0/8, 192.168.1.7`); a bare address is one
    /// host. The error names the entry that does not read.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut out = Vec::new();
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (addr, bits) = entry.split_once('/').unwrap_or((entry, ""));
            let addr: std::net::IpAddr =
                addr.parse().map_err(|_| format!("{entry:?} is not an IP address or CIDR range"))?;
            let max = if addr.is_ipv4() { 32 } else { 128 };
            let bits = if bits.is_empty() {
                max
            } else {
                bits.parse()
                    .ok()
                    .filter(|b| *b <= max)
                    .ok_or_else(|| format!("{entry:?}: the prefix length must be 0–{max}"))?
            };
            out.push((addr, bits));
        }
        Ok(Self(out))
    }

    pub fn contains(&self, ip: std::net::IpAddr) -> bool {
        self.0.iter().any(|(net, bits)| match (net, ip) {
            (std::net::IpAddr::V4(n), std::net::IpAddr::V4(a)) => {
                let mask = if *bits == 0 { 0 } else { u32::MAX << (32 - bits) };
                u32::from(*n) & mask == u32::from(a) & mask
            }
            (std::net::IpAddr::V6(n), std::net::IpAddr::V6(a)) => {
                let mask = if *bits == 0 { 0 } else { u128::MAX << (128 - bits) };
                u128::from(*n) & mask == u128::from(a) & mask
            }
            _ => false,
        })
    }

    /// The client's address: the peer's, unless the peer is a trusted proxy; then the
    /// right-most `X-Forwarded-For` entry that is not itself a trusted proxy (entries to its
    /// left were written by the client and prove nothing).
    pub fn client(&self, peer: std::net::IpAddr, headers: &http::HeaderMap) -> std::net::IpAddr {
        if !self.contains(peer) {
            return peer;
        }
        let forwarded: Vec<std::net::IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|hop| hop.trim().parse().ok())
            .collect();
        forwarded.into_iter().rev().find(|hop| !self.contains(*hop)).unwrap_or(peer)
    }
}

/// The session cookie: `HttpOnly`, `SameSite=Lax`, and over HTTPS `Secure` with the
/// `__Host-` prefix (which pins it to this host and path `/`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionCookie {
    pub name: &'static str,
    pub secure: bool,
}

impl SessionCookie {
    pub fn for_site(site_url: &str) -> Self {
        if site_url.starts_with("https://") {
            Self { name: "__Host-bayline_session", secure: true }
        } else {
            Self { name: "bayline_session", secure: false }
        }
    }

    /// The `Set-Cookie` value that stores a session token for `max_age_secs`.
    pub fn set(&self, token: &str, max_age_secs: i64) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!("{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}", self.name)
    }

    /// The cookie that holds a sign-in challenge (a right password waiting for its code),
    /// with the same protections.
    pub fn challenge(&self) -> Self {
        let name = if self.secure { "__Host-bayline_challenge" } else { "bayline_challenge" };
        Self { name, secure: self.secure }
    }

    /// The cookie that keeps a placement's join link while its holder signs in or signs up
    /// (`/placements/join`), so the token travels in no other address, with the same
    /// protections.
    pub fn join(&self) -> Self {
        let name = if self.secure { "__Host-bayline_join" } else { "bayline_join" };
        Self { name, secure: self.secure }
    }

    /// The cookie that names a refused form waiting for its page (`server::form_refusals`),
    /// with the same protections.
    pub fn refusal(&self) -> Self {
        let name = if self.secure { "__Host-bayline_refused" } else { "bayline_refused" };
        Self { name, secure: self.secure }
    }

    /// The `Set-Cookie` value that removes it.
    pub fn clear(&self) -> String {
        self.set("", 0)
    }

    /// The token a request carries, if any.
    pub fn read(&self, headers: &http::HeaderMap) -> Option<String> {
        headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == self.name)
            .map(|(_, value)| value.to_string())
            .filter(|v| !v.is_empty())
    }
}

/// The request's [`service::Ctx`], made on first use from its one session lookup and shared
/// by every server function and component of the request (the server provides a fresh one
/// per request).
#[derive(Clone, Default)]
pub struct RequestCtx(std::sync::Arc<tokio::sync::OnceCell<service::Ctx>>);

/// The context of the request being rendered: who asks, the time, the site's address.
pub async fn request_ctx() -> Result<service::Ctx, AppError> {
    let state = state()?;
    let token =
        use_context::<http::request::Parts>().and_then(|parts| state.session_cookie.read(&parts.headers));
    let make = || service::Ctx::for_session(&state.db, token.as_deref(), &state.site_url, chrono::Utc::now());
    match use_context::<RequestCtx>() {
        Some(RequestCtx(cell)) => Ok(cell.get_or_try_init(make).await?.clone()),
        // Outside a server request (a unit test rendering a component): nothing to share.
        None => Ok(make().await?),
    }
}

/// The signed-in user of the request being rendered, if any.
pub async fn current_user_id() -> Result<Option<i64>, AppError> {
    Ok(current_actor().await?.map(|actor| actor.user_id))
}

/// The signed-in person of the request being rendered, as the service layer's authorization
/// checks take them.
pub async fn current_actor() -> Result<Option<service::authz::Actor>, AppError> {
    Ok(request_ctx().await?.actor)
}

impl AppState {
    /// State with OpenStreetMap's standard tiles; see [`Self::with_tiles`].
    /// The site's asset names come from `LEPTOS_SITE_ROOT`'s manifest (see
    /// [`crate::site_assets`]); one that does not read is logged and the unhashed names used.
    pub fn new(mut leptos_options: LeptosOptions, db: DatabaseConnection) -> Self {
        let site_url = format!("http://{}", leptos_options.site_addr);
        let assets = crate::site_assets::SiteAssets::load(std::path::Path::new(&*leptos_options.site_root))
            .unwrap_or_else(|error| {
                tracing::error!(%error, "the site's asset manifest does not read; linking unhashed names");
                crate::site_assets::SiteAssets::unhashed()
            });
        // `<HydrationScripts>` links `pkg/{output_name}.js` and `.wasm`.
        leptos_options.output_name = assets.bundle.clone().into();
        Self(std::sync::Arc::new(SharedState {
            assets,
            leptos_options,
            db,
            programs: Default::default(),
            // The server's refresh task builds it (`server::run`); requests only read it.
            insights: std::sync::Arc::new(service::insights::snapshot::InsightsCache::serving()),
            tiles: TileSettings::openstreetmap(),
            session_cookie: SessionCookie::for_site(&site_url),
            site_url,
            trusted_proxies: TrustedProxies::default(),
            signups_per_address: service::accounts::users::MAX_SIGNUPS_PER_ADDRESS,
        }))
    }

    pub fn with_signups_per_address(mut self, signups_per_address: u64) -> Self {
        self.settings().signups_per_address = signups_per_address;
        self
    }

    pub fn with_trusted_proxies(mut self, trusted_proxies: TrustedProxies) -> Self {
        self.settings().trusted_proxies = trusted_proxies;
        self
    }

    /// Sets the public address (and with it whether cookies are `Secure`).
    pub fn with_site_url(mut self, site_url: String) -> Self {
        let settings = self.settings();
        settings.session_cookie = SessionCookie::for_site(&site_url);
        settings.site_url = site_url;
        self
    }

    pub fn with_tiles(mut self, tiles: TileSettings) -> Self {
        self.settings().tiles = tiles;
        self
    }

    /// The fields, to set while the state is being made (a copy if it was shared already).
    fn settings(&mut self) -> &mut SharedState {
        std::sync::Arc::make_mut(&mut self.0)
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state of the running server, from a server function or component.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

/// Whether the request being rendered carries a session cookie. Without one nobody is
/// signed in, and a page can say so without waiting for a lookup. (Outside a request — a
/// unit test rendering a component — it says yes, so the usual lookup decides.)
pub fn carries_session() -> bool {
    let Ok(state) = state() else { return true };
    use_context::<http::request::Parts>()
        .is_none_or(|parts| state.session_cookie.read(&parts.headers).is_some())
}

/// The database, from a server function or component.
pub fn db() -> Result<DatabaseConnection, AppError> {
    state().map(|s| s.db.clone())
}

/// The per-request CSP nonce, generated by the server's security-header middleware and
/// carried in the request's extensions; the same value goes into the CSP header.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// Makes the request's nonce available to `<HydrationScripts>` and other inline scripts.
pub fn provide_request_nonce() {
    let nonce =
        use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(value)) = nonce {
        provide_context(Nonce::from_value(value));
    }
}

/// Answers the page being rendered with a redirect (a page request is always a navigation,
/// whatever its `Accept` header says).
pub fn redirect_page(path: &str) {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(location) = http::HeaderValue::from_str(path)
    {
        response.set_status(http::StatusCode::FOUND);
        response.insert_header(http::header::LOCATION, location);
    }
}

/// Sets the HTTP status of the page being rendered (e.g. 404 for the not-found page).
pub fn set_status(status: http::StatusCode) {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
}

#[cfg(test)]
mod trusted_proxy_tests {
    use super::TrustedProxies;

    fn headers(forwarded: &str) -> http::HeaderMap {
        let mut h = http::HeaderMap::new();
        h.insert("x-forwarded-for", forwarded.parse().unwrap());
        h
    }

    #[test]
    fn only_a_trusted_peer_names_the_client() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, 192.168.1.7, ::1").unwrap();
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        // An untrusted peer's header is a claim: ignored.
        assert_eq!(proxies.client(ip("203.0.113.9"), &headers("198.51.100.1")), ip("203.0.113.9"));
        // Through the proxy: the right-most entry that is not a proxy.
        assert_eq!(proxies.client(ip("10.1.2.3"), &headers("1.2.3.4, 198.51.100.1")), ip("198.51.100.1"));
        assert_eq!(proxies.client(ip("10.1.2.3"), &headers("198.51.100.1, 10.9.9.9")), ip("198.51.100.1"));
        assert_eq!(proxies.client(ip("192.168.1.7"), &headers("garbage")), ip("192.168.1.7"));
        assert!(!proxies.contains(ip("192.168.1.8")));
        assert!(proxies.contains(ip("::1")));
        assert!(TrustedProxies::parse("").unwrap().0.is_empty());
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("example.com").is_err());
    }
}
