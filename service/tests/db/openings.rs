//! Openings on both databases: who may post and close them (members of verified shops),
//! field errors that name their field and store nothing, who sees them (never students or
//! the public when the shop is not verified or the opening is hidden), and students'
//! interest: idempotent, withdrawable, storing and showing only what the student chose to
//! share, seen by the shop and (that they applied) by the named program's instructors.
//! People, shops and schools are SYNTHETIC; ZIP centroids are the real GeoNames rows.
use chrono::{Datelike, Duration, Utc};
use domain::{
    LatLon, ProgramKind,
    needs::SkillArea,
    openings::{OpeningKind, OpeningStatus, PayPeriod, Schedule},
};
use entity::{email_outbox, institution, opening, opening_interest, organisation, saved_program};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait, Set};
use service::testing::stored;
use service::{
    authz::Actor,
    db_test,
    error::ServiceError,
    openings::{
        interest::{self, InterestForm},
        post::{self, OpeningForm},
        read,
    },
    orgs::{
        create::{self as orgs, ShopForm},
        verification,
    },
    testing::{add_real_zips, add_synthetic_completions, add_synthetic_institution, add_synthetic_user},
};

const SITE: &str = "http://localhost";
/// Detroit, MI (GeoNames): where the opening is.
const OPENING_ZIP: &str = "48226";

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).format("%Y-%m-%d").to_string()
}

fn form() -> OpeningForm {
    OpeningForm {
        kind: "apprenticeship".into(),
        title: "Brake technician apprentice (SYNTHETIC)".into(),
        description: "Learn **A5** brakes.\n\n[x](javascript:alert(1)) <img src=x onerror=alert(2)>\n\n<script>alert('x')</script>".into(),
        pay_min: "18".into(),
        pay_max: "22.50".into(),
        pay_period: "hourly".into(),
        schedule: "part_time".into(),
        zip: OPENING_ZIP.into(),
        starts_on: day(30),
        submission: String::new(),
    }
}

struct World {
    owner: Actor,
    member: Actor,
    shop: i64,
    admin: Actor,
    instructor: Actor,
    program: i64,
    other_instructor: Actor,
    other_program: i64,
    student: Actor,
}

/// A SYNTHETIC college whose instructor's email is at its domain (so the claim is verified).
async fn college(db: &DatabaseConnection, unitid: i32, who: &str) -> (Actor, i64) {
    add_synthetic_institution(db, unitid, "MI", 42.35, -83.05).await;
    add_synthetic_completions(db, unitid, ProgramKind::Auto, 3, 10).await;
    let domain = format!("college-{unitid}.example.edu");
    let mut row = institution::Entity::find_by_id(unitid).one(db).await.unwrap().unwrap().into_active_model();
    row.website = Set(format!("www.{domain}"));
    row.update(db).await.unwrap();
    let instructor = add_synthetic_user(db, &format!("{who}@{domain}"), false).await;
    let created = service::orgs::claims::claim_program(db, Some(instructor), &unitid.to_string(), Utc::now())
        .await
        .unwrap();
    (instructor, created.verified().expect("verified at once"))
}

async fn add_shop(db: &DatabaseConnection, owner: Actor, admin: Actor, verify: bool) -> i64 {
    let form = ShopForm {
        name: "Synthetic Brakes & Tires".into(),
        shop_type: "independent_repair".into(),
        size_band: "5-9".into(),
        city: "Detroit".into(),
        state: "MI".into(),
        zip: "48201".into(),
        ..Default::default()
    };
    let id = orgs::create_shop(db, Some(owner), &form, Utc::now()).await.unwrap().id;
    if verify {
        verification::verify(db, Some(admin), id, SITE, Utc::now()).await.unwrap();
    }
    id
}

