//! Placements made from an accepted offer on a need, on both databases: only the verified
//! shop's members make one, only on an accepted internship or apprenticeship offer, every
//! bad field named; the student's join link works once, for 14 days, and a re-send kills
//! the old one (limited); two people joining at once make one student; a member of the shop
//! cannot be the student; before anyone joins nobody sees a student. People, shops and
//! schools are SYNTHETIC; the ZIP centroid is the real GeoNames row of 48201.
use chrono::{DateTime, Duration, SubsecRound, Utc};
use domain::{
    orgs::OrgStatus,
    placements::{JoinLink, PlacementSide, PlacementStatus},
};
use entity::{audit_event, email_outbox, organisation, placement};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr};
use service::{
    accounts::tokens::{self, Purpose},
    authz::Actor,
    db_test,
    error::ServiceError,
    partnerships::offers as need_offers,
    placements::{
        consent::{self, AgeForm},
        create::PlacementForm,
        join,
        offers::{self, OfferPlacementForm},
        read,
    },
    testing::add_synthetic_user,
};

use crate::support::partners::*;

const STUDENT: &str = "sent-student@example.com";

/// The partners' world with the shop's offer on the internship need accepted:
/// `(world, offer, partnership)`.
async fn accepted(db: &DatabaseConnection) -> (World, i64, i64) {
    let w = world(db).await;
    let made =
        need_offers::make(db, Some(w.owner), w.need, w.shop, "We host two (SYNTHETIC)", SITE, Utc::now())
            .await
            .unwrap();
    let partnership =
        need_offers::accept(db, Some(w.instructor), made.offer_id, SITE, Utc::now()).await.unwrap();
    (w, made.offer_id, partnership)
}

fn form(mentor: Actor, email: &str) -> OfferPlacementForm {
    let today = Utc::now().date_naive();
    OfferPlacementForm {
        email: email.into(),
        terms: PlacementForm {
            mentor: mentor.user_id.to_string(),
            program: String::new(),
            starts_on: today.to_string(),
            ends_on: (today + Duration::days(60)).to_string(),
            weekly_hours: "12".into(),
            paid: "paid".into(),
            task_areas: vec!["a5".into()],
        },
    }
}

