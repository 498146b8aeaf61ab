//! Saved searches and their digests on both databases. The instructors, shops, students,
//! needs and openings are SYNTHETIC; places are the real GeoNames ZIP centroids.
//!
//! The attacks: an alert listing what its page would not (another kind, outside the radius,
//! hidden by a moderator); an item told twice (overlapping searches, two servers at once, a
//! second run); a paused or deleted search still sending; someone else's search changed;
//! more than the limit saved; a deleted account leaving its searches and queued digests.
use chrono::{DateTime, Duration, Utc};
use domain::{alerts::AlertPage, needs::NeedKind};
use entity::{alert_delivery, email_opt_out, email_outbox, need, notification, saved_search};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, Set,
};
use service::{
    alerts::{
        digest::{self, RunReport},
        manage::{self, SearchForm},
        unsubscribe,
    },
    authz::Actor,
    db_test,
    error::ServiceError,
    needs::read::{self, Window},
    testing::{add_real_zips, add_synthetic_user},
};

use crate::support::partners::{self, SITE};

async fn college_at(db: &DatabaseConnection, unitid: i32, lat: f64, lon: f64) -> (Actor, i64) {
    service::testing::add_verified_college(db, unitid, "pat", lat, lon).await
}

fn needs_search(radius: u16, kind: Option<NeedKind>) -> domain::alerts::AlertSearch {
    domain::alerts::AlertSearch {
        page: AlertPage::Needs,
        zip: Some("48201".into()),
        radius_mi: Some(radius),
        kind: kind.map(|k| k.slug().to_string()),
    }
}

fn form(name: &str, frequency: &str) -> SearchForm {
    SearchForm { name: name.into(), frequency: frequency.into() }
}

async fn mails_to(db: &DatabaseConnection, email: &str) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find().filter(email_outbox::Column::Recipient.eq(email)).all(db).await.unwrap()
}

/// The need ids a mail links to (`/needs/{id}`), in order.
fn linked_needs(body: &str) -> Vec<i64> {
    body.split("/needs/")
        .skip(1)
        .filter_map(|rest| rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
        .collect()
}

struct Scene {
    instructor: Actor,
    program: i64,
    student: Actor,
    student_email: String,
    t0: DateTime<Utc>,
}

async fn scene(db: &DatabaseConnection) -> Scene {
    add_real_zips(db, &["48201"]).await;
    // Detroit (within 50 miles of 48201).
    let (instructor, program) = college_at(db, 930001, 42.35, -83.06).await;
    let student_email = "synthetic.student@example.com".to_string();
    let student = add_synthetic_user(db, &student_email, false).await;
    Scene { instructor, program, student, student_email, t0: Utc::now() }
}

db_test!(an_alert_lists_what_the_page_lists_and_only_what_is_new, |db: DatabaseConnection| async move {
    let s = scene(&db).await;
    let before = partners::post_need(&db, s.instructor, s.program, "internship_hosts").await;
    let search = needs_search(50, Some(NeedKind::InternshipHosts));
    manage::save(&db, Some(s.student), &search, &form("", "daily"), s.t0).await.unwrap();

    // After saving: a match, another kind, one outside the radius (Los Angeles), a hidden one.
    let fresh = partners::post_need(&db, s.instructor, s.program, "internship_hosts").await;
    let _other_kind = partners::post_need(&db, s.instructor, s.program, "guest_speaker").await;
    let (far_instructor, far_program) = college_at(&db, 930002, 34.05, -118.24).await;
    let _far = partners::post_need(&db, far_instructor, far_program, "internship_hosts").await;
    let hidden = partners::post_need(&db, s.instructor, s.program, "internship_hosts").await;
    let mut row = need::Entity::find_by_id(hidden).one(&db).await.unwrap().unwrap().into_active_model();
    row.hidden_at = Set(Some(Utc::now()));
    row.update(&db).await.unwrap();

    // Not due before a day has passed.
    assert_eq!(digest::run_due(&db, SITE, s.t0 + Duration::hours(23)).await.unwrap(), RunReport::default());
    let report = digest::run_due(&db, SITE, s.t0 + Duration::hours(25)).await.unwrap();
    assert_eq!(report, RunReport { emails: 1, notices: 1 });
    let mails = mails_to(&db, &s.student_email).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(linked_needs(&mails[0].body_text), vec![fresh], "{}", mails[0].body_text);

    // The page's own query says the same: of what it lists, exactly the new one was told.
    let place = service::programs::zip_place(&db, "48201").await.unwrap().unwrap().location;
    let page = read::near(&db, place, 50.0, Some(NeedKind::InternshipHosts), Window::ALL).await.unwrap();
    let listed: Vec<i64> = page.needs.iter().map(|n| n.id).collect();
    assert_eq!(listed.iter().copied().filter(|id| *id != before).collect::<Vec<_>>(), vec![fresh]);

    let mail = &mails[0];
    let unsubscribe = mail.list_unsubscribe.as_deref().expect("an alert mail can be stopped in one click");
    assert!(unsubscribe.starts_with(&format!("{SITE}/alerts/unsubscribe?token=")), "{unsubscribe}");
    assert!(mail.body_text.contains(unsubscribe), "the visible link is the same");
    let notices = notification::Entity::find()
        .filter(notification::Column::UserId.eq(s.student.user_id))
        .all(&db)
        .await
        .unwrap();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].title, "1 new need within 50 miles of 48201");
    assert_eq!(notices[0].link, "/needs?zip=48201&radius=50&kind=internship_hosts");

    // Nothing new: nothing sent, on the next day or the one after.
    for days in [2, 3] {
        digest::run_due(&db, SITE, s.t0 + Duration::days(days) + Duration::hours(2)).await.unwrap();
    }
    assert_eq!(mails_to(&db, &s.student_email).await.len(), 1);
    let views = manage::list(&db, Some(s.student)).await.unwrap();
    assert_eq!(views[0].name, "School needs within 50 miles of 48201");
    assert!(views[0].last_matched.is_some());
});

