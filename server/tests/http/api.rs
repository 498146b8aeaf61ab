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
        get_json(&router, &format!("/api/v1/programs/near-point?lat={lat}&lon={lon}&radius_mi=50&limit=5"))
            .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(by_point["total"], body["total"]);
    assert_eq!(by_point["results"], body["results"]);
    // A ZIP's answer credits the ZIP datasets; a point's, only IPEDS.
    let names = |answer: &Value| -> Vec<String> {
        answer["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(names(&body).iter().any(|n| n.contains("GeoNames")), "{}", body["sources"]);
    assert!(
        body["sources"].as_array().unwrap().iter().all(|s| s["licence"].is_string() && s["url"].is_string())
    );
    assert_eq!(names(&by_point).len(), 1, "{}", by_point["sources"]);

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
        ("/api/v1/programs/near-point?lat=91&lon=0", 400, "lat"),
        ("/api/v1/programs/near-point?lat=40&lon=-190", 400, "lon"),
        ("/api/v1/programs/near-point?lat=abc&lon=0", 400, "lat"),
        ("/api/v1/programs/near-point?lat=40", 400, "lon"),
        ("/api/v1/programs/near-point?zip=48201", 400, "zip"),
        ("/api/v1/programs/near?lat=40&lon=-83", 400, "lat"),
        ("/api/v1/programs/near?zip=48201&include_zero=yes", 400, "include_zero"),
        ("/api/v1/programs/near?zip=48201&kind=", 400, "kind"),
        ("/api/v1/programs/near?zip=%ZZ", 400, "zip"),
        ("/api/v1/programs/clusters?west=-80&south=30&east=-70&zoom=4", 400, "north"),
        ("/api/v1/programs/clusters?west=a&south=30&east=-70&north=45&zoom=4", 400, "west"),
        ("/api/v1/programs/clusters?west=-90&south=30&east=-80&north=95&zoom=4", 400, "north"),
        ("/api/v1/programs/clusters?west=-90&south=30&east=-80&north=45&zoom=21", 400, "zoom"),
        ("/api/v1/programs/clusters?zoom=3", 400, "west"),
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
    let (status, answer) =
        get_json(&router, "/api/v1/programs/clusters?west=-125&south=24&east=-66&north=50&zoom=3").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer["sources"][0]["name"], domain::sources::IPEDS.name);
    let features = &answer["features"];
    let counted: u64 = features
        .as_array()
        .unwrap()
        .iter()
        .map(|f| if f["type"] == "cluster" { f["count"].as_u64().unwrap() } else { 1 })
        .sum();
    let (_, all) =
        get_json(&router, "/api/v1/programs/near-point?lat=39&lon=-98&radius_mi=500&limit=1").await;
    assert!(counted > all["total"].as_u64().unwrap(), "the box holds more than a 500-mile circle");
    assert!(features.as_array().unwrap().iter().any(|f| f["type"] == "cluster"));

    // Alaska Vocational Technical Center (IPEDS 102711) teaches diesel.
    let (status, profile) = get_json(&router, "/api/v1/programs/102711").await;
    assert_eq!(status, StatusCode::OK, "{profile}");
    assert_eq!(profile["state"], "AK");
    assert_eq!(profile["kinds"][0]["kind"], "diesel");
    assert_eq!(profile["kinds"][0]["cip_code"], "47.0605");
    assert_eq!(profile["sources"][0]["name"], domain::sources::IPEDS.name);
    let (_, schools) = get_json(&router, "/api/v1/schools").await;
    assert!(schools["schools"].is_array() && schools["sources"].as_array().unwrap().len() == 4, "{schools}");

    let (status, doc) = get_json(&router, "/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    for path in [
        "/api/v1/programs/near",
        "/api/v1/programs/near-point",
        "/api/v1/programs/clusters",
        "/api/v1/programs/{unitid}",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
});