async fn add_member(db: &DatabaseConnection, organisation_id: i64, actor: Actor) {
    entity::org_member::ActiveModel {
        organisation_id: Set(organisation_id),
        user_id: Set(actor.user_id),
        role: Set(domain::orgs::MemberRole::Member),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
    .unwrap();
}

async fn save_program(db: &DatabaseConnection, student: Actor, unitid: i32) {
    saved_program::ActiveModel {
        user_id: Set(student.user_id),
        unitid: Set(unitid),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
    .unwrap();
}

async fn world(db: &DatabaseConnection) -> World {
    add_real_zips(db, &["48201", OPENING_ZIP, "49503"]).await;
    let owner = add_synthetic_user(db, "owner@shop.example.com", false).await;
    let member = add_synthetic_user(db, "tech@shop.example.com", false).await;
    let admin = add_synthetic_user(db, "admin@bayline.example.com", true).await;
    let shop = add_shop(db, owner, admin, true).await;
    add_member(db, shop, member).await;
    let (instructor, program) = college(db, 930001, "pat").await;
    let (other_instructor, other_program) = college(db, 930002, "lee").await;
    let student = add_synthetic_user(db, "student@example.com", false).await;
    save_program(db, student, 930001).await;
    World { owner, member, shop, admin, instructor, program, other_instructor, other_program, student }
}

/// The first field a refusal names (the one the form shows first).
fn field_of(error: ServiceError) -> &'static str {
    match error.problems().first() {
        Some(problem) => problem.field,
        None => panic!("expected a field error, got {error:?}"),
    }
}

async fn openings(db: &DatabaseConnection) -> u64 {
    opening::Entity::find().count(db).await.unwrap()
}

async fn interests(db: &DatabaseConnection) -> Vec<opening_interest::Model> {
    opening_interest::Entity::find().all(db).await.unwrap()
}

async fn mail_to(db: &DatabaseConnection, recipient: &str) -> usize {
    let all = email_outbox::Entity::find().all(db).await.unwrap();
    all.into_iter().filter(|m| m.recipient == recipient && m.subject.contains("interested")).count()
}

fn detroit() -> LatLon {
    LatLon { lat: 42.3474, lon: -83.0604 }
}

fn name_and_program(program: i64) -> InterestForm {
    InterestForm {
        share_name: true,
        name: "Sam Rivera (SYNTHETIC)".into(),
        share_program: true,
        program_id: program.to_string(),
        // Typed but not ticked: must never be stored.
        share_completion: false,
        expected_completion: format!("{}-05", Utc::now().year() + 1),
        share_certifications: false,
        certifications: vec!["a5".into()],
    }
}

db_test!(shop_members_post_openings_placed_at_the_zip_centroid, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let id = post::create(&db, Some(w.member), w.shop, &form(), Utc::now()).await.unwrap();
    let shown = read::one(&db, None, id).await.unwrap();
    assert_eq!(shown.kind, OpeningKind::Apprenticeship);
    assert_eq!((shown.pay_min_cents, shown.pay_max_cents), (1800, 2250));
    assert_eq!(shown.pay_period, PayPeriod::Hourly);
    assert_eq!(shown.pay(), "$18–$22.50 per hour");
    assert_eq!(shown.schedule, Schedule::PartTime);
    assert_eq!(shown.starts_on.as_deref(), Some(day(30).as_str()));
    assert_eq!((shown.city.as_str(), shown.state.as_str()), ("Detroit", "MI"));
    assert!(shown.description_html.contains("<strong>A5</strong>"), "{}", shown.description_html);
    assert!(!shown.description_html.contains("<script"), "{}", shown.description_html);
    assert!(!shown.description_html.contains("href=\"javascript"), "{}", shown.description_html);
    assert!(!shown.description_html.contains("onerror"), "{}", shown.description_html);
    let row = opening::Entity::find_by_id(id).one(&db).await.unwrap().unwrap();
    assert_eq!((row.latitude, row.longitude), (42.3333, -83.0484), "the GeoNames centroid of 48226");
    // 48226 is about 1 mile from 48201 and about 130 from Grand Rapids (49503).
    let near = read::near(&db, detroit(), 10.0, None).await.unwrap();
    assert_eq!(near.iter().map(|o| o.id).collect::<Vec<_>>(), vec![id]);
    assert!(near[0].distance_mi.unwrap() < 2.0);
    assert!(read::near(&db, detroit(), 10.0, Some(OpeningKind::Internship)).await.unwrap().is_empty());
    let grand_rapids = LatLon { lat: 42.9659, lon: -85.6527 };
    assert!(read::near(&db, grand_rapids, 100.0, None).await.unwrap().is_empty());
    assert_eq!(read::near(&db, grand_rapids, 200.0, None).await.unwrap().len(), 1);
    // No start date is fine: it is optional.
    let undated = OpeningForm {
        starts_on: String::new(),
        pay_period: "annual".into(),
        pay_min: "42,000".into(),
        pay_max: "$48000".into(),
        ..form()
    };
    let id = post::create(&db, Some(w.owner), w.shop, &undated, Utc::now()).await.unwrap();
    let shown = read::one(&db, None, id).await.unwrap();
    assert_eq!((shown.starts_on.clone(), shown.pay()), (None, "$42,000–$48,000 per year".to_string()));
});

