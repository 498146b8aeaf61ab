//! Events over HTTP on both databases, as a browser without JavaScript uses them: an
//! admin's refused form comes back naming the field with what was typed and stores
//! nothing; a published event's page is server-rendered with its time in its own zone; the
//! calendar file downloads as RFC 5545 text; registering twice keeps one registration.
//! People are SYNTHETIC.

use crate::support::http::{form, get, location, refused_page, router, send};
use axum::http::{StatusCode, header};
use chrono::{Datelike, NaiveDate, Utc};
use entity::{event, event_registration};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use service::{accounts::sessions, authz::Actor, db_test, testing::add_synthetic_user};

async fn cookie(db: &DatabaseConnection, actor: Actor) -> String {
    let session = sessions::start(db, actor.user_id, Utc::now()).await.unwrap();
    format!("bayline_session={}", session.token)
}

/// 12 January next year, 6–7 pm in Chicago (always standard time), as the form posts it.
fn body(year: i32, capacity: &str) -> String {
    format!(
        "kind=webinar&title=Synthetic+EV+webinar&description=Bring+**questions**&starts_at={year}-01-12T18%3A00\
         &ends_at={year}-01-12T19%3A00&time_zone=America%2FChicago&online_url=https%3A%2F%2Fmeet.example.com%2Fev\
         &address=&capacity={capacity}"
    )
}

db_test!(events_work_as_plain_forms, |db: DatabaseConnection| async move {
    let app = router(&db, "http://localhost");
    let admin = cookie(&db, add_synthetic_user(&db, "synthetic.admin@example.com", true).await).await;
    let person = cookie(&db, add_synthetic_user(&db, "synthetic.person@example.com", false).await).await;
    let year = Utc::now().year() + 1;

    let (status, headers, _) = send(&app, form("/events", &body(year, "0"), Some(&admin))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // Back to the form with nothing typed in the address; the page shows the message beside
    // the field and keeps what was typed.
    assert_eq!(location(&headers), "/events");
    assert_eq!(event::Entity::find().count(&db).await.unwrap(), 0);
    let page = refused_page(&app, &headers, Some(&admin)).await;
    assert!(
        page.contains("A whole number from 1 to 100000"),
        "the message is shown beside the field: {page}"
    );
    assert!(page.contains(r#"value="Synthetic EV webinar""#), "the title typed is kept");

    let (status, headers, _) = send(&app, form("/events", &body(year, "10"), Some(&admin))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let done = location(&headers).to_string();
    assert!(done.ends_with("?done=published"), "{done}");
    let path = done.trim_end_matches("?done=published").to_string();

    let weekday = NaiveDate::from_ymd_opt(year, 1, 12).unwrap().format("%a");
    let (status, _, page) = send(&app, get(&path, Some(&person))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&format!("{weekday} 12 Jan {year}, 6:00–7:00 pm CST")), "{page}");
    assert!(page.contains("10 spots left"));
    assert!(page.contains(&format!("href=\"{path}/calendar.ics\"")));
    assert!(page.contains("href=\"/events\""), "the header links to the events");

    let (status, headers, ics) = send(&app, get(&format!("{path}/calendar.ics"), None)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/calendar; charset=utf-8");
    assert!(
        headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"bayline-event-")
    );
    assert!(ics.contains(&format!("\r\nDTSTART:{year}0113T000000Z\r\n")), "{ics}");
    assert!(ics.contains("\r\nSUMMARY:Synthetic EV webinar\r\n"), "{ics}");

    for _ in 0..2 {
        let (status, headers, _) = send(&app, form(&format!("{path}/register"), "", Some(&person))).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location(&headers), format!("{path}?done=registered"));
    }
    assert_eq!(event_registration::Entity::find().count(&db).await.unwrap(), 1);
    let (_, _, page) = send(&app, get(&path, Some(&person))).await;
    assert!(page.contains("You&#x27;re registered.") || page.contains("You're registered."), "{page}");
    assert!(page.contains("9 spots left"));

    let (status, _, list) = send(&app, get("/events", None)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains("Upcoming events") && list.contains("Synthetic EV webinar"));
    assert!(!list.contains("Publish an event"), "visitors do not see the publishing form");
});

// Stored text that closes its `<textarea>` comes back as text inside the event's edit form
// (and the Markdown description fields of needs and openings share the same component).
db_test!(an_event_description_that_closes_its_field_stays_inside_it, |db: DatabaseConnection| async move {
    let app = router(&db, "http://localhost");
    let admin = cookie(&db, add_synthetic_user(&db, "synthetic.admin@example.com", true).await).await;
    let year = Utc::now().year() + 1;
    let payload = "%3C%2Ftextarea%3E%3Cmeta+http-equiv%3D%22refresh%22+content%3D%220%3Burl%3Dhttp%3A%2F%2Fevil.example%22%3E";
    let posted =
        body(year, "10").replace("description=Bring+**questions**", &format!("description={payload}"));
    let (status, headers, _) = send(&app, form("/events", &posted, Some(&admin))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let path = location(&headers).trim_end_matches("?done=published").to_string();
    let (status, _, page) = send(&app, get(&path, Some(&admin))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<textarea"), "the admin sees the edit form");
    assert!(!page.contains(r#"<meta http-equiv="refresh""#), "the stored text ran as markup: {page}");
    assert!(page.contains(r#"&lt;/textarea>&lt;meta http-equiv="refresh""#), "{page}");
    // A refused form brings the same text back into its field, escaped as well.
    let refused_body =
        body(year, "0").replace("description=Bring+**questions**", &format!("description={payload}"));
    let (_, headers, _) = send(&app, form("/events", &refused_body, Some(&admin))).await;
    let refused = refused_page(&app, &headers, Some(&admin)).await;
    assert!(refused.contains(r#"&lt;/textarea>&lt;meta http-equiv="refresh""#), "{refused}");
    assert!(!refused.contains(r#"<meta http-equiv="refresh""#), "{refused}");
});