db_test!(edges_military_zips_territories_and_one_spelling_per_value, |db: DatabaseConnection| async move {
    let router = with_real_data(&db).await;
    // A military ZIP is recognised and answered in words, not as an unknown code.
    let (status, body) = get_json(&router, "/api/v1/programs/near?zip=09001").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(body["error"]["param"], "zip");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("military ZIP codes have no fixed place: use the ZIP code where you are"),
        "{message}"
    );
    let (_, unknown) = get_json(&router, "/api/v1/programs/near?zip=00001").await;
    assert!(unknown["error"]["message"].as_str().unwrap().contains("we do not know the ZIP code 00001"));

    // San Juan is found (a Census ZCTA point, placed in Puerto Rico by its USPS prefix).
    let (status, san_juan) = get_json(&router, "/api/v1/programs/near?zip=00901&radius_mi=25&limit=1").await;
    assert_eq!(status, StatusCode::OK, "{san_juan}");
    assert_eq!(san_juan["results"][0]["state"], "PR", "{san_juan}");

    // Every sector and award value the API returns is accepted back as a filter.
    let (_, wide) = get_json(&router, "/api/v1/programs/near?zip=64106&radius_mi=500&limit=500").await;
    let results = wide["results"].as_array().unwrap();
    let mut sectors: Vec<&str> = results.iter().filter_map(|r| r["sector"].as_str()).collect();
    sectors.sort_unstable();
    sectors.dedup();
    assert!(sectors.len() >= 5, "IPEDS's sectors, not four groups: {sectors:?}");
    for sector in sectors {
        let (status, body) =
            get_json(&router, &format!("/api/v1/programs/near?zip=64106&radius_mi=500&sector={sector}"))
                .await;
        assert_eq!(status, StatusCode::OK, "sector={sector}: {body}");
        assert!(body["results"].as_array().unwrap().iter().all(|r| r["sector"] == sector));
    }
    for result in results {
        for offering in result["programs"].as_array().unwrap() {
            if let Some(award) = offering["award"].as_str() {
                let uri =
                    format!("/api/v1/programs/near?zip=64106&radius_mi=1&award={award}&include_zero=true");
                assert_eq!(get_json(&router, &uri).await.0, StatusCode::OK, "award={award}");
            }
        }
    }

    // Filters hold for one and the same program, with awards, in the list and the clusters.
    let combined = "kind=diesel&award=associate";
    let (_, near) =
        get_json(&router, &format!("/api/v1/programs/near?zip=64106&radius_mi=500&limit=500&{combined}"))
            .await;
    assert_eq!(near["total"], 46, "{near}");
    for result in near["results"].as_array().unwrap() {
        let programs = result["programs"].as_array().unwrap();
        assert!(
            programs.iter().any(|p| p["kind"] == "diesel"
                && p["award"] == "associate"
                && p["completions"].as_u64() > Some(0)),
            "{result}"
        );
    }
    let (_, zero) = get_json(
        &router,
        &format!("/api/v1/programs/near?zip=64106&radius_mi=500&limit=500&{combined}&include_zero=true"),
    )
    .await;
    assert_eq!(zero["total"], 56);
    let world = "west=-180&south=-90&east=180&north=90&zoom=14";
    let (status, features) =
        get_json(&router, &format!("/api/v1/programs/clusters?{world}&{combined}")).await;
    assert_eq!(status, StatusCode::OK);
    let everywhere = features["features"].as_array().unwrap().len();
    let (_, middle) = get_json(
        &router,
        &format!("/api/v1/programs/near-point?lat=39&lon=-98&radius_mi=500&limit=1&{combined}"),
    )
    .await;
    assert!(everywhere as u64 >= middle["total"].as_u64().unwrap());
    let (_, unfiltered) = get_json(&router, &format!("/api/v1/programs/clusters?{world}")).await;
    assert!(everywhere < unfiltered["features"].as_array().unwrap().len(), "the clusters apply the filters");
});
