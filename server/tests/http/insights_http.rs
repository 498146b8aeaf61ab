//! The Industry Data Exchange's outputs over HTTP — the CSV download and the API — under the
//! disclosure attacks of docs/privacy.md: a cell of 4 shops, a dominant shop, and a shop
//! leaving a filter. Whatever the viewer, no answer carries a suppressed figure or a raw
//! value, and the CSV and the API carry the same figures. Shops and people are SYNTHETIC;
//! ZIP centroids are real GeoNames rows.
use app::ssr::AppState;
use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use chrono::Utc;
use domain::{
    insights::{Certification as C, ExperienceBand as E, Role},
    orgs::ShopType,
};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use service::{
    accounts::sessions, authz::Actor, db_test, insights::published_quarters, testing::add_real_zips,
};
use tower::ServiceExt;

// The service tests' builders of crafted insights data, shared rather than copied.
#[path = "../../../service/tests/db/support/insights_data.rs"]
mod insights_data;

use insights_data::{Extras, Line, contributor, shop, submit};

/// The quarter the server publishes today (the tests ask the running router, which reads
/// the clock).
fn published() -> String {
    published_quarters(Utc::now()).last().unwrap().to_string()
}

async fn get(db: &DatabaseConnection, uri: &str, viewer: Option<Actor>) -> (StatusCode, String) {
    let options = LeptosOptions::builder().output_name("bayline").site_root("target/site").build();
    let router = server::router(AppState::new(options, db.clone()).with_site_url("http://localhost".into()));
    let mut request = Request::builder().uri(uri).header(header::HOST, "localhost");
    if let Some(actor) = viewer {
        let session = sessions::start(db, actor.user_id, Utc::now()).await.unwrap();
        request = request.header(header::COOKIE, format!("bayline_session={}", session.token));
    }
    let response = router.oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// The API's figures as (key, value, note).
fn api_figures(body: &str) -> Vec<(String, String, String)> {
    let json: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"));
    json["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let text = |name: &str| f[name].as_str().unwrap().to_string();
            (text("key"), text("value"), text("note"))
        })
        .collect()
}

/// One CSV line's fields (RFC 4180: quoted fields may hold commas and doubled quotes).
fn csv_fields(line: &str) -> Vec<String> {
    let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// The CSV's figures as (key, value, note).
fn csv_figures(body: &str) -> Vec<(String, String, String)> {
    let mut lines = body.split("\r\n").filter(|l| !l.is_empty()).map(csv_fields);
    let head = lines.next().unwrap();
    let at = |name: &str| head.iter().position(|h| h == name).unwrap();
    let (key, value, note) = (at("key"), at("value"), at("note"));
    lines.map(|f| (f[key].clone(), f[value].clone(), f[note].clone())).collect()
}

/// Asks the API and the CSV the same question and returns the pay median's (value, note),
/// after checking both carry the same figures and no forbidden text.
async fn pay_median(
    db: &DatabaseConnection,
    query: &str,
    viewer: Option<Actor>,
    forbidden: &[&str],
) -> (String, String) {
    let (status, api) = get(db, &format!("/api/v1/insights/figures?{query}"), viewer).await;
    assert_eq!(status, StatusCode::OK, "{api}");
    let (status, csv) = get(db, &format!("/insights.csv?{query}"), viewer).await;
    assert_eq!(status, StatusCode::OK, "{csv}");
    for text in forbidden {
        assert!(!api.contains(text), "the API answer carries {text}: {api}");
        assert!(!csv.contains(text), "the CSV carries {text}: {csv}");
    }
    let from_api = api_figures(&api);
    let from_csv = csv_figures(&csv);
    assert_eq!(from_api, from_csv, "the CSV and the API carry the same figures");
    let median = from_api.into_iter().find(|(k, _, _)| k == "pay/annual-pay/median").expect("a pay row");
    (median.1, median.2)
}

db_test!(four_shops_in_a_cell_leave_no_trace_in_the_csv_or_the_api, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201", "48104"]).await;
    for i in 0..4 {
        let shop = shop(&db, i, "MI", "48201", ShopType::IndependentRepair).await;
        // $77,777.xx a year: a value no OEWS row holds, so finding it would be a leak.
        let line = [Line(Role::Diesel, E::From3To5, C::Certified, 20, 7_777_700 + i as i64)];
        submit(
            &db,
            shop,
            &published(),
            &line,
            Extras { labor_mechanical: Some(17_717), ..Default::default() },
        )
        .await;
    }
    let viewer = contributor(&db, "48104", "MI").await;
    for query in ["role=diesel", "role=diesel&state=MI", "role=diesel&zip=48201"] {
        for who in [None, Some(viewer)] {
            let (value, note) = pay_median(&db, query, who, &["77777", "77778", "177.17", "SYNTHETIC"]).await;
            assert_eq!(value, "", "{query}: 4 shops show nothing");
            assert!(!note.is_empty(), "{query}: the reason is given");
        }
    }
});

