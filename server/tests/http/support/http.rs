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
