//! Needs on both databases: who may post them (members of verified school programs), field
//! errors that name their field and store nothing, status changes, and the search near a
//! point checked against an independent great-circle computation. People and schools are
//! SYNTHETIC; ZIP centroids are the real GeoNames rows.
use chrono::{Duration, Utc};
use domain::{
    LatLon, ProgramKind,
    needs::{NeedKind, NeedStatus, SkillArea},
};
use entity::{institution, need};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait, Set};
use service::testing::stored;
use service::{
    authz::Actor,
    db_test,
    error::ServiceError,
    needs::{
        create::{self, NeedForm},
        read::{self, Window},
        status,
    },
    orgs::create::{self as orgs, SchoolProgramForm, ShopForm},
    testing::{add_real_zips, add_synthetic_completions, add_synthetic_institution, add_synthetic_user},
};

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).format("%Y-%m-%d").to_string()
}

/// One change that spoils a field of the form.
type Change = Box<dyn Fn(&mut NeedForm)>;

fn form() -> NeedForm {
    NeedForm {
        kind: "internship_hosts".into(),
        title: "Summer internship hosts (SYNTHETIC)".into(),
        description: "Students **ready** for A5 work.\n\n<script>alert('x')</script>".into(),
        students: "4".into(),
        skills: vec!["a5".into(), "a4".into()],
        starts_on: day(10),
        ends_on: day(70),
        paid: "paid".into(),
        submission: String::new(),
    }
}

/// A SYNTHETIC college at a point whose instructor's email is at its domain, so the claim is
/// verified at once. Returns the instructor and the organisation.
async fn verified_college(db: &DatabaseConnection, unitid: i32, lat: f64, lon: f64) -> (Actor, i64) {
    add_synthetic_institution(db, unitid, "MI", lat, lon).await;
    add_synthetic_completions(db, unitid, ProgramKind::Auto, 3, 10).await;
    let domain = format!("college-{unitid}.example.edu");
    let mut row = institution::Entity::find_by_id(unitid).one(db).await.unwrap().unwrap().into_active_model();
    row.website = Set(format!("www.{domain}"));
    row.update(db).await.unwrap();
    let instructor = add_synthetic_user(db, &format!("pat@{domain}"), false).await;
    let created = service::orgs::claims::claim_program(db, Some(instructor), &unitid.to_string(), Utc::now())
        .await
        .unwrap();
    (instructor, created.verified().expect("verified at once"))
}

async fn count(db: &DatabaseConnection) -> u64 {
    need::Entity::find().count(db).await.unwrap()
}

/// The first field a refusal names (the one the form shows first).
fn field_of(error: ServiceError) -> &'static str {
    match error.problems().first() {
        Some(problem) => problem.field,
        None => panic!("expected a field error, got {error:?}"),
    }
}

/// The great-circle distance by the spherical law of cosines (not the haversine code the
/// service uses), on the same mean radius.
fn cosine_law_mi(a: LatLon, b: LatLon) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dl = (b.lon - a.lon).to_radians();
    let c = (p1.sin() * p2.sin() + p1.cos() * p2.cos() * dl.cos()).clamp(-1.0, 1.0);
    3958.8 * c.acos()
}

db_test!(members_of_verified_programs_post_needs, |db: DatabaseConnection| async move {
    let (instructor, org) = verified_college(&db, 910001, 42.3474, -83.0604).await;
    let id = create::create(&db, Some(instructor), org, &form(), Utc::now()).await.unwrap();
    let shown = read::one(&db, None, id).await.unwrap();
    assert_eq!(shown.kind, NeedKind::InternshipHosts);
    assert_eq!(shown.students, 4);
    assert_eq!(shown.skills, vec![SkillArea::A4, SkillArea::A5]);
    assert_eq!(shown.status, NeedStatus::Open);
    assert!(shown.paid);
    assert_eq!(shown.starts_on, day(10));
    assert!(shown.description_html.contains("<strong>ready</strong>"));
    assert!(!shown.description_html.contains("<script"), "{}", shown.description_html);
    assert_eq!((shown.lat, shown.lon), (42.3474, -83.0604), "the organisation's location");
    assert_eq!(read::for_organisation(&db, None, org).await.unwrap().len(), 1);
});

