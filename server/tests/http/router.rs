//! The router over HTTP, through `tower::ServiceExt::oneshot`: probes, pages, server
//! functions, security headers and request limits. Data rows here are synthetic.
use app::ssr::AppState;
use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use domain::ProgramKind;
use entity::zip_centroid;
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use sea_orm::{ActiveModelTrait, DatabaseConnection, IntoActiveModel};
use service::{
    db_test,
    testing::{add_synthetic_completions, add_synthetic_institution},
};
use tower::ServiceExt;

fn state(db: DatabaseConnection) -> AppState {
    let leptos_options = LeptosOptions::builder().output_name("bayline").site_root("target/site").build();
    AppState::new(leptos_options, db)
}

async fn send(db: &DatabaseConnection, request: Request<Body>) -> (StatusCode, header::HeaderMap, String) {
    let response = server::router(state(db.clone())).oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&bytes).into_owned())
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

/// Two synthetic programs in two states (12 automotive, 5 diesel completions) and ZIP 48201.
async fn seed(db: &DatabaseConnection) {
    add_synthetic_institution(db, 900001, "MI", 42.3, -83.0).await;
    add_synthetic_institution(db, 900002, "OH", 42.3, -83.0).await;
    add_synthetic_completions(db, 900001, ProgramKind::Auto, 3, 12).await;
    add_synthetic_completions(db, 900002, ProgramKind::Diesel, 3, 5).await;
    zip_centroid::Model {
        zip: "48201".into(),
        latitude: 42.35,
        longitude: -83.06,
        city: "Detroit".into(),
        state: "MI".into(),
        source: "geonames".into(),
    }
    .into_active_model()
    .insert(db)
    .await
    .unwrap();
}

