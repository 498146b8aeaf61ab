//! Imported school listings over HTTP on both databases: `/api/v1/schools?status=…` keeps
//! them apart from verified programs, each naming its list and line; the program finder
//! counts them apart from the IPEDS programs. The list is SYNTHETIC; the ZIP centroids are
//! the real GeoNames rows.
use axum::http::StatusCode;
use chrono::Utc;
use importer::SilentProgress;
use sea_orm::DatabaseConnection;
use service::{db_test, testing::add_real_zips};

use crate::support::http::{get, router, send};

const LIST: &str = "\
name,street,city,state,zip,kinds,level,web_host,nces_id,aef_accredited_until,lat,lon
SYNTHETIC Cass Tech Auto,2501 Second Ave,Detroit,MI,48201,auto;collision,high_school,,,,,
SYNTHETIC Diesel Center,1 Diesel Way,Detroit,MI,48201,diesel,cte_center,,,,42.36,-83.07
";

async fn imported(db: &DatabaseConnection) {
    add_real_zips(db, &["48201"]).await;
    let path = std::path::Path::new("synthetic-schools.csv");
    let rows = importer::check_schools(db, path, LIST.as_bytes()).await.unwrap();
    importer::import_schools(db, &rows, "SYNTHETIC county list", Utc::now(), &SilentProgress).await.unwrap();
}

db_test!(the_api_keeps_listings_apart_from_verified_programs, |db: DatabaseConnection| async move {
    imported(&db).await;
    let app = router(&db, "http://localhost");
    let json = |body: &str| serde_json::from_str::<serde_json::Value>(body).unwrap();
    let (status, _, body) = send(&app, get("/api/v1/schools?status=unclaimed", None)).await;
    assert_eq!(status, StatusCode::OK);
    let answer = json(&body);
    let listings = answer["listings"].as_array().unwrap();
    assert_eq!(listings.len(), 2);
    assert_eq!(answer["schools"].as_array().unwrap().len(), 0);
    assert_eq!(listings[0]["source"], "SYNTHETIC county list");
    assert_eq!(listings[0]["source_line"], 2);
    assert_eq!(listings[0]["located_by_zip"], true);
    assert_eq!(listings[1]["level"], "cte_center");

    let (_, _, body) = send(&app, get("/api/v1/schools?status=verified", None)).await;
    assert_eq!(json(&body)["listings"].as_array().unwrap().len(), 0, "a listing is never verified");
    let (_, _, body) = send(&app, get("/api/v1/schools", None)).await;
    assert_eq!(json(&body)["listings"].as_array().unwrap().len(), 2);
    for bad in ["/api/v1/schools?status=claimed", "/api/v1/schools?state=MI"] {
        let (status, _, body) = send(&app, get(bad, None)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
});

db_test!(the_finder_counts_listings_apart_from_programs, |db: DatabaseConnection| async move {
    imported(&db).await;
    let app = router(&db, "http://localhost");
    let (status, _, html) = send(&app, get("/programs?zip=48201&radius=25", None)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("2 more schools nearby, not yet on Bayline"), "{html}");
    assert!(html.contains("From SYNTHETIC county list, line 2."), "each says where it came from");
    assert_eq!(html.matches("data-listing-id=").count(), 2);
    assert!(html.contains("results map-only"), "no college in range: the map is drawn for the schools alone");
    // The kind filter applies to them as to programs.
    let (_, _, html) = send(&app, get("/programs?zip=48201&radius=25&kind=diesel", None)).await;
    assert!(html.contains("1 more school nearby, not yet on Bayline"), "{html}");
    assert!(html.contains("SYNTHETIC Diesel Center") && !html.contains("SYNTHETIC Cass Tech Auto"));
});

/// A browser's multipart upload of a list and its name.
fn upload(source: &str, file: &str, cookie: &str) -> axum::http::Request<axum::body::Body> {
    let boundary = "SYNTHETICboundary7MA4YWxk";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\n{source}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"county.csv\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n\
         --{boundary}--\r\n"
    );
    axum::http::Request::post("/admin/schools/import")
        .header(axum::http::header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .header(axum::http::header::ORIGIN, "http://localhost")
        .header(axum::http::header::HOST, "localhost")
        .header(axum::http::header::COOKIE, cookie)
        .body(axum::body::Body::from(body))
        .unwrap()
}

async fn session_of(db: &DatabaseConnection, email: &str, admin: bool) -> String {
    let person = service::testing::add_synthetic_user(db, email, admin).await;
    let session = service::accounts::sessions::start(db, person.user_id, Utc::now()).await.unwrap();
    format!("bayline_session={}", session.token)
}

db_test!(an_admin_uploads_a_list_reads_its_preview_and_imports_it, |db: DatabaseConnection| async move {
    use crate::support::http::{form, location};
    add_real_zips(&db, &["48201"]).await;
    let app = router(&db, "http://localhost");
    let admin = session_of(&db, "synthetic.importer@bayline.example.com", true).await;
    let other_admin = session_of(&db, "synthetic.other@bayline.example.com", true).await;
    let shop_person = session_of(&db, "synthetic.person@example.com", false).await;

    // Not an admin: refused before the body is read.
    let (status, _, _) = send(&app, upload("SYNTHETIC county list", LIST, &shop_person)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // A list with two problems: the preview names both; confirming imports nothing.
    let bad = LIST
        .replace("Detroit,MI,48201,diesel", "Detroit,OH,48201,diesel")
        .replace("auto;collision", "auto;boats");
    let (status, headers, _) = send(&app, upload("SYNTHETIC county list", &bad, &admin)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let preview = location(&headers).to_string();
    assert!(preview.starts_with("/admin/schools/import/"), "{preview}");
    let (_, _, html) = send(&app, get(&preview, Some(&admin))).await;
    assert!(html.contains("The list is refused: 2 problems to correct"), "{html}");
    assert!(
        html.contains("county.csv:2: unknown kind &#x27;boats&#x27;")
            || html.contains("county.csv:2: unknown kind 'boats'"),
        "{html}"
    );
    assert!(html.contains("county.csv:3: ZIP 48201 is in MI, not OH"), "{html}");
    let (_, _, _) = send(&app, form(&format!("{preview}/confirm"), "", Some(&admin))).await;
    assert!(service::schools::unclaimed(&db).await.unwrap().is_empty(), "a refused list imports nothing");

    // A good list: the preview says what it adds; another admin cannot see it; confirming imports.
    let (_, headers, _) = send(&app, upload("SYNTHETIC county list", LIST, &admin)).await;
    let preview = location(&headers).to_string();
    let (_, _, html) = send(&app, get(&preview, Some(&admin))).await;
    assert!(html.contains("2 to add, 0 to update, 0 unchanged."), "{html}");
    let (status, _, _) = send(&app, get(&preview, Some(&other_admin))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a draft is its uploader's");
    let (status, headers, _) = send(&app, form(&format!("{preview}/confirm"), "", Some(&admin))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/admin/schools/import?done=schools_imported");
    let listings = service::schools::unclaimed(&db).await.unwrap();
    assert_eq!(listings.len(), 2);
    assert!(listings.iter().all(|l| l.source == "SYNTHETIC county list"));
    // The draft is gone; the page lists the list.
    let (status, _, _) = send(&app, get(&preview, Some(&admin))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, _, html) = send(&app, get("/admin/schools/import", Some(&admin))).await;
    assert!(html.contains("<td>SYNTHETIC county list</td><td>2</td><td>0</td>"), "{html}");
});