db_test!(bad_openings_name_their_field_and_store_nothing, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    type Change = Box<dyn Fn(&mut OpeningForm)>;
    let cases: Vec<(&str, Change)> = vec![
        ("kind", Box::new(|f| f.kind = "astronaut".into())),
        ("kind", Box::new(|f| f.kind = String::new())),
        ("title", Box::new(|f| f.title = "x".repeat(121))),
        ("title", Box::new(|f| f.title = "<script>alert(1)</script>".into())),
        ("title", Box::new(|f| f.title = "ab".into())),
        ("description", Box::new(|f| f.description = "x".repeat(5_001))),
        ("pay_period", Box::new(|f| f.pay_period = "weekly".into())),
        ("pay_min", Box::new(|f| f.pay_min = "abc".into())),
        ("pay_min", Box::new(|f| f.pay_min = "-5".into())),
        ("pay_min", Box::new(|f| f.pay_min = String::new())),
        ("pay_max", Box::new(|f| f.pay_max = "17.99".into())),
        ("pay_max", Box::new(|f| f.pay_max = "45000".into())),
        ("pay_min", Box::new(|f| f.pay_period = "annual".into())),
        ("schedule", Box::new(|f| f.schedule = "sometimes".into())),
        ("zip", Box::new(|f| f.zip = "4822".into())),
        ("zip", Box::new(|f| f.zip = "00000".into())),
        ("starts_on", Box::new(|f| f.starts_on = day(-2))),
        ("starts_on", Box::new(|f| f.starts_on = "next week".into())),
        ("starts_on", Box::new(|f| f.starts_on = day(800))),
    ];
    for (field, change) in cases {
        let mut bad = form();
        change(&mut bad);
        let error = post::create(&db, Some(w.owner), w.shop, &bad, Utc::now()).await.unwrap_err();
        assert_eq!(field_of(error), field, "{bad:?}");
    }
    assert_eq!(openings(&db).await, 0, "nothing is stored");
});

db_test!(an_opening_form_reports_every_problem_at_once, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let empty = OpeningForm::default();
    let error = post::create(&db, Some(w.owner), w.shop, &empty, Utc::now()).await.unwrap_err();
    let fields: Vec<&str> = error.problems().iter().map(|p| p.field).collect();
    assert_eq!(fields, ["kind", "title", "pay_period", "pay_min", "pay_max", "schedule", "zip"]);
    let mut upside_down = form();
    (upside_down.pay_min, upside_down.pay_max, upside_down.title) = ("30".into(), "20".into(), String::new());
    let error = post::create(&db, Some(w.owner), w.shop, &upside_down, Utc::now()).await.unwrap_err();
    let fields: Vec<&str> = error.problems().iter().map(|p| p.field).collect();
    assert_eq!(fields, ["title", "pay_max"]);
    assert_eq!(openings(&db).await, 0, "nothing is stored");
});

