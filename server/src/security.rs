//! Security headers on every response, and the cross-site check on every mutation.
use std::sync::Arc;

use app::ssr::CspNonce;
use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::nonce::Nonce;

/// What the policies allow beyond the site itself, and how to tell a personal request.
#[derive(Clone, Debug, Default)]
pub struct SecurityPolicy {
    /// Origin of the map tile server (`BAYLINE_TILE_URL`), allowed as an image source.
    pub tile_origin: Option<String>,
    /// The site's own origin (`BAYLINE_PUBLIC_URL`'s scheme, host and port): the only
    /// `Origin` a mutation may come from.
    pub site_origin: String,
    /// The session cookie's name: a request carrying it may get a personal answer.
    pub session_cookie: &'static str,
}

/// The origin (`scheme://host[:port]`, lower case, default ports dropped) of a URL.
pub fn origin_of(url: &str) -> String {
    let lower = url.trim().to_ascii_lowercase();
    let (scheme, rest) = lower.split_once("://").unwrap_or(("http", lower.as_str()));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = match (scheme, authority.rsplit_once(':')) {
        ("http", Some((host, "80"))) | ("https", Some((host, "443"))) => host,
        _ => authority,
    };
    format!("{scheme}://{authority}")
}

/// Whether a request carries the session cookie (its answer may be personal).
fn carries_session(headers: &HeaderMap, name: &str) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(n, value)| n == name && !value.is_empty())
}

/// `Cache-Control` of an answer meant for one person.
pub const PERSONAL_CACHE: &str = "private, no-store";
/// `Cache-Control` of a public page or API answer: a cache may keep it but must ask first.
pub const PUBLIC_PAGE_CACHE: &str = "no-cache";

/// Whether a query string carries a secret link's token (`/verify-email?token=…`, a password
/// reset, an invitation): the page it opens is for the link's holder alone.
fn carries_token(query: &str) -> bool {
    query.split('&').any(|pair| pair.split('=').next().is_some_and(|name| name == "token"))
}

/// Answers that can depend on who asks (pages, server functions, the API, downloads), as
/// opposed to static files, which are the same for everyone.
fn may_be_personal(content_type: &str) -> bool {
    ["text/html", "application/json", "text/csv", "text/calendar", "text/plain"]
        .iter()
        .any(|t| content_type.starts_with(t))
}

/// Pages other sites may put in an iframe (the embeddable program finder).
fn embeddable(path: &str) -> bool {
    path.starts_with("/embed/")
}

/// Content-Security-Policy for an HTML page: scripts only with this response's nonce
/// (and what they load), WebAssembly compilation, images from the tile server, nothing
/// embedded, and framed by nobody (or by anyone, for the embeddable pages).
pub fn html_policy(nonce: &str, policy: &SecurityPolicy, path: &str) -> String {
    let tiles = policy.tile_origin.as_deref().map(|o| format!(" {o}")).unwrap_or_default();
    let ancestors = if embeddable(path) { "*" } else { "'none'" };
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:{tiles}; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}"
    )
}

