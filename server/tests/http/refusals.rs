//! Refusals answer with the status they mean, on server functions and pages, and a refused
//! page links onward. People, schools and partnerships are SYNTHETIC; ZIP centroids are real.
use axum::http::{StatusCode, header};
use chrono::Utc;
use sea_orm::DatabaseConnection;
use service::{
    accounts::sessions,
    db_test,
    synthetic::partnerships::{Size, generate},
    testing::{add_real_zips, add_synthetic_user},
};

use crate::support::http::{form, get, location, router, send};

const SITE: &str = "http://localhost";

/// A server function called as the hydrated client calls it (JSON answers).
fn call(endpoint: &str, body: &str, cookie: Option<&str>) -> axum::http::Request<axum::body::Body> {
    let mut request = form(&format!("/api/{endpoint}"), body, cookie);
    request.headers_mut().insert(header::ACCEPT, "application/json".parse().unwrap());
    request
}

async fn stranger_cookie(db: &DatabaseConnection) -> String {
    let stranger = add_synthetic_user(db, "stranger@example.com", false).await;
    let session = sessions::start(db, stranger.user_id, Utc::now()).await.unwrap();
    format!("bayline_session={}", session.token)
}

db_test!(server_functions_answer_refusals_with_their_status, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201", "48226"]).await;
    let made = generate(&db, Size { needs: 1, messages: 2, seed: 3 }, Utc::now()).await.unwrap();
    let router = router(&db, SITE);
    let stranger = stranger_cookie(&db).await;
    let id = made.partnership_id;

    let cases = [
        (
            "anonymous",
            call("partnership_page", &format!("id={id}"), None),
            StatusCode::UNAUTHORIZED,
            "SignInRequired",
        ),
        (
            "stranger",
            call("partnership_page", &format!("id={id}"), Some(&stranger)),
            StatusCode::FORBIDDEN,
            "Forbidden",
        ),
        (
            "absent",
            call("partnership_page", "id=987654321", Some(&stranger)),
            StatusCode::NOT_FOUND,
            "NotFound",
        ),
        ("not an id", call("partnership_page", "id=abc", Some(&stranger)), StatusCode::NOT_FOUND, "NotFound"),
        ("no arguments", call("partnership_page", "", Some(&stranger)), StatusCode::BAD_REQUEST, "Transport"),
    ];
    for (who, request, status, error) in cases {
        let (got, _, body) = send(&router, request).await;
        assert_eq!(got, status, "{who}: {body}");
        assert!(body.contains(error), "{who}: {body}");
    }
    // The answers still reach the member: a refusal status is only for refusals.
    let member = format!("bayline_session={}", made.session_token);
    let (status, _, body) = send(&router, call("partnership_page", &format!("id={id}"), Some(&member))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
});

db_test!(refused_pages_answer_with_a_status_and_link_onward, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201", "48226"]).await;
    let made = generate(&db, Size { needs: 1, messages: 2, seed: 4 }, Utc::now()).await.unwrap();
    let router = router(&db, SITE);
    let page = format!("/partnerships/{}", made.partnership_id);

    // Signed out: sign in first, and come back to this page after.
    let (status, headers, _) = send(&router, get(&page, None)).await;
    assert_eq!(status, StatusCode::FOUND);
    assert_eq!(location(&headers), format!("/login?next=%2Fpartnerships%2F{}", made.partnership_id));

    // Signed in but not a party to it: 403, with the way back to the account and home.
    let stranger = stranger_cookie(&db).await;
    let (status, _, body) = send(&router, get(&page, Some(&stranger))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("This page is not yours to see"), "{body}");
    assert!(body.contains(r#"href="/account""#), "{body}");

    // An address that names nothing (no such id, or no id at all): 404, with links onward.
    for absent in ["/partnerships/987654321", "/partnerships/abc"] {
        let (status, _, body) = send(&router, get(absent, Some(&stranger))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{absent}: {body}");
        assert!(body.contains(r#"href="/programs""#), "{absent}: {body}");
    }
});

db_test!(
    every_sign_in_only_page_sends_anonymous_visitors_to_sign_in_and_back,
    |db: DatabaseConnection| async move {
        add_real_zips(&db, &["48201"]).await;
        let world = service::synthetic::world::build(&db, 900001, Utc::now()).await.unwrap();
        let pages = server::page_world::every_page(&world).unwrap();
        let router = router(&db, SITE);
        let mut wrong = Vec::new();
        let mut redirected = 0;
        for page in &pages {
            let (status, headers, body) = send(&router, get(page, None)).await;
            let to = location(&headers);
            if status.is_redirection() {
                // Signing in brings the visitor back to this very page, query included.
                let back = format!("/login?next={}", app::model::encode(page));
                if to != back {
                    wrong.push(format!("{page}: {status} to {to}, not {back}"));
                }
                redirected += 1;
            } else if status != StatusCode::OK && status != StatusCode::NOT_FOUND {
                wrong.push(format!("{page}: {status}"));
            } else if body.contains(">sign in</a> first") || body.contains("Please <a href=\"/login") {
                // A "please sign in" page with no redirect is a dead end on a phone.
                wrong.push(format!("{page}: asks to sign in without sending there"));
            } else if body.matches(r#"<meta name="description" content=""#).count() != 1 {
                // Search engines and link previews show it: every page has exactly one.
                wrong.push(format!("{page}: not exactly one meta description"));
            }
        }
        assert!(wrong.is_empty(), "anonymous visits:\n{}", wrong.join("\n"));
        assert!(redirected >= 15, "the sign-in-only pages were visited: {redirected}");
    }
);