/// The token of the newest join link e-mailed to `recipient`.
async fn newest_link(db: &DatabaseConnection, recipient: &str) -> String {
    let mail = email_outbox::Entity::find()
        .filter(email_outbox::Column::Recipient.eq(recipient))
        .order_by_desc(email_outbox::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("a mail to the student");
    let (_, rest) = mail.body_text.split_once("/placements/join?token=").expect("a join link");
    rest.split_whitespace().next().unwrap().to_string()
}

async fn events(db: &DatabaseConnection, name: &str) -> usize {
    audit_event::Entity::find().filter(audit_event::Column::Event.eq(name)).all(db).await.unwrap().len()
}

async fn row(db: &DatabaseConnection, id: i64) -> placement::Model {
    placement::Entity::find_by_id(id).one(db).await.unwrap().unwrap()
}

db_test!(
    only_the_verified_shop_places_from_an_accepted_internship_offer,
    |db: DatabaseConnection| async move {
        let w = world(&db).await;
        let offer =
            need_offers::make(&db, Some(w.owner), w.need, w.shop, "Two seats (SYNTHETIC)", SITE, Utc::now())
                .await
                .unwrap()
                .offer_id;
        let make = |who: Option<Actor>, form: OfferPlacementForm, offer: i64| {
            let db = db.clone();
            async move { offers::create(&db, who, offer, &form, SITE, Utc::now()).await }
        };
        conflict(make(Some(w.owner), form(w.owner, STUDENT), offer).await, "accepted");
        need_offers::accept(&db, Some(w.instructor), offer, SITE, Utc::now()).await.unwrap();
        let student = add_synthetic_user(&db, STUDENT, false).await;
        assert!(matches!(
            make(Some(w.instructor), form(w.owner, STUDENT), offer).await,
            Err(ServiceError::Forbidden)
        ));
        for outsider in [w.outsider, w.admin, student] {
            assert!(matches!(
                make(Some(outsider), form(w.owner, STUDENT), offer).await,
                Err(ServiceError::NotFound)
            ));
        }
        assert!(matches!(make(None, form(w.owner, STUDENT), offer).await, Err(ServiceError::SignInRequired)));
        assert!(matches!(
            make(Some(w.owner), form(w.owner, STUDENT), 999_999).await,
            Err(ServiceError::NotFound)
        ));
        // Every problem at once, each beside its field; the mentor must be of the shop.
        let mut bad = form(w.instructor, "not an address");
        bad.terms.ends_on = "2020-01-01".into();
        bad.terms.weekly_hours = "99".into();
        bad.terms.paid = "maybe".into();
        bad.terms.task_areas.clear();
        let fields: Vec<_> = make(Some(w.owner), bad, offer)
            .await
            .unwrap_err()
            .problems()
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, ["email", "mentor", "ends_on", "weekly_hours", "paid", "task_areas"]);
        assert_eq!(placement::Entity::find().all(&db).await.unwrap().len(), 0, "nothing refused was made");

        // Two students from one offer: a placement each, waiting with no student and no address.
        let first = make(Some(w.owner), form(w.owner, STUDENT), offer).await.unwrap();
        let second = make(Some(w.owner), form(w.owner, "second-student@example.com"), offer).await.unwrap();
        assert_ne!(first, second);
        let made = row(&db, first).await;
        assert_eq!(
            (made.status, made.student_id, made.offer_id, made.program_id, made.shop_id, made.interest_id),
            (PlacementStatus::AwaitingStudent, None, Some(offer), w.program, w.shop, None)
        );
        assert!(!format!("{made:?}").contains(STUDENT), "the address is not kept on the placement");
        assert_eq!(mail_to(&db, STUDENT).await.len(), 1);
        assert_eq!(
            (events(&db, "placement_created").await, events(&db, "placement_join_sent").await),
            (2, 2)
        );
        let details: Vec<String> =
            audit_event::Entity::find().all(&db).await.unwrap().into_iter().map(|e| e.detail).collect();
        assert!(!details.iter().any(|d| d.contains(STUDENT)), "the audit log names no address");

        // Only internship and apprenticeship needs place students.
        let speaker = post_need(&db, w.instructor, w.program, "guest_speaker").await;
        let apprentice = post_need(&db, w.instructor, w.program, "apprenticeship").await;
        for need in [speaker, apprentice] {
            let other =
                need_offers::make(&db, Some(w.owner), need, w.shop, "Yes (SYNTHETIC)", SITE, Utc::now())
                    .await
                    .unwrap()
                    .offer_id;
            need_offers::accept(&db, Some(w.instructor), other, SITE, Utc::now()).await.unwrap();
            let made = make(Some(w.owner), form(w.owner, STUDENT), other).await;
            if need == speaker {
                conflict(made, "internship and apprenticeship");
            } else {
                made.unwrap();
            }
        }
        // A shop no longer verified places nobody.
        organisation::Entity::update_many()
            .col_expr(organisation::Column::Status, Expr::value(OrgStatus::Pending.slug()))
            .filter(organisation::Column::Id.eq(w.shop))
            .exec(&db)
            .await
            .unwrap();
        conflict(make(Some(w.owner), form(w.owner, STUDENT), offer).await, "not verified");
        // The partnership page lists the internship and apprenticeship offers' placements.
        let partnership =
            entity::offer::Entity::find_by_id(offer).one(&db).await.unwrap().unwrap().partnership_id;
        let listed = offers::for_partnership(&db, Some(w.instructor), partnership.unwrap()).await.unwrap();
        assert_eq!(listed.iter().map(|o| o.placements.len()).collect::<Vec<_>>(), [2, 1]);
        assert!(listed.iter().all(|o| o.mentors.is_none()), "the program's members get no form");
        assert!(matches!(
            offers::for_partnership(&db, Some(w.outsider), partnership.unwrap()).await,
            Err(ServiceError::Forbidden)
        ));
    }
);

