//! Placements from an accepted offer over HTTP on both databases, without JavaScript: the
//! shop's form on the partnership page (refusals beside their fields, what was typed kept),
//! the placement waiting for its student, and the student's join link signed out (the link
//! waits in a cookie, never in the sign-in page's address) and signed in ("This is me"),
//! then the usual age answer. People, shops and schools are SYNTHETIC; the ZIP centroid is
//! the real GeoNames row of 48201.
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use domain::placements::PlacementStatus;
use entity::{email_outbox, placement};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use service::{
    accounts::sessions,
    authz::Actor,
    db_test,
    needs::create::NeedForm,
    partnerships::offers,
    synthetic::world::{self, World},
    testing::{add_real_zips, add_synthetic_user},
};

use crate::support::http::{form, get, location, refused_page, router, send, set_cookie};

const SITE: &str = "http://localhost";
const STUDENT: &str = "sent.student@example.com";

async fn cookie(db: &DatabaseConnection, actor: Actor) -> String {
    let session = sessions::start(db, actor.user_id, Utc::now()).await.unwrap();
    format!("bayline_session={}", session.token)
}

/// The world with an internship need of program A and the verified shop's offer on it
/// accepted: `(world, offer, partnership)`.
async fn build(db: &DatabaseConnection) -> (World, i64, i64) {
    add_real_zips(db, &["48201"]).await;
    let w = world::build(db, 960001, Utc::now()).await.unwrap();
    let p = w.people;
    let day = |n| (Utc::now().date_naive() + Duration::days(n)).to_string();
    let need_form = NeedForm {
        kind: "internship_hosts".into(),
        title: "Spring interns (SYNTHETIC)".into(),
        students: "2".into(),
        starts_on: day(7),
        ends_on: day(90),
        paid: "paid".into(),
        ..Default::default()
    };
    let need = service::needs::create::create(db, Some(p.instructor_a), w.program_a, &need_form, Utc::now())
        .await
        .unwrap();
    let offer = offers::make(db, Some(p.shop_owner), need, w.verified_shop, "We host two", SITE, Utc::now())
        .await
        .unwrap()
        .offer_id;
    let partnership = offers::accept(db, Some(p.instructor_a), offer, SITE, Utc::now()).await.unwrap();
    (w, offer, partnership)
}