db_test!(only_members_of_verified_shops_post_and_close, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let now = Utc::now();
    let refused = |r: Result<i64, ServiceError>| r.unwrap_err();
    assert!(matches!(
        refused(post::create(&db, None, w.shop, &form(), now).await),
        ServiceError::SignInRequired
    ));
    for outsider in [w.student, w.admin, w.instructor] {
        assert!(matches!(
            refused(post::create(&db, Some(outsider), w.shop, &form(), now).await),
            ServiceError::Forbidden
        ));
    }
    // A school program posts needs, not openings; a pending shop posts nothing yet.
    assert!(matches!(
        refused(post::create(&db, Some(w.instructor), w.program, &form(), now).await),
        ServiceError::Conflict(_)
    ));
    let pending_owner = add_synthetic_user(&db, "new@shop2.example.com", false).await;
    let pending = add_shop(&db, pending_owner, w.admin, false).await;
    assert!(matches!(
        refused(post::create(&db, Some(pending_owner), pending, &form(), now).await),
        ServiceError::Conflict(_)
    ));
    assert_eq!(openings(&db).await, 0);

    let id = post::create(&db, Some(w.owner), w.shop, &form(), now).await.unwrap();
    for outsider in [w.student, w.admin, w.instructor] {
        assert!(matches!(
            post::set_status(&db, Some(outsider), id, "closed", now).await,
            Err(ServiceError::Forbidden)
        ));
    }
    assert!(matches!(
        post::set_status(&db, Some(w.member), id, "archived", now).await,
        Err(ServiceError::Invalid { field: "status", .. })
    ));
    assert_eq!(post::set_status(&db, Some(w.member), id, "closed", now).await.unwrap(), w.shop);
    // Twice is the same as once.
    assert_eq!(post::set_status(&db, Some(w.member), id, "closed", now).await.unwrap(), w.shop);
    // Closed: gone for the public and students, still there for the shop.
    assert!(matches!(read::one(&db, None, id).await, Err(ServiceError::NotFound)));
    assert!(matches!(read::one(&db, Some(w.student), id).await, Err(ServiceError::NotFound)));
    assert!(read::near(&db, detroit(), 50.0, None).await.unwrap().is_empty());
    assert!(read::for_organisation(&db, None, w.shop).await.unwrap().is_empty());
    let theirs = read::for_organisation(&db, Some(w.member), w.shop).await.unwrap();
    assert_eq!(theirs[0].status, OpeningStatus::Closed);
    assert!(matches!(
        interest::express(&db, Some(w.student), id, &name_and_program(w.program), SITE, now).await,
        Err(ServiceError::NotFound)
    ));
    post::set_status(&db, Some(w.owner), id, "open", now).await.unwrap();
    assert_eq!(read::one(&db, None, id).await.unwrap().status, OpeningStatus::Open);
});

db_test!(openings_of_unverified_shops_or_hidden_ones_are_not_shown, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let now = Utc::now();
    let id = post::create(&db, Some(w.owner), w.shop, &form(), now).await.unwrap();
    let set_shop_status = |status: &'static str| {
        let db = db.clone();
        async move {
            let mut shop =
                organisation::Entity::find_by_id(w.shop).one(&db).await.unwrap().unwrap().into_active_model();
            shop.status = Set(stored(status));
            shop.update(&db).await.unwrap();
        }
    };
    // Any status but verified (rejected now; a later "suspended" alike) hides everything.
    for status in ["rejected", "pending", "suspended"] {
        set_shop_status(status).await;
        assert!(read::near(&db, detroit(), 50.0, None).await.unwrap().is_empty(), "{status}");
        assert!(matches!(read::one(&db, None, id).await, Err(ServiceError::NotFound)));
        assert!(matches!(read::one(&db, Some(w.student), id).await, Err(ServiceError::NotFound)));
        assert!(read::for_organisation(&db, Some(w.student), w.shop).await.unwrap().is_empty());
        assert!(matches!(
            interest::express(&db, Some(w.student), id, &name_and_program(w.program), SITE, now).await,
            Err(ServiceError::NotFound)
        ));
        // The shop's own members still see what they posted.
        assert_eq!(read::one(&db, Some(w.member), id).await.unwrap().id, id);
    }
    set_shop_status("verified").await;
    assert_eq!(read::near(&db, detroit(), 50.0, None).await.unwrap().len(), 1);
    // Hidden by moderation: the same.
    let mut row = opening::Entity::find_by_id(id).one(&db).await.unwrap().unwrap().into_active_model();
    row.hidden_at = Set(Some(now));
    row.update(&db).await.unwrap();
    assert!(read::near(&db, detroit(), 50.0, None).await.unwrap().is_empty());
    assert!(matches!(read::one(&db, None, id).await, Err(ServiceError::NotFound)));
    assert_eq!(read::one(&db, Some(w.owner), id).await.unwrap().id, id);
    assert!(interests(&db).await.is_empty());
});