db_test!(
    a_join_link_works_once_for_fourteen_days_and_a_resend_kills_the_old_one,
    |db: DatabaseConnection| async move {
        let (w, offer, _) = accepted(&db).await;
        let student = add_synthetic_user(&db, "the-student@example.com", false).await;
        // Whole seconds: what both databases store exactly.
        let t0: DateTime<Utc> = Utc::now().trunc_subsecs(0);
        let id = offers::create(&db, Some(w.owner), offer, &form(w.owner, "typo@example.com"), SITE, t0)
            .await
            .unwrap();
        let first = newest_link(&db, "typo@example.com").await;
        // Only the shop re-sends; to a corrected address; the first link dies.
        assert!(matches!(
            offers::resend(&db, Some(w.instructor), id, STUDENT, SITE, t0).await,
            Err(ServiceError::Forbidden)
        ));
        assert!(matches!(
            offers::resend(&db, Some(w.outsider), id, STUDENT, SITE, t0).await,
            Err(ServiceError::NotFound)
        ));
        assert_eq!(
            field_of(offers::resend(&db, Some(w.owner), id, "nope", SITE, t0).await.unwrap_err()),
            "email"
        );
        offers::resend(&db, Some(w.owner), id, STUDENT, SITE, t0).await.unwrap();
        let link = newest_link(&db, STUDENT).await;
        assert_ne!(first, link);
        assert_eq!(join::link(&db, Some(student), &first, t0).await.unwrap(), JoinLink::Dead);
        conflict(join::join(&db, Some(student), &first, t0).await, "not valid");
        // Limited: the first mail and four re-sends make the hour's five.
        for _ in 0..3 {
            offers::resend(&db, Some(w.owner), id, STUDENT, SITE, t0).await.unwrap();
        }
        let limited = offers::resend(&db, Some(w.owner), id, STUDENT, SITE, t0).await;
        assert!(matches!(limited, Err(ServiceError::RateLimited { .. })), "{limited:?}");
        let link = newest_link(&db, STUDENT).await;
        // Signed out: sign in first, the terms stay hidden; a wrong token is dead.
        assert_eq!(join::link(&db, None, &link, t0).await.unwrap(), JoinLink::SignInFirst);
        assert_eq!(join::link(&db, None, "not-a-token", t0).await.unwrap(), JoinLink::Dead);
        assert!(matches!(join::join(&db, None, &link, t0).await, Err(ServiceError::SignInRequired)));
        // After 14 days it is dead.
        let late = t0 + Duration::days(14);
        assert_eq!(join::link(&db, Some(student), &link, late).await.unwrap(), JoinLink::Dead);
        conflict(join::join(&db, Some(student), &link, late).await, "not valid");
        // Within them: the terms, then "This is me".
        let just_in_time = late - Duration::minutes(1);
        let JoinLink::Open { terms, refused } =
            join::link(&db, Some(student), &link, just_in_time).await.unwrap()
        else {
            panic!("a live link shows the terms");
        };
        assert_eq!((terms.weekly_hours, terms.paid, refused), (12, true, None));
        assert_eq!(join::join(&db, Some(student), &link, just_in_time).await.unwrap(), id);
        let joined = row(&db, id).await;
        assert_eq!(
            (joined.student_id, joined.status),
            (Some(student.user_id), PlacementStatus::AwaitingConsent)
        );
        // Once: nobody else joins with it, and nothing is re-sent now.
        let other = add_synthetic_user(&db, "other@example.com", false).await;
        conflict(join::join(&db, Some(other), &link, just_in_time).await, "not valid");
        conflict(offers::resend(&db, Some(w.owner), id, STUDENT, SITE, just_in_time).await, "does not wait");
        assert_eq!(events(&db, "placement_joined").await, 1);
        // The usual flow follows: the student is a party now and says they are 18 or over.
        assert_eq!(read::page(&db, Some(student), id).await.unwrap().side, PlacementSide::Student);
        let adult = AgeForm { under_18: "no".into(), guardian_email: String::new() };
        assert_eq!(
            consent::state_age(&db, Some(student), id, &adult, SITE, Utc::now()).await.unwrap(),
            PlacementStatus::Active
        );
        let seen = read::page(&db, Some(w.owner), id).await.unwrap();
        assert_eq!(seen.origin.unwrap().need_id, w.need);
        assert!(seen.student.is_some(), "an adult's name reaches the shop once they joined");
    }
);

// The attack: a member of the shop opens the link meant for the student and tries to make
// the shop's own placement theirs.
db_test!(a_member_of_the_shop_cannot_join_as_its_student, |db: DatabaseConnection| async move {
    let (w, offer, _) = accepted(&db).await;
    let id =
        offers::create(&db, Some(w.owner), offer, &form(w.owner, STUDENT), SITE, Utc::now()).await.unwrap();
    let link = newest_link(&db, STUDENT).await;
    let JoinLink::Open { refused, .. } = join::link(&db, Some(w.owner), &link, Utc::now()).await.unwrap()
    else {
        panic!("a live link");
    };
    assert_eq!(refused.as_deref(), Some(join::OWN_SHOP));
    conflict(join::join(&db, Some(w.owner), &link, Utc::now()).await, "member of the shop");
    assert_eq!(row(&db, id).await.student_id, None);
    // The link still works for the student.
    let student = add_synthetic_user(&db, STUDENT, false).await;
    assert_eq!(join::join(&db, Some(student), &link, Utc::now()).await.unwrap(), id);
});

