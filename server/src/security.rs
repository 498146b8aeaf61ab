//! Security headers on every response, and the cross-site check on every mutation.
use app::ssr::CspNonce;
use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::nonce::Nonce;

/// What the policies allow beyond the site itself.
#[derive(Clone, Debug, Default)]
pub struct SecurityPolicy {
    /// Origin of the map tile server (`BAYLINE_TILE_URL`), allowed as an image source.
    pub tile_origin: Option<String>,
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
pub async fn headers(State(policy): State<SecurityPolicy>, mut request: Request, next: Next) -> Response {
    let nonce = Nonce::new().to_string();
    let path = request.uri().path().to_string();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let headers = response.headers_mut();
    let csp = if is_html { html_policy(&nonce, &policy, &path) } else { NON_HTML_POLICY.to_string() };
    if let Ok(value) = HeaderValue::from_str(&csp) {
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
pub async fn same_origin_mutations(request: Request, next: Next) -> Response {
    if is_safe(request.method()) || is_same_origin(request.headers()) {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
    (StatusCode::FORBIDDEN, "cross-site requests may not change anything").into_response()
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Browsers send `Sec-Fetch-Site` and `Origin` on every POST; clients that send neither are
/// not browsers and cannot carry a victim's cookies, so they pass.
fn is_same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let origin_host = origin.split_once("://").map_or("", |(_, rest)| rest);
    !host.is_empty() && origin_host.eq_ignore_ascii_case(host)
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
        assert!(is_same_origin(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(is_same_origin(&headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")])));
        assert!(!is_same_origin(&headers(&[("origin", "https://evil.example"), ("host", "127.0.0.1:3000")])));
        assert!(!is_same_origin(&headers(&[("origin", "null"), ("host", "127.0.0.1:3000")])));
        assert!(is_same_origin(&headers(&[])), "non-browser clients carry no cookies");
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
        let tiles = SecurityPolicy { tile_origin: Some("https://tile.openstreetmap.org".into()) };
        let embed = html_policy("abc", &tiles, "/embed/programs");
        assert!(embed.contains("frame-ancestors *"), "{embed}");
        assert!(embed.contains("img-src 'self' data: https://tile.openstreetmap.org;"), "{embed}");
    }
}
