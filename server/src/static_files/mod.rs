//! The built site's files, served as the build wrote them: content-hashed names are cached
//! forever, and the Brotli and gzip twins the build made (`scripts/finish-site.mjs`) are sent
//! as they are — a static file is never compressed per request.
pub mod preloaded;

use axum::{
    extract::Request,
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::Response,
};

/// For a file whose name carries its content's hash: a new build gives it a new name, so the
/// browser and every shared cache may keep this one for a year without asking again.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For a file without a hash in its name (`/favicon.svg`): kept, but checked each time
/// (`ServeDir` answers the check with 304 Not Modified).
pub const REVALIDATE: &str = "no-cache";

/// Whether a URL path names a content-hashed file: a segment `name.<16 lower-case hex
/// digits>[.ext]`, as the build writes them (`/pkg/bayline.0123456789abcdef.wasm`, or the
/// wasm-bindgen snippets under `/pkg/snippets.0123456789abcdef/`).
pub fn is_content_hashed(path: &str) -> bool {
    path.split('/').any(|segment| {
        segment
            .split('.')
            .skip(1)
            .any(|part| part.len() == 16 && part.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
    })
}

/// Sets `Cache-Control` on the files `ServeDir` answers (not on the not-found page behind it).
pub async fn cache_headers(request: Request, next: Next) -> Response {
    let hashed = is_content_hashed(request.uri().path());
    let mut response = next.run(request).await;
    let served_file =
        matches!(response.status(), StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED)
            && !response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|t| t.starts_with("text/html"));
    if served_file {
        let value = if hashed { IMMUTABLE } else { REVALIDATE };
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
        // The same URL is sent as Brotli, gzip or plain by the request's Accept-Encoding; a
        // shared cache must keep them apart (`ServeDir` does not say so itself).
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_hashed_names_from_plain_ones() {
        for hashed in [
            "/pkg/bayline.0123456789abcdef.wasm",
            "/pkg/bayline.0123456789abcdef.js",
            "/pkg/snippets.0123456789abcdef/frontend-1/inline0.js",
            "/vendor/leaflet/images/layers.fedcba9876543210.png",
        ] {
            assert!(is_content_hashed(hashed), "{hashed}");
        }
        for plain in [
            "/favicon.svg",
            "/pkg/bayline.wasm",
            "/pkg/bayline.0123456789ABCDEF.wasm",
            "/pkg/bayline.0123456789abcde.wasm",
            "/programs/0123456789abcdef",
            "/map/program-map.js",
        ] {
            assert!(!is_content_hashed(plain), "{plain}");
        }
    }
}