/// Two overlapping "immediately" searches, two servers running the digest at once: one mail
/// with the new need once.
async fn two_servers_one_digest(db: DatabaseConnection) {
    let s = scene(&db).await;
    manage::save(&db, Some(s.student), &needs_search(50, None), &form("Near", "immediately"), s.t0)
        .await
        .unwrap();
    manage::save(&db, Some(s.student), &needs_search(100, None), &form("Wider", "immediately"), s.t0)
        .await
        .unwrap();
    let fresh = partners::post_need(&db, s.instructor, s.program, "internship_hosts").await;
    let at = s.t0 + Duration::minutes(5);
    let runs: Vec<_> = (0..4)
        .map(|_| {
            let db = db.clone();
            tokio::spawn(async move { digest::run_due(&db, SITE, at).await })
        })
        .collect();
    let mut emails = 0;
    for run in runs {
        emails += run.await.unwrap().unwrap().emails;
    }
    assert_eq!(emails, 1, "one digest across the servers");
    let mails = mails_to(&db, &s.student_email).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(linked_needs(&mails[0].body_text), vec![fresh], "listed once: {}", mails[0].body_text);
    let told = alert_delivery::Entity::find()
        .filter(alert_delivery::Column::ItemId.eq(fresh))
        .filter(alert_delivery::Column::ItemKind.eq("needs"))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(told, 1);
    // Within the hour nothing more goes out, even with another new need.
    partners::post_need(&db, s.instructor, s.program, "guest_speaker").await;
    digest::run_due(&db, SITE, at + Duration::minutes(30)).await.unwrap();
    assert_eq!(mails_to(&db, &s.student_email).await.len(), 1);
    digest::run_due(&db, SITE, at + Duration::minutes(61)).await.unwrap();
    assert_eq!(mails_to(&db, &s.student_email).await.len(), 2);
}

db_test!(each_item_reaches_a_person_once_across_searches_and_servers, two_servers_one_digest);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_item_reaches_a_person_once_across_servers_on_a_sqlite_file() {
    service::testing::on_a_sqlite_file("alerts-race", two_servers_one_digest).await;
}

db_test!(paused_and_deleted_searches_send_nothing, |db: DatabaseConnection| async move {
    let s = scene(&db).await;
    let paused = manage::save(&db, Some(s.student), &needs_search(50, None), &form("", "immediately"), s.t0)
        .await
        .unwrap();
    manage::set_paused(&db, Some(s.student), paused, true, s.t0).await.unwrap();
    let deleted = manage::save(&db, Some(s.student), &needs_search(25, None), &form("", "immediately"), s.t0)
        .await
        .unwrap();
    manage::delete(&db, Some(s.student), deleted).await.unwrap();
    let fresh = partners::post_need(&db, s.instructor, s.program, "internship_hosts").await;
    digest::run_due(&db, SITE, s.t0 + Duration::minutes(10)).await.unwrap();
    assert!(mails_to(&db, &s.student_email).await.is_empty());
    // Resumed, it tells what appeared during the pause.
    manage::set_paused(&db, Some(s.student), paused, false, s.t0 + Duration::minutes(20)).await.unwrap();
    digest::run_due(&db, SITE, s.t0 + Duration::minutes(25)).await.unwrap();
    let mails = mails_to(&db, &s.student_email).await;
    assert_eq!(linked_needs(&mails[0].body_text), vec![fresh]);
});

