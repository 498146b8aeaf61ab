//! Saved searches over HTTP on both databases: the "Save this search" form keeps the page's
//! own filters and refuses what the page would refuse beside the form (nothing typed in the
//! URL); the one-click unsubscribe works with no session and no Origin, as a mail client
//! sends it; and an alert mail carries `List-Unsubscribe` and `List-Unsubscribe-Post`
//! through a real SMTP exchange. People are SYNTHETIC; ZIP centroids are real GeoNames rows.
use std::time::Duration as StdDuration;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use chrono::Utc;
use entity::{email_opt_out, saved_search};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use server::mailer::{self, Mailer, SmtpSettings};
use service::{
    accounts::sessions,
    db_test,
    testing::{add_real_zips, add_synthetic_user},
};
use tokio::sync::watch;

use crate::support::{
    http::{form, location, refused_page, router, send},
    smtp_sink::SmtpSink,
};

async fn signed_in(db: &DatabaseConnection, email: &str) -> String {
    let person = add_synthetic_user(db, email, false).await;
    let session = sessions::start(db, person.user_id, Utc::now()).await.unwrap();
    format!("bayline_session={}", session.token)
}

db_test!(
    the_save_form_keeps_the_pages_filters_and_refuses_what_the_page_would,
    |db: DatabaseConnection| async move {
        add_real_zips(&db, &["48201"]).await;
        let app = router(&db, "http://localhost");
        let cookie = signed_in(&db, "synthetic.saver@example.com").await;
        let url = "/needs?zip=48201&radius=100&kind=guest_speaker&page=2";
        let body = format!("url={}&name=Speakers&frequency=weekly", urlencoding(url));
        let (status, headers, _) = send(&app, form("/account/alerts", &body, Some(&cookie))).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location(&headers), format!("{url}&done=search_saved"));
        let row = saved_search::Entity::find().one(&db).await.unwrap().unwrap();
        assert_eq!(
            (row.zip.as_deref(), row.radius_mi, row.kind.as_deref(), row.frequency.slug()),
            (Some("48201"), Some(100), Some("guest_speaker"), "weekly")
        );

        // A radius the page refuses: back to the page, which says what is wrong; nothing saved,
        // nothing typed in the address.
        let bad = "/needs?zip=48201&radius=9000";
        let body = format!("url={}&name=Too+far&frequency=daily", urlencoding(bad));
        let (status, headers, _) = send(&app, form("/account/alerts", &body, Some(&cookie))).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location(&headers), bad);
        let page = refused_page(&app, &headers, Some(&cookie)).await;
        assert!(page.contains("is not a radius from 1 to 500 miles"), "{page}");

        // A frequency off the list: the form opens again with the message beside the field and
        // the name as typed.
        let good = "/needs?zip=48201&radius=50";
        let body = format!("url={}&name=Kept+name&frequency=hourly", urlencoding(good));
        let (_, headers, _) = send(&app, form("/account/alerts", &body, Some(&cookie))).await;
        assert_eq!(location(&headers), good);
        let page = refused_page(&app, &headers, Some(&cookie)).await;
        assert!(page.contains("<details open class=\"save-search\">"), "the form is open");
        assert!(page.contains("value=\"Kept name\""), "what was typed is kept");
        assert!(
            page.contains(
                "<p id=\"frequency-error\" class=\"field-error\">Choose how often from the list.</p>"
            ),
            "{page}"
        );
        assert_eq!(saved_search::Entity::find().count(&db).await.unwrap(), 1);

        // Anywhere but a list page's address is refused; a visitor is sent to sign in first.
        let body = format!("url={}&frequency=daily", urlencoding("https://evil.example/needs?zip=48201"));
        let (_, headers, _) = send(&app, form("/account/alerts", &body, Some(&cookie))).await;
        assert!(location(&headers).starts_with("/needs"), "{}", location(&headers));
        let body = format!("url={}&frequency=daily", urlencoding("/needs?zip=48201"));
        let (_, headers, _) = send(&app, form("/account/alerts", &body, None)).await;
        assert!(location(&headers).starts_with("/login?next="), "{}", location(&headers));
        assert_eq!(saved_search::Entity::find().count(&db).await.unwrap(), 1);
    }
);