/// The text of the element with this `data-testid`, without Leptos's hydration markers.
fn cell(body: &str, test_id: &str) -> String {
    let start = body.find(&format!(r#"data-testid="{test_id}""#)).expect(test_id);
    let text = &body[start..];
    let text = &text[text.find('>').unwrap() + 1..];
    text[..text.find("</").unwrap()].replace("<!>", "").replace("<!---->", "")
}

fn csp(headers: &header::HeaderMap) -> String {
    headers.get(header::CONTENT_SECURITY_POLICY).expect("CSP header").to_str().unwrap().to_string()
}

db_test!(probes_answer, |db: DatabaseConnection| async move {
    let (status, _, body) = send(&db, get("/healthz")).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
    let (status, _, body) = send(&db, get("/readyz")).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ready"));
});

db_test!(readiness_fails_when_the_database_is_gone, |db: DatabaseConnection| async move {
    let router = server::router(state(db.clone()));
    db.clone().close().await.unwrap();
    let response = router.oneshot(get("/readyz")).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
});

db_test!(home_page_is_server_rendered_with_live_totals, |db: DatabaseConnection| async move {
    seed(&db).await;
    let (status, headers, body) = send(&db, get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cell(&body, "total-schools"), "2", "{body}");
    assert_eq!(cell(&body, "total-programs"), "2");
    assert_eq!(cell(&body, "total-places"), "2 states");
    assert_eq!(cell(&body, "total-completions"), "17");
    assert_eq!(cell(&body, "completions-auto"), "12");
    assert_eq!(cell(&body, "completions-diesel"), "5");
    assert!(body.contains(r#"action="/programs""#), "the ZIP search leads to the program finder");
    assert!(body.contains("GeoNames"), "the footer credits GeoNames");
    assert!(headers.contains_key("x-request-id"));
});

// The first view reads the totals through the server function; the next renders them at once
// from the snapshot that read left fresh. Both say the same.
db_test!(remembered_totals_read_like_the_databases, |db: DatabaseConnection| async move {
    seed(&db).await;
    let state = state(db.clone());
    let app = server::router(state.clone());
    assert!(state.programs.fresh().is_none(), "nothing is remembered before the first view");
    for view in ["first", "second"] {
        let response = app.clone().oneshot(get("/")).await.unwrap();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body = String::from_utf8_lossy(&bytes);
        for (cell_id, figure) in [
            ("total-schools", "2"),
            ("total-places", "2 states"),
            ("total-completions", "17"),
            ("completions-auto", "12"),
        ] {
            assert_eq!(cell(&body, cell_id), figure, "{view} view, {cell_id}");
        }
        assert!(state.programs.fresh().is_some(), "the {view} view left the snapshot fresh");
    }
});

db_test!(html_carries_a_fresh_nonce_and_security_headers, |db: DatabaseConnection| async move {
    let (_, first, body) = send(&db, get("/")).await;
    let policy = csp(&first);
    let nonce =
        policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("nonce in CSP");
    assert!(nonce.len() >= 16);
    assert!(body.contains(&format!(r#"nonce="{nonce}""#)), "the hydration script carries the header's nonce");
    for part in ["'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
        assert!(policy.contains(part), "{part} missing from {policy}");
    }
    assert_eq!(first.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    assert!(first.contains_key(header::REFERRER_POLICY));
    let (_, second, _) = send(&db, get("/")).await;
    assert_ne!(csp(&second), policy, "every response gets its own nonce");
});

db_test!(unknown_pages_get_a_real_404_page, |db: DatabaseConnection| async move {
    let (status, headers, body) = send(&db, get("/no/such/page")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("Page not found"));
    assert!(csp(&headers).contains("'nonce-"));
});

db_test!(server_function_returns_totals_as_json, |db: DatabaseConnection| async move {
    seed(&db).await;
    let request = Request::post("/api/program_totals")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "http://localhost")
        .header(header::HOST, "localhost")
        .body(Body::empty())
        .unwrap();
    let (status, _, body) = send(&db, request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["programs"], 2);
    assert_eq!(json["completions"], 17);
});

db_test!(cross_site_posts_are_refused, |db: DatabaseConnection| async move {
    for (name, value) in [("origin", "https://evil.example"), ("sec-fetch-site", "cross-site")] {
        let request = Request::post("/api/program_totals")
            .header(header::HOST, "localhost")
            .header(name, value)
            .body(Body::empty())
            .unwrap();
        let (status, _, _) = send(&db, request).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{name}: {value}");
    }
});

db_test!(oversized_bodies_are_refused, |db: DatabaseConnection| async move {
    let request = Request::post("/api/program_totals")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, server::routes::MAX_BODY_BYTES + 1)
        .body(Body::from(vec![b'a'; server::routes::MAX_BODY_BYTES + 1]))
        .unwrap();
    let (status, _, _) = send(&db, request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
});

db_test!(html_is_compressed_when_asked, |db: DatabaseConnection| async move {
    let request = Request::get("/").header(header::ACCEPT_ENCODING, "br, gzip").body(Body::empty()).unwrap();
    let (_, headers, _) = send(&db, request).await;
    assert_eq!(headers.get(header::CONTENT_ENCODING).unwrap(), "br");
});

db_test!(finder_profile_and_widget_pages_render_on_the_server, |db: DatabaseConnection| async move {
    seed(&db).await;
    let (status, headers, body) = send(&db, get("/programs?zip=48201&radius=25&kind=diesel")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("1 program within 25 miles of ZIP 48201 (Detroit, MI)"), "{body}");
    assert!(body.contains(r#"href="/programs/900002?zip=48201""#));
    assert!(!body.contains("900001"), "the automotive-only program is filtered out");
    assert!(csp(&headers).contains("frame-ancestors 'none'"));
    assert_eq!(headers.get(header::X_FRAME_OPTIONS).unwrap(), "DENY");

    let (status, _, body) = send(&db, get("/programs?zip=48201&radius=0")).await;
    assert_eq!(status, StatusCode::OK, "bad input is explained on the page");
    assert!(body.contains("radius: must be between 1 and 500 miles"), "{body}");

    let (status, _, body) = send(&db, get("/programs/900001?zip=48201")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Synthetic Technical College 900001"));
    assert!(body.contains("miles from ZIP 48201"));
    let (status, _, _) = send(&db, get("/programs/123")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, headers, body) = send(&db, get("/embed/programs?zip=48201")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(csp(&headers).contains("frame-ancestors *"));
    assert!(headers.get(header::X_FRAME_OPTIONS).is_none(), "the widget may be framed");
    assert!(!body.contains("Skip to content"), "no site chrome in the widget");
    assert!(body.contains(r#"target="_blank""#));
});

db_test!(career_pages_render_on_the_server_and_explain_bad_input, |db: DatabaseConnection| async move {
    seed(&db).await;
    let (status, _, body) = send(&db, get("/careers")).await;
    assert_eq!(status, StatusCode::OK);
    for title in ["Automotive service", "Diesel and heavy truck", "Collision repair", "EV, hybrid and ADAS"] {
        assert!(body.contains(title), "{title}");
    }
    // Near a ZIP: the place, and the synthetic automotive program (not the diesel one).
    let (status, _, body) = send(&db, get("/careers/automotive-service?zip=48201")).await;
    assert_eq!(status, StatusCode::OK, "{}", &body[..body.len().min(2000)]);
    assert!(body.contains("Showing pay and programs for ZIP 48201 (Detroit, MI)"));
    assert!(body.contains("Synthetic Technical College 900001"));
    assert!(!body.contains("Synthetic Technical College 900002"));
    // A ZIP that does not exist: the page explains, with status 200 and the form kept.
    let (status, _, body) = send(&db, get("/careers/automotive-service?zip=00000")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("We do not know the ZIP code 00000"));
    // Unknown paths and steps: a 404 page that links to the paths (and the path's steps).
    for (url, hint) in [
        ("/careers/astronaut", "There is no career path at this address."),
        ("/careers/collision-repair/astronaut", "There is no such step on this path."),
        ("/careers/astronaut/print", "There is no career path at this address."),
    ] {
        let (status, _, body) = send(&db, get(url)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{url}");
        assert!(body.contains(hint), "{url}");
        assert!(body.contains(r#"href="/careers/diesel-heavy-truck""#), "{url}");
    }
    let (status, _, body) = send(&db, get("/careers/collision-repair/astronaut")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains(r#"href="/careers/collision-repair/painter""#));
    let (status, _, body) = send(&db, get("/careers/collision-repair/print?zip=48201")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("For ZIP 48201 (Detroit, MI)."));
});

// Building a router lists the app's routes by running the app once, and while it runs
// leptos_server holds back every resource of the process. A page rendering on another router
// at that moment used to wait until the 30-second timeout answered 408; the list is now made
// once per process. Here pages render while other routers are built beside them.
db_test!(building_a_router_never_stalls_a_page_on_another, |db: DatabaseConnection| async move {
    seed(&db).await;
    let serving = server::router(state(db.clone()));
    for round in 0..20 {
        let page = tokio::spawn(serving.clone().oneshot(get("/programs/900001?zip=48201")));
        let builders: Vec<_> = (0..4)
            .map(|_| {
                let db = db.clone();
                tokio::task::spawn_blocking(move || drop(server::router(state(db))))
            })
            .collect();
        for builder in builders {
            builder.await.unwrap();
        }
        // Far above the tens of milliseconds a page takes, below the router's own timeout.
        let response = tokio::time::timeout(std::time::Duration::from_secs(20), page)
            .await
            .unwrap_or_else(|_| panic!("round {round}: the page waited on a router being built"))
            .unwrap()
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "round {round}");
    }
});