db_test!(a_dominant_shop_is_suppressed_in_the_csv_and_the_api, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["43215", "48104"]).await;
    for i in 0..6 {
        let shop = shop(&db, i, "OH", "43215", ShopType::Dealership).await;
        let technicians = if i == 0 { 10 } else { 3 };
        submit(
            &db,
            shop,
            &published(),
            &[Line(Role::Collision, E::Over10, C::Master, technicians, 5_555_500)],
            Extras::default(),
        )
        .await;
    }
    let viewer = contributor(&db, "48104", "MI").await;
    let (value, note) = pay_median(&db, "role=collision", Some(viewer), &["55555", "SYNTHETIC"]).await;
    assert_eq!(
        (value.as_str(), note.as_str()),
        ("", "One shop would carry more than a quarter of this figure")
    );
});

db_test!(
    a_shop_leaving_a_filter_cannot_be_differenced_through_the_api,
    |db: DatabaseConnection| async move {
        add_real_zips(&db, &["48201", "48104", "49503"]).await;
        let zips = ["48201", "48104", "49503"];
        for i in 0..6 {
            let shop_type = if i == 5 { ShopType::Dealership } else { ShopType::IndependentRepair };
            let shop = shop(&db, i, "MI", zips[i % 3], shop_type).await;
            submit(
                &db,
                shop,
                &published(),
                &[Line(Role::EntryLevel, E::UpTo2, C::None, 2, 3_800_000 + i as i64 * 1_000)],
                Extras::default(),
            )
            .await;
        }
        let viewer = contributor(&db, "48104", "MI").await;
        let (whole, _) = pay_median(&db, "role=entry_level&state=MI", Some(viewer), &["SYNTHETIC"]).await;
        assert!(!whole.is_empty(), "six shops are shown");
        let (part, note) =
            pay_median(&db, "role=entry_level&state=MI&group=independent", Some(viewer), &["SYNTHETIC"])
                .await;
        assert_eq!(part, "");
        assert_eq!(note, "Together with a wider figure it would single out fewer than 5 shops");
        // The public cannot ask for a refined cell at all.
        let (public, _) = pay_median(&db, "role=entry_level&state=MI&group=independent", None, &[]).await;
        assert_eq!(public, "");
    }
);