// The attack: reading a placement that waits for its student, as every party and as the
// student-to-be, must show no student and no address; the student-to-be reads nothing.
db_test!(before_joining_nobody_sees_a_student, |db: DatabaseConnection| async move {
    let (w, offer, partnership) = accepted(&db).await;
    let student = add_synthetic_user(&db, STUDENT, false).await;
    let id =
        offers::create(&db, Some(w.owner), offer, &form(w.owner, STUDENT), SITE, Utc::now()).await.unwrap();
    for (who, side) in [
        (w.owner, PlacementSide::Shop),
        (w.instructor, PlacementSide::Program),
        (w.admin, PlacementSide::Admin),
    ] {
        let seen = read::page(&db, Some(who), id).await.unwrap();
        assert_eq!(seen.side, side);
        assert!(seen.waiting_for_student());
        assert!(seen.student.is_none(), "a student before anyone joined: {:?}", seen.student);
        assert!(!format!("{seen:?}").contains(STUDENT), "the address reached {side:?}");
    }
    assert!(matches!(read::page(&db, Some(student), id).await, Err(ServiceError::NotFound)));
    assert!(matches!(read::page(&db, Some(w.outsider), id).await, Err(ServiceError::NotFound)));
    let adult = AgeForm { under_18: "no".into(), guardian_email: String::new() };
    assert!(consent::state_age(&db, Some(student), id, &adult, SITE, Utc::now()).await.is_err());
    let listed = offers::for_partnership(&db, Some(w.owner), partnership).await.unwrap();
    assert!(!format!("{listed:?}").contains(STUDENT));
    assert_eq!(listed[0].placements[0].status, PlacementStatus::AwaitingStudent);
    // The program's and the shop's lists (and so their CSV) say it waits, naming nobody.
    for (who, org) in [(w.instructor, w.program), (w.owner, w.shop)] {
        let list = service::placements::lists::of_org(&db, Some(who), org, Utc::now()).await.unwrap();
        let waiting = list.rows.iter().find(|r| r.id == id).unwrap();
        assert_eq!(waiting.student, "Waiting for the student to join");
        assert!(!domain::placement_records::to_csv(&list).contains(STUDENT));
    }
    // Withdrawn while waiting: its link is dead.
    let link = newest_link(&db, STUDENT).await;
    service::placements::manage::end(&db, Some(w.owner), id, "The student chose another shop", Utc::now())
        .await
        .unwrap();
    assert_eq!(row(&db, id).await.status, PlacementStatus::Withdrawn);
    assert_eq!(join::link(&db, Some(student), &link, Utc::now()).await.unwrap(), JoinLink::Dead);
});

/// Four people redeem at once: two with the e-mailed link and two with a second live link
/// (as when a re-send races the first link's click). One becomes the student.
async fn joining_at_once(db: DatabaseConnection) {
    let (w, offer, _) = accepted(&db).await;
    let id =
        offers::create(&db, Some(w.owner), offer, &form(w.owner, STUDENT), SITE, Utc::now()).await.unwrap();
    let mailed = newest_link(&db, STUDENT).await;
    let second = tokens::issue_with_payload(
        &db,
        w.owner.user_id,
        Purpose::PlacementJoin,
        &id.to_string(),
        join::LINK_TTL,
        Utc::now(),
    )
    .await
    .unwrap();
    let mut people = Vec::new();
    for n in 0..4 {
        people.push(add_synthetic_user(&db, &format!("racer-{n}@example.com"), false).await);
    }
    let mut joins = tokio::task::JoinSet::new();
    for (n, who) in people.iter().enumerate() {
        let (db, who) = (db.clone(), *who);
        let token = if n % 2 == 0 { mailed.clone() } else { second.clone() };
        joins.spawn(async move { join::join(&db, Some(who), &token, Utc::now()).await });
    }
    let results = joins.join_all().await;
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
    assert!(results.iter().all(|r| matches!(r, Ok(_) | Err(ServiceError::Conflict(_)))), "{results:?}");
    let joined = row(&db, id).await;
    assert!(people.iter().any(|p| joined.student_id == Some(p.user_id)));
    assert_eq!(events(&db, "placement_joined").await, 1);
}

db_test!(two_people_joining_at_once_make_one_student, joining_at_once);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_joining_at_once_make_one_student_on_a_sqlite_file() {
    service::testing::on_a_sqlite_file("placement-join-race", joining_at_once).await;
}