db_test!(
    interest_is_idempotent_withdrawable_and_shares_only_what_was_chosen,
    |db: DatabaseConnection| async move {
        let w = world(&db).await;
        let now = Utc::now();
        let id = post::create(&db, Some(w.owner), w.shop, &form(), now).await.unwrap();
        let choice = name_and_program(w.program);
        let first = interest::express(&db, Some(w.student), id, &choice, SITE, now).await.unwrap();
        let again = interest::express(&db, Some(w.student), id, &choice, SITE, now).await.unwrap();
        assert_eq!(first, again, "a double submission keeps one interest");
        let stored = interests(&db).await;
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].shared_name.as_deref(), Some("Sam Rivera (SYNTHETIC)"));
        assert_eq!(stored[0].shared_program_id, Some(w.program));
        assert_eq!(
            (stored[0].shared_completion.clone(), stored[0].shared_certifications.clone()),
            (None, None),
            "unticked values are never stored"
        );
        // The student's data export holds exactly what they shared.
        let export =
            service::accounts::privacy::export(&db, Some(w.student), "127.0.0.1", now).await.unwrap();
        let mine = &export.activity.opening_interests;
        assert_eq!(mine.len(), 1);
        assert_eq!((mine[0].opening_id, mine[0].shared_program_id), (id, Some(w.program)));
        assert_eq!(mine[0].shared_completion, None);
        // The shop sees exactly what was shared.
        for member in [w.owner, w.member] {
            let seen = interest::for_opening(&db, Some(member), id).await.unwrap();
            assert_eq!(seen.len(), 1);
            assert_eq!(seen[0].shared.name.as_deref(), Some("Sam Rivera (SYNTHETIC)"));
            assert!(
                seen[0].shared.program.as_deref().unwrap().starts_with("Synthetic"),
                "{:?}",
                seen[0].shared.program
            );
            assert_eq!(
                (seen[0].shared.expected_completion.clone(), seen[0].shared.certifications.clone()),
                (None, None)
            );
        }
        // Each member is emailed once, not once per submission.
        assert_eq!(mail_to(&db, "owner@shop.example.com").await, 1);
        assert_eq!(mail_to(&db, "tech@shop.example.com").await, 1);
        // Sharing more on a later submission replaces what is shared.
        let more = InterestForm {
            share_completion: true,
            share_certifications: true,
            certifications: vec!["a5".into(), "a4".into(), "a5".into()],
            ..choice.clone()
        };
        interest::express(&db, Some(w.student), id, &more, SITE, now).await.unwrap();
        let seen = interest::for_opening(&db, Some(w.owner), id).await.unwrap();
        assert_eq!(seen[0].shared.certifications, Some(vec![SkillArea::A4, SkillArea::A5]));
        assert_eq!(seen[0].shared.expected_completion, Some(format!("{}-05", now.year() + 1)));
        assert_eq!(mail_to(&db, "owner@shop.example.com").await, 1);

        // Withdrawing erases what was shared; twice is fine.
        interest::withdraw(&db, Some(w.student), id, now).await.unwrap();
        interest::withdraw(&db, Some(w.student), id, now).await.unwrap();
        assert!(interest::for_opening(&db, Some(w.owner), id).await.unwrap().is_empty());
        assert!(interest::mine(&db, Some(w.student)).await.unwrap().is_empty());
        let stored = interests(&db).await;
        assert_eq!(stored.len(), 1);
        assert!(stored[0].withdrawn_at.is_some());
        assert_eq!((stored[0].shared_name.clone(), stored[0].shared_program_id), (None, None));
        // Interested again: the shop hears of it again.
        interest::express(&db, Some(w.student), id, &choice, SITE, now).await.unwrap();
        assert_eq!(interest::for_opening(&db, Some(w.owner), id).await.unwrap().len(), 1);
        assert_eq!(mail_to(&db, "owner@shop.example.com").await, 2);
        assert_eq!(interests(&db).await.len(), 1);
        // Withdrawing what one never expressed is not found.
        let other = add_synthetic_user(&db, "other@example.com", false).await;
        assert!(matches!(interest::withdraw(&db, Some(other), id, now).await, Err(ServiceError::NotFound)));
        assert!(matches!(interest::withdraw(&db, None, id, now).await, Err(ServiceError::SignInRequired)));
    }
);