/// For everything that is not HTML: nothing may run or frame it.
const NON_HTML_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// Gives each request a fresh nonce (read by the page shell) and sets the security headers.
pub async fn headers(
    State(policy): State<Arc<SecurityPolicy>>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = Nonce::new().to_string();
    let path = request.uri().path().to_string();
    let personal = carries_session(request.headers(), policy.session_cookie)
        || request.uri().query().is_some_and(carries_token);
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let is_html = content_type.starts_with("text/html");
    let headers = response.headers_mut();
    // A personal answer (to a session, to a secret link, or one that sets a cookie) must not
    // be kept by a shared cache or the browser's back-forward history on a shared computer;
    // anything that may differ by cookie says so. Public pages may be kept but are checked
    // each time: they change as the data does.
    if may_be_personal(&content_type) {
        headers.append(header::VARY, HeaderValue::from_static("Cookie"));
        if personal || headers.contains_key(header::SET_COOKIE) {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(PERSONAL_CACHE));
        } else if !headers.contains_key(header::CACHE_CONTROL) {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(PUBLIC_PAGE_CACHE));
        }
    }
    let csp = if is_html {
        HeaderValue::from_str(&html_policy(&nonce, &policy, &path)).ok()
    } else {
        Some(HeaderValue::from_static(NON_HTML_POLICY))
    };
    if let Some(value) = csp {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    if !embeddable(&path) {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    response
}

/// Refuses state-changing requests that a browser marks as cross-site. Server functions do
/// no CSRF check of their own, so this guards every POST, form or fetch.
pub async fn same_origin_mutations(
    State(policy): State<Arc<SecurityPolicy>>,
    request: Request,
    next: Next,
) -> Response {
    if is_safe(request.method()) || is_same_origin(request.headers(), &policy.site_origin) {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
    (StatusCode::FORBIDDEN, "cross-site requests may not change anything").into_response()
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Browsers send `Sec-Fetch-Site` and `Origin` on every POST; clients that send neither are
/// not browsers and cannot carry a victim's cookies, so they pass. An `Origin` must match
/// the site's scheme, host and port: `http://` beside an `https://` site is another origin.
fn is_same_origin(headers: &HeaderMap, site_origin: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    if origin == "null" {
        return false;
    }
    let origin = origin_of(origin);
    // The address the request was sent to, in the site's own scheme: a server reached
    // under another name (127.0.0.1 beside localhost) still knows its own pages.
    let scheme = site_origin.split_once("://").map_or("http", |(s, _)| s);
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    origin == site_origin || (!host.is_empty() && origin == origin_of(&format!("{scheme}://{host}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn judges_origin_and_fetch_metadata() {
        let site = "http://127.0.0.1:3000";
        assert!(is_same_origin(&headers(&[("sec-fetch-site", "same-origin")]), site));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "cross-site")]), site));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "same-site")]), site));
        assert!(is_same_origin(
            &headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")]),
            site
        ));
        assert!(!is_same_origin(
            &headers(&[("origin", "https://evil.example"), ("host", "127.0.0.1:3000")]),
            site
        ));
        assert!(!is_same_origin(&headers(&[("origin", "null"), ("host", "127.0.0.1:3000")]), site));
        assert!(is_same_origin(&headers(&[]), site), "non-browser clients carry no cookies");
        // Scheme and port count: the same host under another scheme or port is another origin.
        let secure = "https://bayline.example.org";
        let host = ("host", "bayline.example.org");
        assert!(is_same_origin(&headers(&[("origin", "https://bayline.example.org"), host]), secure));
        assert!(is_same_origin(&headers(&[("origin", "https://bayline.example.org:443"), host]), secure));
        assert!(!is_same_origin(&headers(&[("origin", "http://bayline.example.org"), host]), secure));
        assert!(!is_same_origin(&headers(&[("origin", "https://bayline.example.org:8443"), host]), secure));
        assert!(!is_same_origin(
            &headers(&[("origin", "https://bayline.example.org.evil.example"), host]),
            secure
        ));
    }

    #[test]
    fn html_policy_carries_the_nonce_and_required_directives() {
        let policy = html_policy("abc", &SecurityPolicy::default(), "/");
        for part in [
            "'nonce-abc'",
            "'wasm-unsafe-eval'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(policy.contains(part), "{part} missing from {policy}");
        }
        let tiles = SecurityPolicy {
            tile_origin: Some("https://tile.openstreetmap.org".into()),
            ..Default::default()
        };
        let embed = html_policy("abc", &tiles, "/embed/programs");
        assert!(embed.contains("frame-ancestors *"), "{embed}");
        assert!(embed.contains("img-src 'self' data: https://tile.openstreetmap.org;"), "{embed}");
    }

    #[test]
    fn origins_keep_scheme_host_and_port() {
        assert_eq!(origin_of("https://Bayline.example.org/path?x"), "https://bayline.example.org");
        assert_eq!(origin_of("https://bayline.example.org:443"), "https://bayline.example.org");
        assert_eq!(origin_of("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
        assert_eq!(origin_of("http://localhost:80/"), "http://localhost");
    }
}
