//! The public JSON API over the real imported data, on both databases: answers, ordering,
//! and a named 4xx (never a 5xx) for every kind of bad input.
use std::path::PathBuf;

use app::ssr::AppState;
use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;
use serde_json::Value;
use service::db_test;
use tower::ServiceExt;

fn data_dir() -> PathBuf {
    std::env::var_os("BAYLINE_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"))
}

async fn with_real_data(db: &DatabaseConnection) -> axum::Router {
    importer::import_all(db, &data_dir(), &importer::SilentProgress).await.unwrap();
    let options = LeptosOptions::builder().output_name("bayline").site_root("target/site").build();
    server::router(AppState::new(options, db.clone()))
}

async fn get_json(router: &axum::Router, uri: &str) -> (StatusCode, Value) {
    let response = router.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|_| panic!("{uri}: not JSON: {bytes:?}"));
    (status, json)
}

db_test!(near_answers_sorted_pages_from_a_zip_or_a_point, |db: DatabaseConnection| async move {
    let router = with_real_data(&db).await;
    let (status, body) = get_json(&router, "/api/v1/programs/near?zip=48201&radius_mi=50&limit=5").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["origin"]["zip"], "48201");
    assert_eq!(body["radius_mi"], 50);
    let results = body["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    let total = body["total"].as_u64().unwrap();
    assert!(total > 5, "Detroit has more than five programs within 50 miles");
    let distances: Vec<f64> = results.iter().map(|r| r["distance_mi"].as_f64().unwrap()).collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    assert!(distances.iter().all(|d| *d <= 50.0));
    for key in ["unitid", "name", "city", "state", "lat", "lon", "kinds", "completions"] {
        assert!(!results[0][key].is_null(), "{key} missing");
    }

    // The next page continues where this one stopped.
    let (_, next) = get_json(&router, "/api/v1/programs/near?zip=48201&radius_mi=50&limit=5&offset=5").await;
    let first_next = next["results"][0]["distance_mi"].as_f64().unwrap();
    assert!(first_next >= distances[4]);

    // The same point given as lat/lon finds the same programs.
    let (lat, lon) = (body["origin"]["lat"].as_f64().unwrap(), body["origin"]["lon"].as_f64().unwrap());
    let (status, by_point) =
        get_json(&router, &format!("/api/v1/programs/near?lat={lat}&lon={lon}&radius_mi=50&limit=5")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(by_point["total"], body["total"]);
    assert_eq!(by_point["results"], body["results"]);

    // A kind filter keeps only programs teaching it.
    let (_, diesel) = get_json(&router, "/api/v1/programs/near?zip=48201&radius_mi=100&kind=diesel").await;
    for r in diesel["results"].as_array().unwrap() {
        assert!(r["kinds"].as_array().unwrap().contains(&Value::from("diesel")), "{r}");
    }

    // A radius with nothing in it is an empty answer, not an error.
    let (status, empty) = get_json(&router, "/api/v1/programs/near?zip=99723&radius_mi=10").await;
    assert_eq!((status, empty["total"].as_u64()), (StatusCode::OK, Some(0)));
});

db_test!(bad_input_is_a_named_4xx, |db: DatabaseConnection| async move {
    let router = with_real_data(&db).await;
    let cases = [
        ("/api/v1/programs/near?zip=00000", 404, "zip"),
        ("/api/v1/programs/near?zip=4820", 400, "zip"),
        ("/api/v1/programs/near", 400, "zip"),
        ("/api/v1/programs/near?zip=48201&radius_mi=0", 400, "radius_mi"),
        ("/api/v1/programs/near?zip=48201&radius_mi=501", 400, "radius_mi"),
        ("/api/v1/programs/near?zip=48201&radius_mi=1e3", 400, "radius_mi"),
        ("/api/v1/programs/near?zip=48201&limit=0", 400, "limit"),
        ("/api/v1/programs/near?zip=48201&limit=501", 400, "limit"),
        ("/api/v1/programs/near?zip=48201&offset=-2", 400, "offset"),
        ("/api/v1/programs/near?zip=48201&kind=boats", 400, "kind"),
        ("/api/v1/programs/near?lat=91&lon=0", 400, "lat"),
        ("/api/v1/programs/near?lat=40&lon=-190", 400, "lon"),
        ("/api/v1/programs/near?lat=abc&lon=0", 400, "lat"),
        ("/api/v1/programs/near?lat=40", 400, "lon"),
        ("/api/v1/programs/near?zip=%ZZ", 400, "zip"),
        ("/api/v1/programs/clusters?bbox=-80,30,-90,45&zoom=4", 400, "bbox"),
        ("/api/v1/programs/clusters?bbox=-80,30,-70&zoom=4", 400, "bbox"),
        ("/api/v1/programs/clusters?bbox=a,b,c,d&zoom=4", 400, "bbox"),
        ("/api/v1/programs/clusters?bbox=-90,30,-80,45&zoom=21", 400, "zoom"),
        ("/api/v1/programs/clusters?zoom=3", 400, "bbox"),
        ("/api/v1/programs/abc", 400, "unitid"),
        ("/api/v1/programs/1", 404, "unitid"),
    ];
    for (uri, status, param) in cases {
        let (got, body) = get_json(&router, uri).await;
        assert_eq!(got.as_u16(), status, "{uri}: {body}");
        assert_eq!(body["error"]["param"], param, "{uri}: {body}");
        assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
});

db_test!(clusters_profiles_and_the_openapi_document, |db: DatabaseConnection| async move {
    let router = with_real_data(&db).await;
    // Zoomed out over the lower 48, every program inside is counted exactly once.
    let (status, features) = get_json(&router, "/api/v1/programs/clusters?bbox=-125,24,-66,50&zoom=3").await;
    assert_eq!(status, StatusCode::OK);
    let counted: u64 = features
        .as_array()
        .unwrap()
        .iter()
        .map(|f| if f["type"] == "cluster" { f["count"].as_u64().unwrap() } else { 1 })
        .sum();
    let (_, all) = get_json(&router, "/api/v1/programs/near?lat=39&lon=-98&radius_mi=500&limit=1").await;
    assert!(counted > all["total"].as_u64().unwrap(), "the box holds more than a 500-mile circle");
    assert!(features.as_array().unwrap().iter().any(|f| f["type"] == "cluster"));

    // Alaska Vocational Technical Center (IPEDS 102711) teaches diesel.
    let (status, profile) = get_json(&router, "/api/v1/programs/102711").await;
    assert_eq!(status, StatusCode::OK, "{profile}");
    assert_eq!(profile["state"], "AK");
    assert_eq!(profile["kinds"][0]["kind"], "diesel");
    assert_eq!(profile["kinds"][0]["cip_code"], "47.0605");

    let (status, doc) = get_json(&router, "/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    for path in ["/api/v1/programs/near", "/api/v1/programs/clusters", "/api/v1/programs/{unitid}"] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
});