db_test!(bad_interest_names_its_field_and_stores_nothing, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let now = Utc::now();
    let id = post::create(&db, Some(w.owner), w.shop, &form(), now).await.unwrap();
    let good = name_and_program(w.program);
    let cases: Vec<(&str, InterestForm)> = vec![
        ("share", InterestForm { share_name: false, share_program: false, ..good.clone() }),
        ("name", InterestForm { name: "  ".into(), ..good.clone() }),
        ("name", InterestForm { name: "x".repeat(101), ..good.clone() }),
        ("name", InterestForm { name: "<script>alert(1)</script>".into(), ..good.clone() }),
        // A program the student neither saved nor belongs to, and one that is not a number.
        ("program_id", InterestForm { program_id: w.other_program.to_string(), ..good.clone() }),
        ("program_id", InterestForm { program_id: w.shop.to_string(), ..good.clone() }),
        ("program_id", InterestForm { program_id: "abc".into(), ..good.clone() }),
        (
            "expected_completion",
            InterestForm { share_completion: true, expected_completion: "2020-05".into(), ..good.clone() },
        ),
        (
            "expected_completion",
            InterestForm { share_completion: true, expected_completion: "May 2027".into(), ..good.clone() },
        ),
        (
            "expected_completion",
            InterestForm {
                share_completion: true,
                expected_completion: format!("{}-13", now.year() + 1),
                ..good.clone()
            },
        ),
        (
            "expected_completion",
            InterestForm {
                share_completion: true,
                expected_completion: format!("{}-01", now.year() + 9),
                ..good.clone()
            },
        ),
        (
            "certifications",
            InterestForm { share_certifications: true, certifications: vec![], ..good.clone() },
        ),
        (
            "certifications",
            InterestForm { share_certifications: true, certifications: vec!["z9".into()], ..good.clone() },
        ),
    ];
    for (field, bad) in cases {
        let error = interest::express(&db, Some(w.student), id, &bad, SITE, now).await.unwrap_err();
        assert_eq!(field_of(error), field, "{bad:?}");
    }
    assert!(interests(&db).await.is_empty(), "nothing is stored");
    assert_eq!(mail_to(&db, "owner@shop.example.com").await, 0);
    // The shop's own members do not apply to their own opening.
    assert!(matches!(
        interest::express(
            &db,
            Some(w.member),
            id,
            &InterestForm { share_program: false, ..good.clone() },
            SITE,
            now
        )
        .await,
        Err(ServiceError::Conflict(_))
    ));
    assert!(matches!(
        interest::express(&db, None, id, &good, SITE, now).await,
        Err(ServiceError::SignInRequired)
    ));
    assert!(matches!(
        interest::express(&db, Some(w.student), id + 100, &good, SITE, now).await,
        Err(ServiceError::NotFound)
    ));
});

