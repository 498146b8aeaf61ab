//! Placements over HTTP on both databases: the shop makes one from a hired application (a
//! refusal comes back beside its field with what was typed), the student says they are
//! under 18 and gives a guardian's address, the guardian opens the e-mailed link without an
//! account and agrees, and the placement is active. A cross-site POST changes nothing.
//! People, shops and schools are SYNTHETIC; the ZIP centroid is the real GeoNames row.
use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use chrono::{Duration, Utc};
use domain::placements::PlacementStatus;
use entity::{email_outbox, placement};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use service::{
    accounts::sessions,
    authz::Actor,
    db_test,
    synthetic::world::{self, World},
    testing::add_real_zips,
};

use crate::support::http::{form, get, location, refused_page, router, send};

const SITE: &str = "http://localhost";

async fn cookie(db: &DatabaseConnection, actor: Actor) -> String {
    let session = sessions::start(db, actor.user_id, Utc::now()).await.unwrap();
    format!("bayline_session={}", session.token)
}

async fn build(db: &DatabaseConnection) -> World {
    add_real_zips(db, &["48201"]).await;
    world::build(db, 950001, Utc::now()).await.unwrap()
}

async fn link_to(db: &DatabaseConnection, email: &str) -> String {
    let mail = email_outbox::Entity::find()
        .filter(email_outbox::Column::Recipient.eq(email))
        .order_by_desc(email_outbox::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("a mail to the guardian");
    let (_, rest) = mail.body_text.split_once("/guardian-consent?token=").expect("a consent link");
    rest.split_whitespace().next().unwrap().to_string()
}

db_test!(a_hired_student_is_placed_and_the_guardian_consents, |db: DatabaseConnection| async move {
    let w = build(&db).await;
    let p = w.people;
    let app = router(&db, SITE);
    let owner = cookie(&db, p.shop_owner).await;
    let student = cookie(&db, p.student).await;
    let application = format!("/applications/{}", w.interest);
    let (_, _, html) = send(&app, get(&application, Some(&owner))).await;
    assert!(!html.contains("Make the placement"), "not offered before the application is hired");
    let (status, _, _) =
        send(&app, form(&format!("{application}/status"), "status=hired", Some(&owner))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, _, html) = send(&app, get(&application, Some(&owner))).await;
    assert!(html.contains("Make the placement"), "{html}");
    assert!(html.contains("(named by the student)"), "the program the student shared");

    // A refusal comes back beside its field, with what was typed.
    let create = format!("{application}/placement");
    let mentor = p.shop_member.user_id;
    let today = Utc::now().date_naive();
    let ends = today + Duration::days(45);
    let body = format!("mentor={mentor}&starts_on={today}&ends_on={ends}&weekly_hours=15&paid=unpaid");
    let (status, headers, _) = send(&app, form(&create, &body, Some(&owner))).await;
    assert_eq!((status, location(&headers)), (StatusCode::SEE_OTHER, application.as_str()));
    let page = refused_page(&app, &headers, Some(&owner)).await;
    assert!(page.contains("href=\"#task_areas\""), "the summary links the field: {page}");
    assert!(page.contains("Tick the ASE task areas"), "{page}");
    assert!(page.contains("value=\"15\""), "the hours typed stay");

    let (status, headers, _) = send(&app, form(&create, &format!("{body}&area_a5=on"), Some(&owner))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let row = placement::Entity::find()
        .filter(placement::Column::InterestId.eq(w.interest))
        .one(&db)
        .await
        .unwrap()
        .expect("the placement");
    let page_path = format!("/placements/{}", row.id);
    assert_eq!(location(&headers), format!("{page_path}?done=placement_created"));

    // The student says they are under 18; a bad address is refused beside its field.
    let age = format!("{page_path}/age");
    let (_, headers, _) =
        send(&app, form(&age, "under_18=yes&guardian_email=not-an-address", Some(&student))).await;
    let page = refused_page(&app, &headers, Some(&student)).await;
    assert!(page.contains("href=\"#guardian_email\""), "{page}");
    assert!(page.contains("aria-invalid=\"true\""), "the field is marked");
    assert!(page.contains("value=\"not-an-address\""));
    let guardian = "parent.synthetic@example.com";
    let (_, headers, _) =
        send(&app, form(&age, &format!("under_18=yes&guardian_email={guardian}"), Some(&student))).await;
    assert_eq!(location(&headers), format!("{page_path}?done=consent_sent"));

    // Until consent the shop reads only what was shared: no address, no age.
    let (_, _, html) = send(&app, get(&page_path, Some(&owner))).await;
    assert!(html.contains("Awaiting consent"));
    assert!(!html.contains(guardian) && !html.contains("Under 18"), "{html}");
    assert!(html.contains("once consent is settled"));

    // The guardian, with no account, reads the terms and agrees; a missing name is refused.
    let token = link_to(&db, guardian).await;
    let consent_page = format!("/guardian-consent?token={token}");
    let (status, _, html) = send(&app, get(&consent_page, None)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("15 hours a week") && html.contains("A5 Brakes"), "{html}");
    let (_, headers, _) =
        send(&app, form("/guardian-consent", &format!("token={token}&name=&agree=on"), None)).await;
    assert_eq!(location(&headers), consent_page);
    let page = refused_page(&app, &headers, None).await;
    assert!(page.contains("href=\"#name\""), "{page}");
    let (_, headers, _) =
        send(&app, form("/guardian-consent", &format!("token={token}&name=Pat+Parent&agree=on"), None)).await;
    assert_eq!(location(&headers), "/guardian-consent?done=consent_given");
    let row = placement::Entity::find_by_id(row.id).one(&db).await.unwrap().unwrap();
    assert_eq!((row.status, row.consent_name.as_deref()), (PlacementStatus::Active, Some("Pat Parent")));
    // The link is used up; the coordinator's side sees the consent.
    let (_, _, html) = send(&app, get(&consent_page, None)).await;
    assert!(html.contains("This consent link is not valid"));
    let teacher = cookie(&db, p.instructor_a).await;
    let (_, _, html) = send(&app, get(&page_path, Some(&teacher))).await;
    assert!(html.contains("Agreed by Pat Parent"), "{html}");
});

db_test!(a_cross_site_post_changes_no_placement, |db: DatabaseConnection| async move {
    let w = build(&db).await;
    let app = router(&db, SITE);
    let student = cookie(&db, w.people.student).await;
    let request = Request::post(format!("/placements/{}/end", w.placement))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "http://evil.example")
        .header(header::HOST, "localhost")
        .header(header::COOKIE, &student)
        .body(Body::from("reason=Not+mine"))
        .unwrap();
    let (status, _, _) = send(&app, request).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let row = placement::Entity::find_by_id(w.placement).one(&db).await.unwrap().unwrap();
    assert_eq!(row.status, PlacementStatus::AwaitingConsent);
    // From the site itself, the same form ends it, and the record stays.
    let (status, _, _) =
        send(&app, form(&format!("/placements/{}/end", w.placement), "reason=Not+mine", Some(&student)))
            .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let row = placement::Entity::find_by_id(w.placement).one(&db).await.unwrap().unwrap();
    assert_eq!((row.status, row.end_reason.as_deref()), (PlacementStatus::Withdrawn, Some("Not mine")));
});
