//! Placements on both databases: who may make, read and end one; one placement an
//! application however many members make it at once; the guardian's consent link (works
//! once, 14 days, a wrong token does nothing, re-sending is limited); and the attack on a
//! minor's details — the shop reads the placement before consent and gets only what the
//! student shared. People, shops and schools are SYNTHETIC (`service::synthetic::world`);
//! the ZIP centroid is the real GeoNames row of 48201.
use chrono::{DateTime, Duration, SubsecRound, Utc};
use domain::placements::{PlacementSide, PlacementStatus};
use entity::{audit_event, email_outbox, placement};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use service::{
    authz::Actor,
    db_test,
    error::ServiceError,
    openings::conversation,
    placements::{
        consent::{self, AgeForm},
        create::{self, PlacementForm},
        manage, read,
    },
    synthetic::world::{self, World},
    testing::add_real_zips,
};

const SITE: &str = "http://localhost";
const GUARDIAN: &str = "guardian@example.com";

async fn build(db: &DatabaseConnection) -> World {
    add_real_zips(db, &["48201"]).await;
    world::build(db, 920001, Utc::now()).await.unwrap()
}

fn terms(w: &World) -> PlacementForm {
    let today = Utc::now().date_naive();
    PlacementForm {
        mentor: w.people.shop_member.user_id.to_string(),
        program: String::new(),
        starts_on: today.to_string(),
        ends_on: (today + Duration::days(60)).to_string(),
        weekly_hours: "10".into(),
        paid: "unpaid".into(),
        task_areas: vec!["a4".into(), "a5".into()],
    }
}

async fn hire(db: &DatabaseConnection, w: &World) {
    conversation::set_status(db, Some(w.people.shop_owner), w.interest, "hired", SITE, Utc::now())
        .await
        .unwrap();
}

async fn events(db: &DatabaseConnection, name: &str) -> Vec<audit_event::Model> {
    audit_event::Entity::find().filter(audit_event::Column::Event.eq(name)).all(db).await.unwrap()
}