db_test!(
    students_see_only_their_own_and_instructors_see_who_named_them,
    |db: DatabaseConnection| async move {
        let w = world(&db).await;
        let now = Utc::now();
        let id = post::create(&db, Some(w.owner), w.shop, &form(), now).await.unwrap();
        interest::express(&db, Some(w.student), id, &name_and_program(w.program), SITE, now).await.unwrap();
        // A second student names the same program but keeps their name to themselves.
        let quiet = add_synthetic_user(&db, "quiet@example.com", false).await;
        save_program(&db, quiet, 930001).await;
        let program_only = InterestForm {
            share_name: false,
            name: "Not Shared (SYNTHETIC)".into(),
            ..name_and_program(w.program)
        };
        interest::express(&db, Some(quiet), id, &program_only, SITE, now).await.unwrap();

        let mine = interest::mine(&db, Some(w.student)).await.unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].shared.name.as_deref(), Some("Sam Rivera (SYNTHETIC)"));
        assert_eq!(mine[0].opening_title, "Brake technician apprentice (SYNTHETIC)");
        let theirs = interest::mine(&db, Some(quiet)).await.unwrap();
        assert_eq!((theirs.len(), theirs[0].shared.name.clone()), (1, None));
        assert!(interest::mine(&db, Some(w.owner)).await.unwrap().is_empty());
        assert!(matches!(interest::mine(&db, None).await, Err(ServiceError::SignInRequired)));
        // Only the shop's members read the interest list: not students, instructors or admins.
        for outsider in [w.student, quiet, w.instructor, w.admin] {
            assert!(matches!(
                interest::for_opening(&db, Some(outsider), id).await,
                Err(ServiceError::Forbidden)
            ));
        }
        assert_eq!(interest::for_opening(&db, Some(w.member), id).await.unwrap().len(), 2);

        // The named program's instructors see both applied, the name only where shared.
        let seen = interest::for_program(&db, Some(w.instructor), w.program).await.unwrap();
        assert_eq!(seen.len(), 2);
        assert!(seen.iter().all(|s| s.opening_id == id && s.shop_name == "Synthetic Brakes & Tires"));
        let names: Vec<Option<String>> = seen.iter().map(|s| s.student_name.clone()).collect();
        assert_eq!(names, vec![Some("Sam Rivera (SYNTHETIC)".to_string()), None]);
        assert!(
            interest::for_program(&db, Some(w.other_instructor), w.other_program).await.unwrap().is_empty()
        );
        for outsider in [w.other_instructor, w.student, w.owner, w.admin] {
            assert!(matches!(
                interest::for_program(&db, Some(outsider), w.program).await,
                Err(ServiceError::Forbidden)
            ));
        }
        // Withdrawn: the instructors no longer see it either.
        interest::withdraw(&db, Some(w.student), id, now).await.unwrap();
        assert_eq!(interest::for_program(&db, Some(w.instructor), w.program).await.unwrap().len(), 1);
        // A program to choose from: saved ones that are claimed and verified.
        let choices = interest::program_choices(&db, Some(w.student)).await.unwrap();
        assert_eq!(choices.iter().map(|c| c.id).collect::<Vec<_>>(), vec![w.program]);
    }
);

db_test!(
    a_reported_opening_hidden_by_an_admin_leaves_every_public_list,
    |db: DatabaseConnection| async move {
        let w = world(&db).await;
        let now = Utc::now();
        let id = post::create(&db, Some(w.owner), w.shop, &form(), now).await.unwrap();
        let reported = service::moderation::report::file(
            &db,
            &service::Ctx::new(Some(w.student), "", now),
            "opening",
            &id.to_string(),
            "spam",
            "",
        )
        .await
        .unwrap();
        // A student cannot hide it; an admin can, once, and the shop's owners are told.
        assert!(matches!(
            service::moderation::actions::hide(&db, Some(w.student), "opening", &id.to_string(), SITE, now)
                .await,
            Err(ServiceError::Forbidden)
        ));
        service::moderation::actions::hide(&db, Some(w.admin), "opening", &id.to_string(), SITE, now)
            .await
            .unwrap();
        assert!(read::near(&db, detroit(), 50.0, None).await.unwrap().is_empty());
        assert!(matches!(read::one(&db, Some(w.student), id).await, Err(ServiceError::NotFound)));
        assert_eq!(read::one(&db, Some(w.owner), id).await.unwrap().id, id, "its shop still sees it");
        let told = email_outbox::Entity::find().all(&db).await.unwrap();
        assert!(
            told.iter().any(|m| m.recipient == "owner@shop.example.com" && m.subject.contains("was hidden"))
        );
        assert!(reported.created);
    }
);