async fn join_token(db: &DatabaseConnection, email: &str) -> String {
    let mail = email_outbox::Entity::find()
        .filter(email_outbox::Column::Recipient.eq(email))
        .order_by_desc(email_outbox::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("a mail to the student");
    let (_, rest) = mail.body_text.split_once("/placements/join?token=").expect("a join link");
    rest.split_whitespace().next().unwrap().to_string()
}

db_test!(a_shop_places_a_student_the_school_sends_and_they_join, |db: DatabaseConnection| async move {
    let (w, offer, partnership) = build(&db).await;
    let p = w.people;
    let app = router(&db, SITE);
    let owner = cookie(&db, p.shop_owner).await;
    let teacher = cookie(&db, p.instructor_a).await;
    let page = format!("/partnerships/{partnership}");
    let (_, _, html) = send(&app, get(&page, Some(&owner))).await;
    assert!(html.contains("Placements from accepted offers"), "{html}");
    assert!(html.contains(&format!("action=\"/offers/{offer}/placements\"")), "the shop's form: {html}");
    let (_, _, html) = send(&app, get(&page, Some(&teacher))).await;
    assert!(
        html.contains("Spring interns (SYNTHETIC)") && !html.contains("/placements\""),
        "no form for the school"
    );

    // Refused beside the fields (no address, no task area), with what was typed.
    let today = Utc::now().date_naive();
    let ends = today + Duration::days(45);
    let mentor = p.shop_member.user_id;
    let terms = format!("mentor={mentor}&starts_on={today}&ends_on={ends}&weekly_hours=12&paid=paid");
    let create = format!("/offers/{offer}/placements");
    let (status, headers, _) = send(&app, form(&create, &format!("email=&{terms}"), Some(&owner))).await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, format!("{page}?offer={offer}").as_str())
    );
    let refused = refused_page(&app, &headers, Some(&owner)).await;
    for field in ["email", "task_areas"] {
        assert!(refused.contains(&format!("href=\"#{field}\"")), "the summary links {field}: {refused}");
    }
    assert!(
        refused.contains("Enter the student") && refused.contains("Tick the ASE task areas"),
        "{refused}"
    );
    assert!(refused.contains("value=\"12\""), "the hours typed stay");
    // The school's members cannot place.
    let (status, _, _) =
        send(&app, form(&create, &format!("email={STUDENT}&{terms}&area_a5=on"), Some(&teacher))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (_, headers, _) =
        send(&app, form(&create, &format!("email={STUDENT}&{terms}&area_a5=on"), Some(&owner))).await;
    let made = placement::Entity::find()
        .filter(placement::Column::OfferId.eq(offer))
        .one(&db)
        .await
        .unwrap()
        .expect("the placement");
    let placement_page = format!("/placements/{}", made.id);
    assert_eq!(location(&headers), format!("{placement_page}?done=placement_sent"));
    let (_, _, html) = send(&app, get(&placement_page, Some(&owner))).await;
    assert!(
        html.contains("Waiting for the student to join") && html.contains("Send the link again"),
        "{html}"
    );
    assert!(!html.contains(STUDENT), "the address shows nowhere");
    let (_, _, html) = send(&app, get(&page, Some(&teacher))).await;
    assert!(html.contains(&format!("href=\"{placement_page}\"")), "listed on the partnership: {html}");
    // A bad re-send address is refused beside its field.
    let (_, headers, _) =
        send(&app, form(&format!("{placement_page}/join/resend"), "email=nope", Some(&owner))).await;
    let refused = refused_page(&app, &headers, Some(&owner)).await;
    assert!(refused.contains("href=\"#email\"") && refused.contains("value=\"nope\""), "{refused}");

    // Signed out, the link asks to sign in (no terms) and keeps the token in a cookie; the
    // sign-in page's address carries no token.
    let token = join_token(&db, STUDENT).await;
    let (status, headers, html) = send(&app, get(&format!("/placements/join?token={token}"), None)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("href=\"/login?next=%2Fplacements%2Fjoin\""), "{html}");
    assert!(!html.contains("12 hours a week"), "the terms wait for signing in");
    let kept = set_cookie(&headers, "bayline_join").expect("the link waits in a cookie");
    assert_eq!(kept, format!("bayline_join={token}"));
    let (_, headers, _) = send(&app, form("/placements/join", &format!("token={token}"), None)).await;
    assert_eq!(location(&headers), "/login?next=%2Fplacements%2Fjoin");
    let (_, _, html) = send(&app, get("/placements/join?token=0123abcd", None)).await;
    assert!(html.contains("is not valid"), "{html}");

    // A member of the shop, signed in, reads the terms but is told they cannot join.
    let (_, _, html) = send(&app, get("/placements/join", Some(&format!("{owner}; {kept}")))).await;
    assert!(html.contains("12 hours a week") && html.contains("cannot be its student"), "{html}");
    assert!(!html.contains("This is me"));

    // The student signs in and comes back to the page without the token in its address.
    let student = add_synthetic_user(&db, STUDENT, false).await;
    let signed_in = format!("{}; {kept}", cookie(&db, student).await);
    let (_, _, html) = send(&app, get("/placements/join", Some(&signed_in))).await;
    assert!(
        html.contains("12 hours a week") && html.contains("A5 Brakes") && html.contains("This is me"),
        "{html}"
    );
    let (status, headers, _) = send(&app, form("/placements/join", "token=", Some(&signed_in))).await;
    assert_eq!(
        (status, location(&headers)),
        (StatusCode::SEE_OTHER, format!("{placement_page}?done=placement_joined").as_str())
    );
    let cleared =
        headers.get_all("set-cookie").iter().any(|v| v.to_str().unwrap().starts_with("bayline_join=;"));
    assert!(cleared, "the used link leaves the browser");
    let session = cookie(&db, student).await;
    let (_, _, html) = send(&app, get(&placement_page, Some(&session))).await;
    assert!(html.contains("Are you under 18?"), "{html}");
    let (_, headers, _) =
        send(&app, form(&format!("{placement_page}/age"), "under_18=no", Some(&session))).await;
    assert_eq!(location(&headers), format!("{placement_page}?done=placement_active"));
    let row = placement::Entity::find_by_id(made.id).one(&db).await.unwrap().unwrap();
    assert_eq!((row.status, row.student_id), (PlacementStatus::Active, Some(student.user_id)));
    // The link is used up.
    let (_, _, html) = send(&app, get(&format!("/placements/join?token={token}"), Some(&session))).await;
    assert!(html.contains("is not valid"), "{html}");
});
