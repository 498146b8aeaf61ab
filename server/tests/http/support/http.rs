//! Calling the router as a browser would: forms with a same-origin `Origin`, cookies, and
//! the answer read back as text.
use app::ssr::AppState;
use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Request, StatusCode, header},
};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;
use tower::ServiceExt;

/// The application on `db`, serving `site_url` (`https://…` turns on `__Host-` cookies).
pub fn router(db: &DatabaseConnection, site_url: &str) -> Router {
    let options = LeptosOptions::builder().output_name("bayline").site_root("target/site").build();
    server::router(AppState::new(options, db.clone()).with_site_url(site_url.into()))
}

pub async fn send(router: &Router, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let response = router.clone().oneshot(request).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

/// A form POST from a page of the site itself.
pub fn form(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "http://localhost")
        .header(header::HOST, "localhost");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body.to_string())).unwrap()
}

pub fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::empty()).unwrap()
}

pub fn location(headers: &HeaderMap) -> &str {
    headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

/// The cookie pair (`name=value`) a response sets under `name`, if any.
pub fn set_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.split_once('=').is_some_and(|(n, v)| n == name && !v.is_empty()))
        .map(str::to_string)
}

/// The page a refused form was sent back to, as the browser shows it: the redirect's target
/// asked with the refusal's cookie (and `cookie`, a session, when given). Panics when the
/// answer is not such a redirect.
pub async fn refused_page(router: &Router, headers: &HeaderMap, cookie: Option<&str>) -> String {
    let (status, body) = follow_refusal(router, headers, cookie).await;
    assert_eq!(status, StatusCode::OK, "the form page answers");
    body
}

/// The answer to following a refused form's redirect with its cookie, whatever its status.
pub async fn follow_refusal(
    router: &Router,
    headers: &HeaderMap,
    cookie: Option<&str>,
) -> (StatusCode, String) {
    let refusal = set_cookie(headers, "bayline_refused").expect("a refusal sets its cookie");
    let cookies = match cookie {
        Some(session) => format!("{session}; {refusal}"),
        None => refusal,
    };
    let (status, _, body) = send(router, get(location(headers), Some(&cookies))).await;
    (status, body)
}