db_test!(only_members_of_verified_schools_may_post, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let (instructor, org) = verified_college(&db, 910002, 42.3, -83.0).await;
    let stranger = add_synthetic_user(&db, "stranger@example.com", false).await;
    let admin = add_synthetic_user(&db, "admin@example.com", true).await;
    let now = Utc::now();
    assert!(matches!(create::create(&db, None, org, &form(), now).await, Err(ServiceError::SignInRequired)));
    assert!(matches!(
        create::create(&db, Some(stranger), org, &form(), now).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        create::create(&db, Some(admin), org, &form(), now).await,
        Err(ServiceError::Forbidden)
    ));
    // A pending high-school program: a field-free conflict, whatever the fields say.
    let school = SchoolProgramForm {
        name: "Cass Tech Automotive (SYNTHETIC)".into(),
        city: "Detroit".into(),
        state: "MI".into(),
        zip: "48201".into(),
        kinds: vec!["auto".into()],
        ..Default::default()
    };
    let pending = orgs::add_school_program(&db, Some(instructor), &school, now).await.unwrap().id;
    let bad = NeedForm { title: String::new(), ..form() };
    match create::create(&db, Some(instructor), pending, &bad, now).await {
        Err(ServiceError::Conflict(message)) => assert!(message.contains("verified"), "{message}"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    // Shops do not post needs.
    let shop = ShopForm {
        name: "Synthetic Shop".into(),
        shop_type: "dealership".into(),
        size_band: "10-24".into(),
        city: "Detroit".into(),
        state: "MI".into(),
        zip: "48201".into(),
        ..Default::default()
    };
    let shop = orgs::create_shop(&db, Some(instructor), &shop, now).await.unwrap().id;
    assert!(matches!(
        create::create(&db, Some(instructor), shop, &form(), now).await,
        Err(ServiceError::Conflict(_))
    ));
    assert_eq!(count(&db).await, 0);
});

db_test!(bad_need_fields_are_named_and_store_nothing, |db: DatabaseConnection| async move {
    let (instructor, org) = verified_college(&db, 910003, 42.3, -83.0).await;
    let cases: Vec<(&str, Change)> = vec![
        ("kind", Box::new(|f| f.kind = "astronaut".into())),
        ("title", Box::new(|f| f.title = "ab".into())),
        ("title", Box::new(|f| f.title = "x".repeat(121))),
        ("title", Box::new(|f| f.title = "<b>Interns</b>".into())),
        ("description", Box::new(|f| f.description = "x".repeat(5_001))),
        ("students", Box::new(|f| f.students = "0".into())),
        ("students", Box::new(|f| f.students = "201".into())),
        ("students", Box::new(|f| f.students = "many".into())),
        ("skills", Box::new(|f| f.skills = vec!["z9".into()])),
        ("starts_on", Box::new(|f| f.starts_on = day(-3))),
        ("starts_on", Box::new(|f| f.starts_on = "next week".into())),
        ("starts_on", Box::new(|f| f.starts_on = day(800))),
        ("ends_on", Box::new(|f| f.ends_on = day(5))),
        ("ends_on", Box::new(|f| f.ends_on = day(731))),
        ("ends_on", Box::new(|f| f.ends_on = String::new())),
        ("paid", Box::new(|f| f.paid = "maybe".into())),
    ];
    for (field, change) in cases {
        let mut bad = form();
        change(&mut bad);
        let error = create::create(&db, Some(instructor), org, &bad, Utc::now()).await.unwrap_err();
        assert_eq!(field_of(error), field, "{bad:?}");
    }
    assert_eq!(count(&db).await, 0);
    // The limits themselves are allowed.
    let edge = NeedForm {
        title: "abc".into(),
        description: "x".repeat(5_000),
        students: "200".into(),
        skills: vec![],
        starts_on: day(0),
        ends_on: day(730),
        paid: "unpaid".into(),
        ..form()
    };
    create::create(&db, Some(instructor), org, &edge, Utc::now()).await.unwrap();
    assert_eq!(count(&db).await, 1);
});

db_test!(a_need_form_reports_every_problem_at_once, |db: DatabaseConnection| async move {
    let (instructor, org) = verified_college(&db, 910004, 42.3, -83.0).await;
    let empty = NeedForm { skills: vec![], ..NeedForm::default() };
    let error = create::create(&db, Some(instructor), org, &empty, Utc::now()).await.unwrap_err();
    let fields: Vec<&str> = error.problems().iter().map(|p| p.field).collect();
    assert_eq!(fields, ["kind", "title", "students", "starts_on", "ends_on", "paid"]);
    let backwards = NeedForm { title: "ab".into(), starts_on: day(20), ends_on: day(10), ..form() };
    let error = create::create(&db, Some(instructor), org, &backwards, Utc::now()).await.unwrap_err();
    let fields: Vec<&str> = error.problems().iter().map(|p| p.field).collect();
    assert_eq!(fields, ["title", "ends_on"]);
    assert_eq!(count(&db).await, 0);
});

db_test!(members_change_status_and_the_public_sees_open_needs_only, |db: DatabaseConnection| async move {
    let (instructor, org) = verified_college(&db, 910004, 42.3, -83.0).await;
    let (other, _) = verified_college(&db, 910005, 42.4, -83.1).await;
    let id = create::create(&db, Some(instructor), org, &form(), Utc::now()).await.unwrap();
    let now = Utc::now();
    assert!(matches!(
        status::set_status(&db, None, id, "filled", now).await,
        Err(ServiceError::SignInRequired)
    ));
    assert!(matches!(
        status::set_status(&db, Some(other), id, "filled", now).await,
        Err(ServiceError::Forbidden)
    ));
    assert_eq!(
        field_of(status::set_status(&db, Some(instructor), id, "gone", now).await.unwrap_err()),
        "status"
    );
    assert_eq!(status::set_status(&db, Some(instructor), id, "filled", now).await.unwrap(), org);
    // Filled: hidden from the public and other programs, still listed for its members.
    assert!(matches!(read::one(&db, None, id).await, Err(ServiceError::NotFound)));
    assert!(matches!(read::one(&db, Some(other), id).await, Err(ServiceError::NotFound)));
    assert_eq!(read::one(&db, Some(instructor), id).await.unwrap().status, NeedStatus::Filled);
    assert!(read::for_organisation(&db, None, org).await.unwrap().is_empty());
    assert_eq!(read::for_organisation(&db, Some(instructor), org).await.unwrap().len(), 1);
    let origin = LatLon::new(42.3, -83.0).unwrap();
    assert!(read::near(&db, origin, 50.0, None, Window::ALL).await.unwrap().needs.is_empty());
    status::set_status(&db, Some(instructor), id, "open", now).await.unwrap();
    assert_eq!(read::near(&db, origin, 50.0, None, Window::ALL).await.unwrap().needs.len(), 1);
});

db_test!(near_search_is_nearest_first_by_great_circle_miles, |db: DatabaseConnection| async move {
    // Real places around Detroit: the search origin is ZIP 48201's centroid.
    let origin = LatLon::new(42.3474, -83.0604).unwrap();
    let places = [
        (910011, 42.2794, -83.784),  // Ann Arbor, ~37 mi
        (910012, 42.332, -83.4695),  // Canton, ~21 mi
        (910013, 42.6583, -83.2375), // Auburn Hills, ~23 mi
        (910014, 42.7851, -83.7294), // Fenton, ~44 mi
    ];
    let mut posted = Vec::new();
    for (unitid, lat, lon) in places {
        let (instructor, org) = verified_college(&db, unitid, lat, lon).await;
        let kind = if unitid == 910013 { "guest_speaker" } else { "internship_hosts" };
        let id =
            create::create(&db, Some(instructor), org, &NeedForm { kind: kind.into(), ..form() }, Utc::now())
                .await
                .unwrap();
        posted.push((id, LatLon::new(lat, lon).unwrap()));
    }
    // A need of a program that is no longer verified is not found.
    let hidden = posted[0].0;
    let org = need::Entity::find_by_id(hidden).one(&db).await.unwrap().unwrap().organisation_id;
    let mut row =
        entity::organisation::Entity::find_by_id(org).one(&db).await.unwrap().unwrap().into_active_model();
    row.status = Set(stored("rejected"));
    row.update(&db).await.unwrap();

    let found = read::near(&db, origin, 40.0, None, Window::ALL).await.unwrap().needs;
    let mut expected: Vec<(i64, f64)> = posted
        .iter()
        .filter(|(id, _)| *id != hidden)
        .map(|(id, at)| (*id, cosine_law_mi(origin, *at)))
        .filter(|(_, miles)| *miles <= 40.0)
        .collect();
    expected.sort_by(|a, b| a.1.total_cmp(&b.1));
    assert_eq!(
        found.iter().map(|n| n.id).collect::<Vec<_>>(),
        expected.iter().map(|e| e.0).collect::<Vec<_>>()
    );
    for (need, (_, miles)) in found.iter().zip(&expected) {
        assert!((need.distance_mi.unwrap() - miles).abs() < 0.01, "{need:?} vs {miles}");
    }
    assert_eq!(found.len(), 2, "Canton and Auburn Hills are within 40 miles; Fenton is not");
    let speakers =
        read::near(&db, origin, 40.0, Some(NeedKind::GuestSpeaker), Window::ALL).await.unwrap().needs;
    assert_eq!(speakers.len(), 1);
    assert_eq!(speakers[0].kind, NeedKind::GuestSpeaker);
    assert_eq!(read::near(&db, origin, 500.0, None, Window::ALL).await.unwrap().needs.len(), 3);
    // A window of the list, with the total.
    let second = read::near(&db, origin, 500.0, None, Window { offset: 1, limit: 1 }).await.unwrap();
    assert_eq!(second.total, 3);
    assert_eq!(second.needs.iter().map(|n| n.id).collect::<Vec<_>>(), vec![expected[1].0]);
});

db_test!(a_double_submitted_need_form_posts_once, |db: DatabaseConnection| async move {
    let (instructor, org) = verified_college(&db, 910021, 42.3474, -83.0604).await;
    let key = service::submissions::new_key();
    let keyed = NeedForm { submission: key.clone(), ..form() };
    let first = create::create(&db, Some(instructor), org, &keyed, Utc::now()).await.unwrap();
    let again = create::create(&db, Some(instructor), org, &keyed, Utc::now()).await.unwrap();
    assert_eq!(first, again);
    assert_eq!(need::Entity::find().count(&db).await.unwrap(), 1);
    // A new rendering of the form (a new key) posts a new need.
    let fresh = NeedForm { submission: service::submissions::new_key(), ..form() };
    create::create(&db, Some(instructor), org, &fresh, Utc::now()).await.unwrap();
    assert_eq!(need::Entity::find().count(&db).await.unwrap(), 2);
});