db_test!(searches_are_their_owners_and_limited_to_twenty, |db: DatabaseConnection| async move {
    let s = scene(&db).await;
    let other = add_synthetic_user(&db, "synthetic.other@example.com", false).await;
    let search = needs_search(50, None);
    let mine = manage::save(&db, Some(s.student), &search, &form("Mine", "weekly"), s.t0).await.unwrap();
    for (who, result) in [
        ("edit", manage::edit(&db, Some(other), mine, &form("Theirs", "daily"), s.t0).await),
        ("pause", manage::set_paused(&db, Some(other), mine, true, s.t0).await),
        ("delete", manage::delete(&db, Some(other), mine).await),
    ] {
        assert!(matches!(result, Err(ServiceError::NotFound)), "{who}: {result:?}");
    }
    assert!(manage::list(&db, Some(other)).await.unwrap().is_empty());
    assert!(matches!(manage::list(&db, None).await, Err(ServiceError::SignInRequired)));
    assert!(matches!(
        manage::save(&db, None, &search, &form("", "daily"), s.t0).await,
        Err(ServiceError::SignInRequired)
    ));
    let refused = manage::save(&db, Some(s.student), &search, &form("", "hourly"), s.t0).await.unwrap_err();
    assert!(matches!(refused, ServiceError::Invalid { field: "frequency", .. }), "{refused:?}");
    let long = "x".repeat(81);
    let refused = manage::save(&db, Some(s.student), &search, &form(&long, "daily"), s.t0).await.unwrap_err();
    assert!(matches!(refused, ServiceError::Invalid { field: "name", .. }), "{refused:?}");
    let again = manage::save(&db, Some(s.student), &search, &form("Twice", "daily"), s.t0).await;
    assert!(matches!(&again, Err(ServiceError::Conflict(m)) if m.contains("“Mine”")), "{again:?}");
    for n in 1..20u16 {
        let wider = needs_search(50 + n, None);
        manage::save(&db, Some(s.student), &wider, &form(&format!("Search {n}"), "daily"), s.t0)
            .await
            .unwrap();
    }
    let over =
        manage::save(&db, Some(s.student), &needs_search(99, None), &form("One too many", "daily"), s.t0)
            .await
            .unwrap_err();
    assert!(
        matches!(&over, ServiceError::Invalid { field: "name", message } if message.contains("20")),
        "{over:?}"
    );
    assert_eq!(saved_search::Entity::find().count(&db).await.unwrap(), 20);
    manage::edit(&db, Some(s.student), mine, &form("Renamed", "immediately"), s.t0).await.unwrap();
    let view = manage::list(&db, Some(s.student)).await.unwrap().remove(0);
    assert_eq!((view.name.as_str(), view.frequency.slug()), ("Renamed", "immediately"));
});

db_test!(one_click_unsubscribe_stops_the_mails_not_the_notices, |db: DatabaseConnection| async move {
    let s = scene(&db).await;
    manage::save(&db, Some(s.student), &needs_search(50, None), &form("", "immediately"), s.t0)
        .await
        .unwrap();
    partners::post_need(&db, s.instructor, s.program, "internship_hosts").await;
    digest::run_due(&db, SITE, s.t0 + Duration::minutes(1)).await.unwrap();
    let mail = mails_to(&db, &s.student_email).await.remove(0);
    let link = mail.list_unsubscribe.unwrap();
    let token = link.split("token=").nth(1).unwrap();
    assert!(!unsubscribe::is_valid(&db, "not-a-token", s.t0).await.unwrap());
    // Single-purpose: the person's own live token of another purpose does not unsubscribe.
    let other = service::accounts::tokens::issue(
        &db,
        s.student.user_id,
        service::accounts::tokens::Purpose::VerifyEmail,
        Duration::days(1),
        s.t0,
    )
    .await
    .unwrap();
    assert!(matches!(unsubscribe::unsubscribe(&db, &other, s.t0).await, Err(ServiceError::NotFound)));
    assert_eq!(email_opt_out::Entity::find().count(&db).await.unwrap(), 0);
    assert!(matches!(unsubscribe::unsubscribe(&db, "not-a-token", s.t0).await, Err(ServiceError::NotFound)));
    // A mail client's retry, then the person's own click: both answer the same.
    unsubscribe::unsubscribe(&db, token, s.t0).await.unwrap();
    unsubscribe::unsubscribe(&db, token, s.t0).await.unwrap();
    assert_eq!(email_opt_out::Entity::find().count(&db).await.unwrap(), 1);
    partners::post_need(&db, s.instructor, s.program, "guest_speaker").await;
    digest::run_due(&db, SITE, s.t0 + Duration::hours(2)).await.unwrap();
    assert_eq!(mails_to(&db, &s.student_email).await.len(), 1, "no more alert mails");
    let notices = notification::Entity::find()
        .filter(notification::Column::UserId.eq(s.student.user_id))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(notices, 2, "the in-app notices go on");
    // The link stops working after a year.
    assert!(!unsubscribe::is_valid(&db, token, s.t0 + Duration::days(366)).await.unwrap());
});