/// The token of the newest consent link e-mailed to the guardian.
async fn newest_link(db: &DatabaseConnection) -> String {
    let mail = email_outbox::Entity::find()
        .filter(email_outbox::Column::Recipient.eq(GUARDIAN))
        .order_by_desc(email_outbox::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("a mail to the guardian");
    let (_, rest) = mail.body_text.split_once("/guardian-consent?token=").expect("a consent link");
    rest.split_whitespace().next().unwrap().to_string()
}

async fn status(db: &DatabaseConnection, id: i64) -> placement::Model {
    placement::Entity::find_by_id(id).one(db).await.unwrap().unwrap()
}

db_test!(only_the_shop_makes_a_placement_from_a_hired_application, |db: DatabaseConnection| async move {
    let w = build(&db).await;
    let p = w.people;
    let make = |who: Option<Actor>, form: PlacementForm| {
        let db = db.clone();
        async move { create::create(&db, who, w.interest, &form, SITE, Utc::now()).await }
    };
    // Not hired yet: refused beside the form.
    assert!(
        matches!(make(Some(p.shop_owner), terms(&w)).await, Err(ServiceError::Conflict(m)) if m.contains("Hired"))
    );
    hire(&db, &w).await;
    assert!(matches!(make(Some(p.student), terms(&w)).await, Err(ServiceError::Forbidden)));
    for outsider in [p.instructor_a, p.instructor_b, p.admin] {
        assert!(matches!(make(Some(outsider), terms(&w)).await, Err(ServiceError::NotFound)));
    }
    assert!(matches!(make(None, terms(&w)).await, Err(ServiceError::SignInRequired)));
    // Every problem at once, each beside its field; a mentor must be of the shop.
    let bad = PlacementForm {
        mentor: p.instructor_a.user_id.to_string(),
        ends_on: "2020-01-01".into(),
        weekly_hours: "99".into(),
        paid: "maybe".into(),
        task_areas: Vec::new(),
        ..terms(&w)
    };
    let fields: Vec<_> =
        make(Some(p.shop_member), bad).await.unwrap_err().problems().into_iter().map(|p| p.field).collect();
    assert_eq!(fields, ["mentor", "ends_on", "weekly_hours", "paid", "task_areas"]);

    let id = make(Some(p.shop_member), terms(&w)).await.unwrap();
    let row = status(&db, id).await;
    assert_eq!(row.status, PlacementStatus::AwaitingConsent);
    assert_eq!(
        (row.program_id, row.student_id, row.minor),
        (w.program_a, Some(p.student.user_id), None),
        "the program the student named"
    );
    assert_eq!(row.task_areas, "a4,a5");
    assert!(
        matches!(make(Some(p.shop_owner), terms(&w)).await, Err(ServiceError::Conflict(_))),
        "one per application"
    );
    assert_eq!(events(&db, "placement_created").await.len(), 2, "the world's and this one");
    let choices = create::for_application(&db, Some(p.shop_owner), w.interest).await.unwrap();
    assert_eq!((choices.placement, choices.form), (Some(id), None));
});

async fn members_making_at_once(db: DatabaseConnection) {
    let w = build(&db).await;
    hire(&db, &w).await;
    let mut makes = tokio::task::JoinSet::new();
    for who in [w.people.shop_owner, w.people.shop_member, w.people.shop_owner, w.people.shop_member] {
        let (db, form, interest) = (db.clone(), terms(&w), w.interest);
        makes.spawn(async move { create::create(&db, Some(who), interest, &form, SITE, Utc::now()).await });
    }
    let results = makes.join_all().await;
    let made = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(made, 1, "{results:?}");
    assert!(results.iter().all(|r| matches!(r, Ok(_) | Err(ServiceError::Conflict(_)))), "{results:?}");
    let rows = placement::Entity::find()
        .filter(placement::Column::InterestId.eq(w.interest))
        .all(&db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
}

db_test!(members_making_at_once_make_one_placement, members_making_at_once);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_making_at_once_make_one_placement_on_a_sqlite_file() {
    service::testing::on_a_sqlite_file("placement-race", members_making_at_once).await;
}

db_test!(only_the_parties_and_admins_read_a_placement, |db: DatabaseConnection| async move {
    let w = build(&db).await;
    let p = w.people;
    for (who, side) in [
        (p.student, PlacementSide::Student),
        (p.shop_member, PlacementSide::Shop),
        (p.shop_owner, PlacementSide::Shop),
        (p.instructor_a, PlacementSide::Program),
        (p.admin, PlacementSide::Admin),
    ] {
        assert_eq!(read::page(&db, Some(who), w.placement).await.unwrap().side, side);
    }
    assert!(matches!(read::page(&db, Some(p.instructor_b), w.placement).await, Err(ServiceError::NotFound)));
    assert!(matches!(read::page(&db, None, w.placement).await, Err(ServiceError::SignInRequired)));
    // The program's side sees the minor's consent state and the guardian's address.
    let program = read::page(&db, Some(p.instructor_a), w.placement).await.unwrap();
    let student = program.student.unwrap();
    assert_eq!((student.under_18, student.guardian_email.as_deref()), (Some(true), Some(GUARDIAN)));
    assert!(student.consent.is_none());
    assert_eq!(program.coordinator_choices.len(), 1, "instructor A, the program's one member");
});

// The attack: a shop member reads the minor's placement before consent and must find none
// of the student's details — no account name, no age, no guardian's address.
db_test!(the_shop_cannot_read_a_minors_details_before_consent, |db: DatabaseConnection| async move {
    let w = build(&db).await;
    let p = w.people;
    let student_name =
        service::accounts::names::of(&db, vec![p.student.user_id]).await.unwrap()[&p.student.user_id].clone();
    let student_email =
        entity::app_user::Entity::find_by_id(p.student.user_id).one(&db).await.unwrap().unwrap().email;
    for member in [p.shop_member, p.shop_owner] {
        let seen = read::page(&db, Some(member), w.placement).await.unwrap();
        assert!(
            seen.student.is_none(),
            "the student's details reached the shop before consent: {:?}",
            seen.student
        );
        let everything = format!("{seen:?}");
        for secret in [GUARDIAN, student_email.as_str(), student_name.as_str()] {
            assert!(!everything.contains(secret), "{secret} reached the shop before consent");
        }
    }
    // Once the guardian agrees, the shop reads the name and the consent, never the address.
    consent::resend(&db, Some(p.student), w.placement, SITE, Utc::now()).await.unwrap();
    consent::agree(&db, &newest_link(&db).await, "Pat Guardian", true, Utc::now()).await.unwrap();
    let seen = read::page(&db, Some(p.shop_member), w.placement).await.unwrap();
    let student = seen.student.clone().expect("settled: the shop reads the student's details");
    assert_eq!((student.name, student.guardian_email), (student_name, None));
    assert_eq!(student.consent.unwrap().name, "Pat Guardian");
    assert!(!format!("{seen:?}").contains(GUARDIAN));
});

db_test!(a_consent_link_works_once_for_fourteen_days, |db: DatabaseConnection| async move {
    let w = build(&db).await;
    let p = w.people;
    // Whole seconds: what both databases store exactly.
    let t0: DateTime<Utc> = Utc::now().trunc_subsecs(0);
    // The student gives another address: a new link; the world's first one stops working.
    let first = newest_link(&db).await;
    let age = AgeForm { under_18: "yes".into(), guardian_email: GUARDIAN.into() };
    consent::state_age(&db, Some(p.student), w.placement, &age, SITE, t0).await.unwrap();
    let link = newest_link(&db).await;
    assert_ne!(first, link);
    assert!(consent::terms(&db, &first, t0).await.is_err(), "a replaced link");
    // A wrong token, and a good one after 14 days, do nothing.
    assert!(matches!(
        consent::agree(&db, "not-a-token", "Pat Guardian", true, t0).await,
        Err(ServiceError::Conflict(_))
    ));
    let late = t0 + Duration::days(14);
    assert!(consent::terms(&db, &link, late).await.is_err());
    assert!(matches!(
        consent::agree(&db, &link, "Pat Guardian", true, late).await,
        Err(ServiceError::Conflict(_))
    ));
    // Within the 14 days: the terms, only this placement's; a refusal keeps the link.
    let just_in_time = late - Duration::minutes(1);
    let shown = consent::terms(&db, &link, just_in_time).await.unwrap();
    assert_eq!((shown.weekly_hours, shown.paid), (12, true));
    assert!(!format!("{shown:?}").contains(GUARDIAN));
    let unticked = consent::agree(&db, &link, "Pat Guardian", false, just_in_time).await;
    assert!(matches!(unticked, Err(ServiceError::Invalid { field: "agree", .. })));
    let unnamed = consent::agree(&db, &link, " ", true, just_in_time).await;
    assert!(matches!(unnamed, Err(ServiceError::Invalid { field: "name", .. })));
    assert_eq!(consent::agree(&db, &link, "Pat Guardian", true, just_in_time).await.unwrap(), w.placement);
    let row = status(&db, w.placement).await;
    assert_eq!(row.status, PlacementStatus::Active);
    assert_eq!((row.consent_name.as_deref(), row.consented_at), (Some("Pat Guardian"), Some(just_in_time)));
    // Once.
    assert!(matches!(
        consent::agree(&db, &link, "Someone Else", true, just_in_time).await,
        Err(ServiceError::Conflict(_))
    ));
    assert_eq!(status(&db, w.placement).await.consent_name.as_deref(), Some("Pat Guardian"));
    assert_eq!(events(&db, "placement_consented").await.len(), 1);
    // The coordinator (any program member) sees it.
    let program = read::page(&db, Some(p.instructor_a), w.placement).await.unwrap();
    assert_eq!(program.student.unwrap().consent.unwrap().name, "Pat Guardian");
});

db_test!(re_sending_the_link_is_limited_and_the_student_alone_sends, |db: DatabaseConnection| async move {
    let w = build(&db).await;
    let p = w.people;
    let t0 = Utc::now();
    for other in [p.shop_member, p.instructor_a, p.admin] {
        assert!(matches!(
            consent::resend(&db, Some(other), w.placement, SITE, t0).await,
            Err(ServiceError::Forbidden)
        ));
    }
    assert!(matches!(
        consent::resend(&db, Some(p.instructor_b), w.placement, SITE, t0).await,
        Err(ServiceError::NotFound)
    ));
    // The world sent one; four more make the hour's five.
    for _ in 0..4 {
        consent::resend(&db, Some(p.student), w.placement, SITE, t0).await.unwrap();
    }
    let limited = consent::resend(&db, Some(p.student), w.placement, SITE, t0).await;
    assert!(matches!(limited, Err(ServiceError::RateLimited { .. })), "{limited:?}");
    let age = AgeForm { under_18: "yes".into(), guardian_email: "other@example.com".into() };
    assert!(matches!(
        consent::state_age(&db, Some(p.student), w.placement, &age, SITE, t0).await,
        Err(ServiceError::RateLimited { .. })
    ));
    let mails = email_outbox::Entity::find()
        .filter(email_outbox::Column::Recipient.eq(GUARDIAN))
        .all(&db)
        .await
        .unwrap();
    assert_eq!(mails.len(), 5);
    consent::resend(&db, Some(p.student), w.placement, SITE, t0 + Duration::minutes(61)).await.unwrap();
    // A minor cannot take it back; the requests are in the audit log.
    let adult = AgeForm { under_18: "no".into(), guardian_email: String::new() };
    let back = consent::state_age(&db, Some(p.student), w.placement, &adult, SITE, t0).await;
    assert!(matches!(back, Err(ServiceError::Invalid { field: "under_18", .. })));
    assert_eq!(events(&db, "placement_consent_requested").await.len(), 6);
});

db_test!(an_adult_starts_at_once_and_any_party_ends_it, |db: DatabaseConnection| async move {
    let w = build(&db).await;
    let p = w.people;
    hire(&db, &w).await;
    let id = create::create(&db, Some(p.shop_owner), w.interest, &terms(&w), SITE, Utc::now()).await.unwrap();
    let own_address = AgeForm { under_18: "yes".into(), guardian_email: "student@example.com".into() };
    let refused = consent::state_age(&db, Some(p.student), id, &own_address, SITE, Utc::now()).await;
    assert!(matches!(refused, Err(ServiceError::Invalid { field: "guardian_email", .. })));
    let adult = AgeForm { under_18: "no".into(), guardian_email: String::new() };
    assert!(matches!(
        consent::state_age(&db, Some(p.shop_owner), id, &adult, SITE, Utc::now()).await,
        Err(ServiceError::Forbidden)
    ));
    assert_eq!(
        consent::state_age(&db, Some(p.student), id, &adult, SITE, Utc::now()).await.unwrap(),
        PlacementStatus::Active
    );
    // The shop reads the adult's name now; the program's members choose the coordinator.
    assert!(read::page(&db, Some(p.shop_member), id).await.unwrap().student.is_some());
    let coordinator = p.instructor_a.user_id.to_string();
    assert!(matches!(
        manage::set_coordinator(&db, Some(p.shop_owner), id, &coordinator, Utc::now()).await,
        Err(ServiceError::Forbidden)
    ));
    let stranger = p.student.user_id.to_string();
    assert!(matches!(
        manage::set_coordinator(&db, Some(p.instructor_a), id, &stranger, Utc::now()).await,
        Err(ServiceError::Invalid { field: "coordinator", .. })
    ));
    manage::set_coordinator(&db, Some(p.instructor_a), id, &coordinator, Utc::now()).await.unwrap();
    assert_eq!(status(&db, id).await.coordinator_id, Some(p.instructor_a.user_id));
    // Ending: a reason; admins read but are no party; the record stays.
    assert!(matches!(
        manage::end(&db, Some(p.admin), id, "Closing it", Utc::now()).await,
        Err(ServiceError::Forbidden)
    ));
    assert!(matches!(
        manage::end(&db, Some(p.instructor_b), id, "Closing it", Utc::now()).await,
        Err(ServiceError::NotFound)
    ));
    assert!(matches!(
        manage::end(&db, Some(p.shop_member), id, "", Utc::now()).await,
        Err(ServiceError::Invalid { field: "reason", .. })
    ));
    assert_eq!(
        manage::end(&db, Some(p.student), id, "Moving away (SYNTHETIC)", Utc::now()).await.unwrap(),
        PlacementStatus::Ended
    );
    assert!(matches!(
        manage::end(&db, Some(p.shop_member), id, "Again", Utc::now()).await,
        Err(ServiceError::Conflict(_))
    ));
    let seen = read::page(&db, Some(p.instructor_a), id).await.unwrap();
    assert_eq!(
        (seen.status, seen.ended.unwrap().reason),
        (PlacementStatus::Ended, "Moving away (SYNTHETIC)".to_string())
    );
    // The world's, still awaiting consent, is withdrawn when ended.
    assert_eq!(
        manage::end(&db, Some(p.instructor_a), w.placement, "Student changed school", Utc::now())
            .await
            .unwrap(),
        PlacementStatus::Withdrawn
    );
    for event in ["placement_age_stated", "placement_coordinator_set", "placement_ended"] {
        assert!(!events(&db, event).await.is_empty(), "{event} is in the audit log");
    }
    assert_eq!(events(&db, "placement_ended").await.len(), 2);
});
