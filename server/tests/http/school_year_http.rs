//! The school's year over HTTP on both databases: a school with its update and three needs
//! filled shows its badge and "Updated this year" on its page, in `/api/v1/schools` and on
//! `/recognition`, its shop's page shows the shop's badge and (to its members only) the
//! dispute form; the update form's refusal comes back beside the field with what was typed.
//! People, schools and shops are SYNTHETIC; the ZIP centroid is the real GeoNames row.
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use sea_orm::DatabaseConnection;
use service::{
    accounts::sessions,
    authz::Actor,
    db_test,
    needs::{self, create::NeedForm},
    partnerships::offers,
    school_year::{
        fills::{self, FillForm},
        update::{self, UpdateForm},
    },
    testing::{add_real_zips, add_synthetic_user, add_verified_college, add_verified_shop},
};

use crate::support::http::{form, get, location, refused_page, router, send};

const SITE: &str = "http://localhost";

async fn cookie(db: &DatabaseConnection, actor: Actor) -> String {
    let session = sessions::start(db, actor.user_id, Utc::now()).await.unwrap();
    format!("bayline_session={}", session.token)
}

struct Year {
    instructor: Actor,
    program: i64,
    shop: i64,
    shop_owner: Actor,
}

/// A college whose update is posted and whose three needs a shop filled, this school year.
async fn a_full_year(db: &DatabaseConnection) -> Year {
    add_real_zips(db, &["48201"]).await;
    let (instructor, program) = add_verified_college(db, 940001, "pat", 42.35, -83.06).await;
    let admin = add_synthetic_user(db, "admin@bayline.example.com", true).await;
    let (shop, shop_owner) = add_verified_shop(db, "year", "independent_repair", admin).await;
    let now = Utc::now();
    let day = |d| (now.date_naive() + Duration::days(d)).format("%Y-%m-%d").to_string();
    let mut posted = Vec::new();
    for n in 0..3 {
        let need = NeedForm {
            kind: "shop_tour".into(),
            title: format!("Shop tour {n} (SYNTHETIC)"),
            students: "10".into(),
            starts_on: day(1),
            ends_on: day(20),
            paid: "unpaid".into(),
            ..Default::default()
        };
        posted.push(needs::create::create(db, Some(instructor), program, &need, now).await.unwrap());
    }
    let offer = offers::make(db, Some(shop_owner), posted[0], shop, "SYNTHETIC", SITE, now).await.unwrap();
    offers::accept(db, Some(instructor), offer.offer_id, SITE, now).await.unwrap();
    for need in posted {
        let by = FillForm { shop: shop.to_string(), filled_on: String::new() };
        fills::record(db, Some(instructor), need, &by, SITE, now).await.unwrap();
    }
    let update = UpdateForm {
        enrolled_auto: "28".into(),
        completions: "14".into(),
        changes: "A new hybrid lab (SYNTHETIC)".into(),
        ..Default::default()
    };
    update::save(db, Some(instructor), program, &update, now).await.unwrap();
    Year { instructor, program, shop, shop_owner }
}

db_test!(a_full_year_shows_both_badges_everywhere, |db: DatabaseConnection| async move {
    let y = a_full_year(&db).await;
    let app = router(&db, SITE);
    let (status, _, html) = send(&app, get(&format!("/orgs/{}", y.program), None)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Partner-ready school"), "the school's badge: {html}");
    assert!(html.contains("Updated this year"));
    assert!(html.contains("Automotive: 28 students"));
    assert_eq!(html.matches("class=\"filled-need\"").count(), 3);

    let (_, _, html) = send(&app, get(&format!("/orgs/{}", y.shop), None)).await;
    assert!(html.contains("Industry partner"), "the shop's badge");
    assert!(!html.contains("/fill/dispute"), "a visitor is offered no dispute");
    let owner = cookie(&db, y.shop_owner).await;
    let (_, _, html) = send(&app, get(&format!("/orgs/{}", y.shop), Some(&owner))).await;
    assert_eq!(html.matches("/fill/dispute").count(), 3, "the shop's members may dispute each record");

    let (_, _, body) = send(&app, get("/api/v1/schools", None)).await;
    let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
    let mark =
        answer["marks"].as_array().unwrap().iter().find(|m| m["organisation_id"] == y.program).cloned();
    let mark = mark.expect("the school is marked");
    assert_eq!(mark["updated_this_year"], true);
    assert_eq!(mark["unitid"], 940001);
    assert_eq!(mark["badge"]["kind"], "School");

    let (_, _, html) = send(&app, get("/recognition", None)).await;
    assert!(html.contains("Synthetic year Garage"), "the shop is listed: {html}");
    let (status, _, _) = send(&app, get("/recognition?year=2999", None)).await;
    assert_ne!(status, StatusCode::OK, "a future year is refused");
});

db_test!(
    the_update_form_refuses_beside_the_field_and_keeps_what_was_typed,
    |db: DatabaseConnection| async move {
        let y = a_full_year(&db).await;
        let app = router(&db, SITE);
        let teacher = cookie(&db, y.instructor).await;
        let path = format!("/orgs/{}/year-update", y.program);
        let body = "enrolled_auto=28&completions=lots&changes=Kept+as+typed";
        let (status, headers, _) = send(&app, form(&path, body, Some(&teacher))).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location(&headers), path);
        let page = refused_page(&app, &headers, Some(&teacher)).await;
        assert!(page.contains("A whole number of students"), "{page}");
        assert!(page.contains("value=\"28\""), "the figure typed stays in its field");
        assert!(page.contains("Kept as typed"), "what was typed comes back");
        // The shop's owner may not write the school's update.
        let owner = cookie(&db, y.shop_owner).await;
        let (status, _, _) = send(&app, form(&path, "completions=3&changes=Not+ours", Some(&owner))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
);