fn urlencoding(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

db_test!(an_alert_mail_unsubscribes_in_one_click_without_a_session, |db: DatabaseConnection| async move {
    use service::alerts::{digest, manage};
    add_real_zips(&db, &["48201"]).await;
    let student = add_synthetic_user(&db, "synthetic.listener@example.com", false).await;
    let events = domain::alerts::AlertSearch {
        page: domain::alerts::AlertPage::Events,
        zip: None,
        radius_mi: None,
        kind: None,
    };
    let t0 = Utc::now();
    let form_in = manage::SearchForm { name: String::new(), frequency: "immediately".into() };
    manage::save(&db, Some(student), &events, &form_in, t0).await.unwrap();
    let admin = add_synthetic_user(&db, "synthetic.host@bayline.example.com", true).await;
    let webinar = service::events::form::EventForm {
        kind: "webinar".into(),
        title: "SYNTHETIC brake webinar".into(),
        description: "SYNTHETIC".into(),
        starts_at: (t0 + chrono::Duration::days(30)).format("%Y-%m-%dT18:00").to_string(),
        ends_at: (t0 + chrono::Duration::days(30)).format("%Y-%m-%dT19:00").to_string(),
        time_zone: "America/Chicago".into(),
        online_url: "https://meet.example.com/synthetic".into(),
        capacity: "10".into(),
        ..Default::default()
    };
    service::events::admin::create(&db, Some(admin), &webinar, t0).await.unwrap();
    digest::run_due(&db, "http://localhost", t0 + chrono::Duration::minutes(1)).await.unwrap();
    let mail = entity::email_outbox::Entity::find().one(&db).await.unwrap().expect("an alert mail");
    let link = mail.list_unsubscribe.clone().unwrap();

    // Through a real SMTP exchange the headers arrive as RFC 8058 asks.
    let addr = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let sink = SmtpSink::start(addr).await;
    let settings =
        SmtpSettings::parse(&format!("smtp://{addr}?tls=none"), "Bayline SYNTHETIC <noreply@bayline.test>")
            .unwrap();
    let (_keep, stop) = watch::channel(false);
    mailer::deliver_due(
        &db,
        &Mailer::new(&settings).unwrap(),
        Utc::now() + chrono::Duration::minutes(5),
        &stop,
    )
    .await
    .unwrap();
    tokio::time::sleep(StdDuration::from_millis(50)).await;
    let data = sink.messages().remove(0).data;
    assert!(data.contains(&format!("List-Unsubscribe: <{link}>")), "{data}");
    assert!(data.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{data}");

    // The mail client's POST: no cookie, no Origin, no Sec-Fetch-Site.
    let app = router(&db, "http://localhost");
    let path = link.trim_start_matches("http://localhost");
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "localhost")
        .body(Body::from("List-Unsubscribe=One-Click"))
        .unwrap();
    let (status, _, _) = send(&app, request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(email_opt_out::Entity::find().count(&db).await.unwrap(), 1);
    // A forged token changes nothing.
    let request = Request::post("/alerts/unsubscribe?token=forged")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("List-Unsubscribe=One-Click"))
        .unwrap();
    let (status, _, _) = send(&app, request).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
});

/// The ids a list page shows, from its `data-{attribute}="…"` marks.
fn listed(page: &str, attribute: &str) -> std::collections::BTreeSet<i64> {
    let mark = format!("{attribute}=\"");
    page.split(&mark).skip(1).filter_map(|rest| rest.split('"').next()?.parse().ok()).collect()
}

async fn program_at(
    db: &DatabaseConnection,
    unitid: i32,
    lat: f64,
    lon: f64,
) -> (service::authz::Actor, i64) {
    service::testing::add_verified_college(db, unitid, "pat", lat, lon).await
}

db_test!(an_alert_matches_exactly_what_its_page_lists, |db: DatabaseConnection| async move {
    use domain::alerts::{AlertPage, AlertSearch};
    use service::{
        alerts::matches,
        needs::create::{self as needs, NeedForm},
        openings::post::{self as openings, OpeningForm},
    };
    add_real_zips(&db, &["48201", "48226", "90012"]).await;
    let now = Utc::now();
    let day = |n: i64| (now.date_naive() + chrono::Duration::days(n)).format("%Y-%m-%d").to_string();
    // Needs: two kinds near Detroit, one in Los Angeles, one hidden by a moderator.
    let (near_teacher, near_program) = program_at(&db, 940001, 42.35, -83.06).await;
    let (far_teacher, far_program) = program_at(&db, 940002, 34.05, -118.24).await;
    let need = |kind: &str| NeedForm {
        kind: kind.into(),
        title: format!("SYNTHETIC {kind}"),
        students: "2".into(),
        starts_on: day(7),
        ends_on: day(40),
        paid: "paid".into(),
        ..Default::default()
    };
    for (teacher, program, kind) in [
        (near_teacher, near_program, "internship_hosts"),
        (near_teacher, near_program, "guest_speaker"),
        (far_teacher, far_program, "internship_hosts"),
        (near_teacher, near_program, "equipment_donation"),
    ] {
        needs::create(&db, Some(teacher), program, &need(kind), now).await.unwrap();
    }
    let last = entity::need::Entity::find().all(&db).await.unwrap().into_iter().map(|n| n.id).max().unwrap();
    {
        use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
        let mut hidden =
            entity::need::Entity::find_by_id(last).one(&db).await.unwrap().unwrap().into_active_model();
        hidden.hidden_at = Set(Some(now));
        hidden.update(&db).await.unwrap();
    }
    // Openings: two kinds in Detroit, one in Los Angeles.
    let admin = add_synthetic_user(&db, "synthetic.moderator@bayline.example.com", true).await;
    let (shop, owner) = service::testing::add_verified_shop(&db, "alerts", "independent_repair", admin).await;
    for (kind, zip) in [("internship", "48226"), ("apprenticeship", "48226"), ("internship", "90012")] {
        let form = OpeningForm {
            kind: kind.into(),
            title: format!("SYNTHETIC {kind} at {zip}"),
            description: "SYNTHETIC".into(),
            pay_min: "17".into(),
            pay_max: "19".into(),
            pay_period: "hourly".into(),
            schedule: "part_time".into(),
            zip: zip.into(),
            ..Default::default()
        };
        openings::create(&db, Some(owner), shop, &form, now).await.unwrap();
    }

    let app = router(&db, "http://localhost");
    let cases = [
        (AlertPage::Needs, 50, None, "data-need-id"),
        (AlertPage::Needs, 50, Some("guest_speaker"), "data-need-id"),
        (AlertPage::Needs, 500, None, "data-need-id"),
        (AlertPage::Openings, 25, None, "data-opening-id"),
        (AlertPage::Openings, 25, Some("apprenticeship"), "data-opening-id"),
        (AlertPage::Openings, 500, Some("internship"), "data-opening-id"),
    ];
    for (page, radius, kind, mark) in cases {
        let search = AlertSearch {
            page,
            zip: Some("48201".into()),
            radius_mi: Some(radius),
            kind: kind.map(str::to_string),
        };
        let (status, _, html) = send(&app, crate::support::http::get(&search.url(), None)).await;
        assert_eq!(status, StatusCode::OK, "{}", search.url());
        let shown = listed(&html, mark);
        let alerted: std::collections::BTreeSet<i64> =
            matches::current(&db, &search, now).await.unwrap().into_iter().map(|m| m.id).collect();
        assert!(!shown.is_empty(), "{} lists something", search.url());
        assert_eq!(alerted, shown, "{}", search.url());
    }
});
