//! A placement's records over HTTP on both databases, as a browser without JavaScript sends
//! them: the student logs a day (a refusal comes back beside its field with what was
//! typed), the mentor confirms one day and queries another, the student corrects the
//! queried one from its own form; both write the midpoint evaluation; the program reads its
//! list and downloads the CSV, which is never cached. People, shops and schools are
//! SYNTHETIC; the ZIP centroid is the real GeoNames row.
use axum::http::{StatusCode, header};
use chrono::{Duration, Utc};
use entity::placement_hours;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use service::{
    accounts::sessions,
    authz::Actor,
    db_test,
    openings::conversation,
    placements::{consent, create},
    synthetic::world::{self, World},
    testing::add_real_zips,
};

use crate::support::http::{form, get, location, refused_page, router, send};

const SITE: &str = "http://localhost";

async fn cookie(db: &DatabaseConnection, actor: Actor) -> String {
    let session = sessions::start(db, actor.user_id, Utc::now()).await.unwrap();
    format!("bayline_session={}", session.token)
}

/// The world and an active placement of its adult student, started five days ago.
async fn build(db: &DatabaseConnection) -> (World, i64) {
    add_real_zips(db, &["48201"]).await;
    let w = world::build(db, 960001, Utc::now()).await.unwrap();
    let p = w.people;
    let now = Utc::now();
    conversation::set_status(db, Some(p.shop_owner), w.interest, "hired", SITE, now).await.unwrap();
    let today = now.date_naive();
    let terms = create::PlacementForm {
        mentor: p.shop_member.user_id.to_string(),
        program: String::new(),
        starts_on: (today - Duration::days(5)).to_string(),
        ends_on: (today + Duration::days(5)).to_string(),
        weekly_hours: "10".into(),
        paid: "unpaid".into(),
        task_areas: vec!["a5".into()],
    };
    let id = create::create(db, Some(p.shop_owner), w.interest, &terms, SITE, now).await.unwrap();
    let adult = consent::AgeForm { under_18: "no".into(), guardian_email: String::new() };
    consent::state_age(db, Some(p.student), id, &adult, SITE, now).await.unwrap();
    (w, id)
}

async fn newest_entry(db: &DatabaseConnection, id: i64) -> placement_hours::Model {
    placement_hours::Entity::find()
        .filter(placement_hours::Column::PlacementId.eq(id))
        .order_by_desc(placement_hours::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

db_test!(hours_and_evaluations_work_without_javascript, |db: DatabaseConnection| async move {
    let (w, id) = build(&db).await;
    let p = w.people;
    let app = router(&db, SITE);
    let (student, mentor, instructor) =
        (cookie(&db, p.student).await, cookie(&db, p.shop_member).await, cookie(&db, p.instructor_a).await);
    let page = format!("/placements/{id}/hours");
    let (status, _, html) = send(&app, get(&format!("/placements/{id}"), Some(&student))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&page), "the placement links its hours");

    let day = |n: i64| (Utc::now().date_naive() - Duration::days(n)).to_string();
    // Refused beside the field, with what was typed.
    let (status, headers, _) =
        send(&app, form(&page, &format!("worked_on={}&hours=7.3&tasks=Oil+changes", day(1)), Some(&student)))
            .await;
    assert_eq!((status, location(&headers)), (StatusCode::SEE_OTHER, page.as_str()));
    let refused = refused_page(&app, &headers, Some(&student)).await;
    assert!(refused.contains("href=\"#hours\""), "{refused}");
    assert!(refused.contains("Oil changes"), "the tasks typed stay");

    for (n, hours) in [(2, "7.5"), (1, "6")] {
        let body = format!("worked_on={}&hours={hours}&tasks=Brake+pads+and+rotors", day(n));
        let (status, headers, _) = send(&app, form(&page, &body, Some(&student))).await;
        assert_eq!(
            (status, location(&headers)),
            (StatusCode::SEE_OTHER, format!("{page}?done=hours_logged").as_str())
        );
    }
    let second = newest_entry(&db, id).await;
    let first = second.id - 1;
    // The mentor sees Confirm and Query on each; confirms one, queries the other.
    let (_, _, html) = send(&app, get(&page, Some(&mentor))).await;
    assert_eq!(html.matches(">Confirm</button>").count(), 2, "{html}");
    let (status, _, _) = send(&app, form(&format!("{page}/{first}/confirm"), "", Some(&mentor))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let query = format!("{page}/{}/query", second.id);
    let (_, headers, _) = send(&app, form(&query, "query=", Some(&mentor))).await;
    assert_eq!(location(&headers), format!("{page}?query={}", second.id));
    let (status, _, _) = send(&app, form(&query, "query=Was+it+not+5+hours%3F", Some(&mentor))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // The student reads the question and corrects the entry from its own form.
    let (_, _, html) = send(&app, get(&page, Some(&student))).await;
    assert!(html.contains("Was it not 5 hours?"), "{html}");
    let (_, _, html) = send(&app, get(&format!("{page}?correct={}", second.id), Some(&student))).await;
    assert!(html.contains(&format!("name=\"corrects\" value=\"{}\"", second.id)), "{html}");
    let body = format!("corrects={}&worked_on={}&hours=5&tasks=Brake+pads", second.id, day(1));
    let (_, headers, _) = send(&app, form(&page, &body, Some(&student))).await;
    assert_eq!(location(&headers), format!("{page}?done=hours_corrected"));
    assert_eq!(newest_entry(&db, id).await.corrects_id, Some(second.id));
    // Another party cannot log; a confirmed entry cannot be confirmed again.
    let (status, _, _) = send(&app, form(&page, &body, Some(&mentor))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, headers, _) = send(&app, form(&format!("{page}/{first}/confirm"), "", Some(&mentor))).await;
    let again = refused_page(&app, &headers, Some(&mentor)).await;
    assert!(again.contains("already"), "{again}");

    // Evaluations: the mentor and the student each write the midpoint.
    let evaluations = format!("/placements/{id}/evaluations");
    let (_, _, html) = send(&app, get(&evaluations, Some(&mentor))).await;
    assert!(html.contains("name=\"score_a5\""), "{html}");
    for who in [&mentor, &student] {
        let body = "stage=midpoint&score_a5=3&comment_a5=Careful+work&comment=On+track";
        let (_, headers, _) = send(&app, form(&evaluations, body, Some(who))).await;
        assert_eq!(location(&headers), format!("{evaluations}?done=evaluation_written"));
    }
    let (_, headers, _) = send(&app, form(&evaluations, "stage=midpoint&comment=x", Some(&mentor))).await;
    assert_eq!(location(&headers), format!("{evaluations}?write=midpoint"));
    let (_, _, html) = send(&app, get(&evaluations, Some(&instructor))).await;
    assert!(html.contains("3 — Meets expectations") && html.contains("Careful work"), "{html}");

    // The program's list and its CSV.
    let list = format!("/orgs/{}/placements", w.program_a);
    let (status, _, html) = send(&app, get(&list, Some(&instructor))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("7.5 h of "), "{html}");
    let (status, headers, csv) = send(&app, get(&format!("{list}.csv"), Some(&instructor))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers.get(header::CACHE_CONTROL).unwrap(), "private, no-store");
    assert!(headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().starts_with("text/csv"));
    assert!(csv.lines().any(|l| l.starts_with(&format!("{id},")) && l.contains(",7.50,")), "{csv}");
    let (status, _, _) = send(&app, get(&format!("{list}.csv"), Some(&mentor))).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a shop's member reads the school's list no more than its page"
    );
});