db_test!(a_verified_shops_members_hear_of_needs_near_it_by_default, |db: DatabaseConnection| async move {
    let s = scene(&db).await;
    let admin = add_synthetic_user(&db, "synthetic.admin@bayline.example.com", true).await;
    let owner = add_synthetic_user(&db, "synthetic.owner@shop.example.com", false).await;
    let shop = partners::shop(&db, owner, admin, false).await;
    assert!(manage::list(&db, Some(owner)).await.unwrap().is_empty(), "not before it is verified");
    service::orgs::verification::verify(&db, Some(admin), shop, SITE, s.t0).await.unwrap();
    let mine = manage::list(&db, Some(owner)).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].url, "/needs?zip=48201&radius=50");
    assert_eq!(mine[0].shop_default.as_deref(), Some("Synthetic Brakes & Tires"));
    // They can turn it off.
    manage::delete(&db, Some(owner), mine[0].id).await.unwrap();
    assert!(manage::list(&db, Some(owner)).await.unwrap().is_empty());
});

db_test!(deleting_the_account_deletes_its_searches_and_queued_digests, |db: DatabaseConnection| async move {
    let s = scene(&db).await;
    manage::save(&db, Some(s.student), &needs_search(50, None), &form("", "immediately"), s.t0)
        .await
        .unwrap();
    partners::post_need(&db, s.instructor, s.program, "internship_hosts").await;
    digest::run_due(&db, SITE, s.t0 + Duration::minutes(1)).await.unwrap();
    assert_eq!(mails_to(&db, &s.student_email).await.len(), 1);
    let password = "tidal-orchard-copper-lantern";
    let mut user = entity::app_user::Entity::find_by_id(s.student.user_id)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    user.password_hash = Set(service::accounts::password::hash(password));
    user.update(&db).await.unwrap();
    service::accounts::deletion::delete_account(&db, Some(s.student), password, "10.0.0.1", s.t0)
        .await
        .unwrap();
    assert_eq!(saved_search::Entity::find().count(&db).await.unwrap(), 0);
    assert_eq!(alert_delivery::Entity::find().count(&db).await.unwrap(), 0);
    assert!(mails_to(&db, &s.student_email).await.is_empty(), "the queued digest is gone");
});

db_test!(a_programs_search_tells_of_schools_newly_listed_near_it, |db: DatabaseConnection| async move {
    use domain::alerts::AlertSearch;
    let s = scene(&db).await;
    let programs = AlertSearch {
        page: AlertPage::Programs,
        zip: Some("48201".into()),
        radius_mi: Some(25),
        kind: Some("diesel".into()),
    };
    manage::save(&db, Some(s.student), &programs, &form("Diesel schools", "immediately"), s.t0)
        .await
        .unwrap();
    // An operator imports a list: a diesel school near Detroit, and an automotive one.
    let list = "\
name,street,city,state,zip,kinds,level,web_host,nces_id,aef_accredited_until,lat,lon
SYNTHETIC Diesel Academy,1 Truck Rd,Detroit,MI,48201,diesel,cte_center,,,,,
SYNTHETIC Auto High,2 Car St,Detroit,MI,48201,auto,high_school,,,,,
";
    let path = std::path::Path::new("synthetic.csv");
    let rows = importer::check_schools(&db, path, list.as_bytes()).await.unwrap();
    importer::import_schools(&db, &rows, "SYNTHETIC county list", s.t0, &importer::SilentProgress)
        .await
        .unwrap();
    digest::run_due(&db, SITE, s.t0 + Duration::minutes(5)).await.unwrap();
    let mails = mails_to(&db, &s.student_email).await;
    assert_eq!(mails.len(), 1);
    let body = &mails[0].body_text;
    assert!(
        body.contains("SYNTHETIC Diesel Academy")
            && body.contains("not yet on Bayline (from SYNTHETIC county list)"),
        "{body}"
    );
    assert!(!body.contains("SYNTHETIC Auto High"), "another kind: {body}");
    assert!(body.contains("/programs?zip=48201&radius=25&kind=diesel"), "{body}");
});
