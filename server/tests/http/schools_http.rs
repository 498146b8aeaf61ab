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
    // The kind filter applies to them as to programs.
    let (_, _, html) = send(&app, get("/programs?zip=48201&radius=25&kind=diesel", None)).await;
    assert!(html.contains("1 more school nearby, not yet on Bayline"), "{html}");
    assert!(html.contains("SYNTHETIC Diesel Center") && !html.contains("SYNTHETIC Cass Tech Auto"));
});