db_test!(bad_parameters_are_named, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let (status, body) = get(&db, "/api/v1/insights/figures?role=astronaut", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("\"param\":\"role\""), "{body}");
    // A well-formed ZIP code that names no place has no figures: 404, naming the field.
    let (status, body) = get(&db, "/api/v1/insights/figures?zip=99999", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert!(body.contains("\"param\":\"zip\""), "{body}");
    let (status, body) = get(&db, "/api/v1/insights/figures?zip=48201&state=OH", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert!(body.contains("48201 is in MI, not OH"), "{body}");
    let (status, body) = get(&db, "/api/v1/insights/figures?zip=4820", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) = get(&db, "/api/v1/insights/figures?role=diesel", None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("\"sources\":[{\"name\":\"U.S. Bureau of Labor Statistics"), "{body}");
    // The CSV sends a bad question back to the page, which names the field.
    let (status, _) = get(&db, "/insights.csv?role=astronaut", None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
});

// The attack that first broke the promise, as an anonymous caller of the public API runs it:
// read the national general-service figures, wait for an admin to accept a held submission
// of the published quarter (or for a shop to be deleted), read them again, difference the
// medians. Each read goes to a fresh server (a new router and cache). Without the freeze the
// live rows give the shop's rate back exactly (the type 7 control); with it the two answers
// are the same bytes.
db_test!(
    the_public_api_gives_a_late_acceptance_or_a_deletion_nothing_to_difference,
    |db: DatabaseConnection| async move {
        add_real_zips(&db, &["48201", "43215"]).await;
        let quarter = published();
        for i in 0..11usize {
            let (zip, state) = if i % 2 == 0 { ("48201", "MI") } else { ("43215", "OH") };
            let id = shop(&db, i, state, zip, ShopType::ALL[i % ShopType::ALL.len()]).await;
            let line =
                [Line(Role::GeneralService, E::From3To5, C::Certified, 1, 5_000_000 + i as i64 * 120_000)];
            submit(&db, id, &quarter, &line, Extras::default()).await;
        }
        let target = shop(&db, 11, "MI", "48201", ShopType::IndependentRepair).await;
        let line = [Line(Role::GeneralService, E::From3To5, C::Certified, 1, 5_650_000)];
        let held = submit(&db, target, &quarter, &line, Extras::default()).await;
        entity::pay_submission::Entity::update_many()
            .col_expr(entity::pay_submission::Column::Status, sea_orm::sea_query::Expr::value("held"))
            .filter(entity::pay_submission::Column::Id.eq(held))
            .exec(&db)
            .await
            .unwrap();
        let uri = "/api/v1/insights/figures?role=general_service";
        let live_median = |values: Vec<i64>| {
            let mut v = values;
            v.sort_unstable();
            let h = (v.len() - 1) as f64 / 2.0;
            v[h.floor() as usize] as f64
                + (h - h.floor()) * (v[h.ceil() as usize] - v[h.floor() as usize]) as f64
        };
        let live = || async {
            insights_data::raw_rows(&db, &quarter).await.into_iter().map(|r| r.annual).collect::<Vec<_>>()
        };

        let (status, before) = get(&db, uri, None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            api_figures(&before)
                .iter()
                .any(|(key, value, _)| key == "pay/annual-pay/median" && !value.is_empty()),
            "{before}"
        );
        let control_before = live_median(live().await);
        let admin = service::testing::add_synthetic_user(&db, "admin@bayline.example.com", true).await;
        service::insights::review::decide(&db, Some(admin), held, true, Utc::now()).await.unwrap();
        let control_after = live_median(live().await);
        assert_eq!((2.0 * control_after - control_before).round() as i64, 5_650_000, "the attack is real");
        let (_, after) = get(&db, uri, None).await;
        assert_eq!(after, before, "a late acceptance changes no published byte");

        let control_with = live_median(live().await);
        entity::organisation::Entity::delete_by_id(target).exec(&db).await.unwrap();
        let control_without = live_median(live().await);
        assert_eq!((2.0 * control_with - control_without).round() as i64, 5_650_000, "the attack is real");
        let (_, after_deletion) = get(&db, uri, None).await;
        assert_eq!(after_deletion, before, "a deleted shop changes no published byte");
    }
);

/// A page as the browser gets it, without the hydration markers between text nodes.
fn readable(html: &str) -> String {
    html.replace("<!>", "").replace("<!---->", "")
}

db_test!(a_state_without_a_figure_is_answered_with_its_division, |db: DatabaseConnection| async move {
    // A new site: 3 shops in Michigan and 3 in Ohio (East North Central), 6 in Pennsylvania.
    add_real_zips(&db, &["48201", "43215", "15213"]).await;
    let places = [("MI", "48201", 3), ("OH", "43215", 3), ("PA", "15213", 6)];
    let mut n = 0;
    for (state, zip, shops) in places {
        for _ in 0..shops {
            n += 1;
            let id = shop(&db, n, state, zip, ShopType::IndependentRepair).await;
            let line =
                [Line(Role::GeneralService, E::From3To5, C::Certified, 1, 5_000_000 + n as i64 * 30_000)];
            submit(&db, id, &published(), &line, Extras::default()).await;
        }
    }
    let viewer = contributor(&db, "48201", "MI").await;
    let wider = "nearest-wider-place/annual-pay-in-east-north-central/median";

    // The API and the CSV: Michigan's pay hidden with its reason, the division's beside it.
    let (michigan, note) =
        pay_median(&db, "role=general_service&state=MI", Some(viewer), &["SYNTHETIC"]).await;
    assert_eq!((michigan.as_str(), note.as_str()), ("", "Fewer than 5 shops reported for this selection"));
    let (_, api) = get(&db, "/api/v1/insights/figures?role=general_service&state=MI", Some(viewer)).await;
    let fallback = api_figures(&api).into_iter().find(|(k, _, _)| k == wider).expect("the division's figure");
    let (division, _) =
        pay_median(&db, "role=general_service&division=east_north_central", Some(viewer), &["SYNTHETIC"])
            .await;
    assert!(!division.is_empty());
    assert_eq!(fallback.1, division, "the same figure as asking the division");

    // The page says so, and links to the division's own question.
    let (status, page) = get(&db, "/insights?role=general_service&state=MI", Some(viewer)).await;
    assert_eq!(status, StatusCode::OK);
    let page = readable(&page);
    assert!(
        page.contains(
            "Until Michigan has a figure of its own: East North Central, the nearest wider place with one."
        ),
        "{page}"
    );
    assert!(page.contains(&format!(r#"data-figure="{wider}""#)), "{page}");
    assert!(
        page.contains(r#"href="/insights?role=general_service&amp;division=east_north_central""#),
        "{page}"
    );
    let (_, page) =
        get(&db, "/insights?role=general_service&division=east_north_central", Some(viewer)).await;
    assert!(readable(&page).contains("General service technician in East North Central"), "{page}");
    assert!(page.contains(r#"<option value="east_north_central" selected"#), "the form keeps the choice");

    // A division and a state that disagree name no place: 404, naming the division.
    let (status, body) = get(&db, "/api/v1/insights/figures?division=pacific&state=MI", Some(viewer)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body.contains("\"param\":\"division\"") && body.contains("Michigan is in East North Central"),
        "{body}"
    );
});

db_test!(a_contributing_shop_reads_what_its_data_joins, |db: DatabaseConnection| async move {
    use service::insights::{published_from, quarter_of};
    add_real_zips(&db, &["48201", "43215"]).await;
    let admin = service::testing::add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let (id, owner) = service::testing::add_verified_shop(&db, "joining", "independent_repair", admin).await;
    // Four other Michigan shops reported this quarter (sent before today).
    let quarter = quarter_of(Utc::now());
    for i in 0..4 {
        let other = shop(&db, i, "MI", "48201", ShopType::Dealership).await;
        let line = [Line(Role::GeneralService, E::From3To5, C::Certified, 2, 5_500_000)];
        submit(&db, other, &quarter.to_string(), &line, Extras::default()).await;
    }
    let first_used = published_from(quarter).date_naive().to_string();
    let sentence = domain::insights_progress::joins_sentence(
        &domain::insights_progress::places_of_state("MI"),
        &first_used,
    );
    assert!(sentence.starts_with("Counts toward Michigan, East North Central and national figures from "));

    let (status, page) = get(&db, &format!("/orgs/{id}/pay"), Some(owner)).await;
    assert_eq!(status, StatusCode::OK);
    let page = readable(&page);
    assert!(page.contains("Where your data counts"), "{page}");
    assert!(page.contains(&format!("Your shop's data for {quarter}: {sentence}.")), "{page}");
    // Four others and the shop itself, before it has sent anything: a band, not a count.
    assert!(
        page.contains(r#"<li data-place="Michigan"><strong>Michigan</strong>: 5–14 shops so far</li>"#),
        "{page}"
    );
    assert!(page.contains(r#"<strong>National</strong>: 5–14 shops so far"#), "{page}");

    // After contributing, the receipt and the history say what the submission joins.
    let typed = service::insights::form::ContributionForm {
        rows: vec![service::insights::form::RowForm {
            role: "general_service".into(),
            pay_type: "hourly".into(),
            rate: "27.50".into(),
            flat_hours: String::new(),
            technicians: "3".into(),
            experience: "3-5".into(),
            certification: "certified".into(),
        }],
        ..Default::default()
    };
    let cache = service::insights::snapshot::InsightsCache::new();
    let receipt = service::insights::contribute::contribute(&db, &cache, Some(owner), id, &typed, Utc::now())
        .await
        .unwrap();
    let (_, page) = get(&db, &format!("/orgs/{id}/pay?receipt={}", receipt.submission_id), Some(owner)).await;
    let page = readable(&page);
    assert!(page.contains(&format!("{sentence}.")), "the receipt: {page}");
    assert!(
        page.contains(&format!(
            r#"<td role="cell" data-label="Where it counts" class="joins">{sentence}</td>"#
        )),
        "the history: {page}"
    );
    assert!(
        page.contains(r#"<li data-place="Michigan"><strong>Michigan</strong>: 5–14 shops so far</li>"#),
        "unchanged by sending: {page}"
    );
});
