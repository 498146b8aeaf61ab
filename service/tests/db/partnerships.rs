//! Offers and partnerships on both databases: who may offer and decide, idempotent offers,
//! concurrent decisions where exactly one wins, illegal transitions, private threads, and
//! field errors that name their field and store nothing. People and schools are SYNTHETIC;
//! ZIP centroids are the real GeoNames rows.
use chrono::Utc;
use domain::{
    needs::NeedKind,
    partnerships::{OfferStatus, PartnershipStatus},
};
use entity::{offer, partnership, partnership_message};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use service::{
    db_test,
    error::ServiceError,
    needs,
    partnerships::{lifecycle, offers, read, thread},
};

use crate::support::partners::*;

db_test!(offers_need_a_member_of_a_verified_shop_and_an_open_need, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let now = Utc::now();
    let msg = "We can host two students on Saturdays.";
    assert!(matches!(
        offers::make(&db, None, w.need, w.shop, msg, SITE, now).await,
        Err(ServiceError::SignInRequired)
    ));
    for stranger in [w.instructor, w.outsider, w.admin] {
        assert!(matches!(
            offers::make(&db, Some(stranger), w.need, w.shop, msg, SITE, now).await,
            Err(ServiceError::Forbidden)
        ));
    }
    let pending_shop = shop(&db, w.owner, w.admin, false).await;
    conflict(offers::make(&db, Some(w.owner), w.need, pending_shop, msg, SITE, now).await, "verified");
    let closed = post_need(&db, w.instructor, w.program, "shop_tour").await;
    needs::status::set_status(&db, Some(w.instructor), closed, "closed", now).await.unwrap();
    conflict(offers::make(&db, Some(w.owner), closed, w.shop, msg, SITE, now).await, "not open");
    // Bad messages name their field and store nothing.
    for bad in [String::new(), "   ".into(), "x".repeat(2_001), "a\u{7}b".into()] {
        let error = offers::make(&db, Some(w.owner), w.need, w.shop, &bad, SITE, now).await.unwrap_err();
        assert_eq!(field_of(error), "message");
    }
    assert_eq!(offer::Entity::find().count(&db).await.unwrap(), 0);
    // The limit itself is allowed, and the program's members are emailed.
    let made = offers::make(&db, Some(w.owner), w.need, w.shop, &"x".repeat(2_000), SITE, now).await.unwrap();
    assert!(made.created);
    let mail = mail_to(&db, "pat@college-920001.example.edu").await;
    assert!(
        mail.iter().any(|m| m.subject.contains("An offer") && m.body_text.contains("/needs/")),
        "{mail:?}"
    );
});

db_test!(a_second_submission_returns_the_first_offer, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let now = Utc::now();
    let first = offers::make(&db, Some(w.owner), w.need, w.shop, "First words", SITE, now).await.unwrap();
    let again = offers::make(&db, Some(w.owner), w.need, w.shop, "Other words", SITE, now).await.unwrap();
    assert_eq!((again.offer_id, again.created), (first.offer_id, false));
    // Two at the same moment (a double-click): still one offer, one of them made it.
    let (a, b) = tokio::join!(
        offers::make(&db, Some(w.owner), w.need, w.shop, "Race", SITE, now),
        offers::make(&db, Some(w.owner), w.need, w.shop, "Race", SITE, now),
    );
    assert_eq!(a.unwrap().offer_id, first.offer_id);
    assert_eq!(b.unwrap().offer_id, first.offer_id);
    assert_eq!(offer::Entity::find().count(&db).await.unwrap(), 1);
    let row = offer::Entity::find_by_id(first.offer_id).one(&db).await.unwrap().unwrap();
    assert_eq!(row.message, "First words");
    // One email for the one offer.
    let mail = mail_to(&db, "pat@college-920001.example.edu").await;
    assert_eq!(mail.iter().filter(|m| m.subject.contains("An offer")).count(), 1);
});

db_test!(accepting_makes_or_extends_the_partnership, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let now = Utc::now();
    let offer = offers::make(&db, Some(w.owner), w.need, w.shop, "Hello", SITE, now).await.unwrap().offer_id;
    // Only the program's members decide.
    for other in [w.owner, w.outsider, w.admin] {
        assert!(matches!(
            offers::accept(&db, Some(other), offer, SITE, now).await,
            Err(ServiceError::Forbidden)
        ));
    }
    let id = offers::accept(&db, Some(w.instructor), offer, SITE, now).await.unwrap();
    let row = partnership::Entity::find_by_id(id).one(&db).await.unwrap().unwrap();
    assert_eq!((row.shop_id, row.program_id, row.status.slug()), (w.shop, w.program, "active"));
    assert!(
        mail_to(&db, "owner@shop.example.com").await.iter().any(|m| m.subject.starts_with("Offer accepted"))
    );
    // Illegal transitions say why.
    conflict(offers::accept(&db, Some(w.instructor), offer, SITE, now).await, "already accepted");
    conflict(offers::decline(&db, Some(w.instructor), offer, "", SITE, now).await, "cannot be declined");
    // A second need's offer extends the same partnership with its kind.
    let tour = post_need(&db, w.instructor, w.program, "shop_tour").await;
    let second =
        offers::make(&db, Some(w.owner), tour, w.shop, "Tours too", SITE, now).await.unwrap().offer_id;
    assert_eq!(offers::accept(&db, Some(w.instructor), second, SITE, now).await.unwrap(), id);
    let page = read::page(&db, Some(w.owner), id, None).await.unwrap();
    assert_eq!(page.kinds, vec![NeedKind::InternshipHosts, NeedKind::ShopTour]);
    assert_eq!(page.events.len(), 2);
    let (shown, _) = read::offers_for_need(&db, Some(w.owner), w.need).await.unwrap();
    assert_eq!((shown[0].status, shown[0].partnership_id), (OfferStatus::Accepted, Some(id)));
});

db_test!(a_declined_offer_cannot_be_accepted, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let now = Utc::now();
    let offer = offers::make(&db, Some(w.owner), w.need, w.shop, "Hello", SITE, now).await.unwrap().offer_id;
    let error =
        offers::decline(&db, Some(w.instructor), offer, &"r".repeat(501), SITE, now).await.unwrap_err();
    assert_eq!(field_of(error), "reason");
    offers::decline(&db, Some(w.instructor), offer, "We found a host already", SITE, now).await.unwrap();
    conflict(offers::accept(&db, Some(w.instructor), offer, SITE, now).await, "already declined");
    assert_eq!(partnership::Entity::find().count(&db).await.unwrap(), 0);
    let mail = mail_to(&db, "owner@shop.example.com").await;
    assert!(mail.iter().any(|m| m.body_text.contains("We found a host already")), "{mail:?}");
});

/// Accept and decline at the same moment: exactly one wins, the other is told it lost.
async fn race(db: DatabaseConnection) {
    let w = world(&db).await;
    let now = Utc::now();
    let offer = offers::make(&db, Some(w.owner), w.need, w.shop, "Hello", SITE, now).await.unwrap().offer_id;
    let (accepted, declined) = tokio::join!(
        offers::accept(&db, Some(w.instructor), offer, SITE, now),
        offers::decline(&db, Some(w.instructor), offer, "", SITE, now),
    );
    assert!(accepted.is_ok() != declined.is_ok(), "exactly one wins: {accepted:?} {declined:?}");
    let accept_won = accepted.is_ok();
    let loser = if accept_won { declined.map(|_| ()) } else { accepted.map(|_| ()) };
    assert!(matches!(loser, Err(ServiceError::Conflict(_))), "{loser:?}");
    let partnerships = partnership::Entity::find().count(&db).await.unwrap();
    assert_eq!(partnerships, u64::from(accept_won));
}

db_test!(concurrent_accept_and_decline_one_wins, race);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_accept_and_decline_one_wins_on_a_sqlite_file() {
    service::testing::on_a_sqlite_file("offer-race", race).await;
}

db_test!(proposals_threads_and_endings, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let now = Utc::now();
    let kinds = [NeedKind::GuestSpeaker, NeedKind::ShopTour];
    // Field errors name their field and store nothing.
    let error =
        lifecycle::propose(&db, &service::Ctx::new(Some(w.owner), SITE, now), w.shop, w.program, &[], "Hi")
            .await
            .unwrap_err();
    assert_eq!(field_of(error), "kinds");
    let error =
        lifecycle::propose(&db, &service::Ctx::new(Some(w.owner), SITE, now), w.shop, w.program, &kinds, "")
            .await
            .unwrap_err();
    assert_eq!(field_of(error), "message");
    assert_eq!(partnership::Entity::find().count(&db).await.unwrap(), 0);
    assert!(matches!(
        lifecycle::propose(
            &db,
            &service::Ctx::new(Some(w.instructor), SITE, now),
            w.shop,
            w.program,
            &kinds,
            "Hi"
        )
        .await,
        Err(ServiceError::Forbidden)
    ));
    let id = lifecycle::propose(
        &db,
        &service::Ctx::new(Some(w.owner), SITE, now),
        w.shop,
        w.program,
        &kinds,
        "Shall we?",
    )
    .await
    .unwrap();
    // Replaying the form finds the same partnership.
    assert_eq!(
        lifecycle::propose(
            &db,
            &service::Ctx::new(Some(w.owner), SITE, now),
            w.shop,
            w.program,
            &kinds,
            "Again"
        )
        .await
        .unwrap(),
        id
    );
    assert!(
        mail_to(&db, "pat@college-920001.example.edu").await.iter().any(|m| m.subject.contains("proposes"))
    );

    // Only the two organisations' members read or post; admins are not parties either.
    for other in [w.outsider, w.admin] {
        assert!(matches!(read::page(&db, Some(other), id, None).await, Err(ServiceError::Forbidden)));
        assert!(matches!(
            thread::post(&db, Some(other), id, "hi", "", SITE, now).await,
            Err(ServiceError::Forbidden)
        ));
    }
    assert!(matches!(read::page(&db, None, id, None).await, Err(ServiceError::SignInRequired)));
    // The shop cannot accept its own proposal.
    assert!(matches!(
        lifecycle::accept(&db, &service::Ctx::new(Some(w.owner), SITE, now), id).await,
        Err(ServiceError::Forbidden)
    ));
    conflict(
        lifecycle::end(&db, &service::Ctx::new(Some(w.owner), SITE, now), id, "Not now").await,
        "proposed",
    );
    lifecycle::accept(&db, &service::Ctx::new(Some(w.instructor), SITE, now), id).await.unwrap();
    conflict(
        lifecycle::decline(&db, &service::Ctx::new(Some(w.instructor), SITE, now), id, "").await,
        "active",
    );

    let error = thread::post(&db, Some(w.owner), id, &"m".repeat(4_001), "", SITE, now).await.unwrap_err();
    assert_eq!(field_of(error), "body");
    thread::post(&db, Some(w.owner), id, "<script>alert(1)</script> Saturday?", "", SITE, now).await.unwrap();
    thread::post(&db, Some(w.instructor), id, "Saturday works.", "", SITE, now).await.unwrap();
    let page = read::page(&db, Some(w.instructor), id, None).await.unwrap();
    assert_eq!(page.messages.len(), 3, "the proposal opens the thread");
    assert_eq!(
        page.messages[1].body, "<script>alert(1)</script> Saturday?",
        "stored as typed, escaped on output"
    );
    assert!(page.actions.end && page.actions.message && !page.actions.accept);
    assert!(
        mail_to(&db, "owner@shop.example.com").await.iter().any(|m| m.body_text.contains("Saturday works."))
    );

    // Ending needs a reason; then the thread is closed.
    let error =
        lifecycle::end(&db, &service::Ctx::new(Some(w.instructor), SITE, now), id, "").await.unwrap_err();
    assert_eq!(field_of(error), "reason");
    lifecycle::end(&db, &service::Ctx::new(Some(w.instructor), SITE, now), id, "The term is over")
        .await
        .unwrap();
    conflict(thread::post(&db, Some(w.owner), id, "One more", "", SITE, now).await, "ended");
    conflict(lifecycle::complete(&db, &service::Ctx::new(Some(w.owner), SITE, now), id, "").await, "ended");
    assert_eq!(partnership_message::Entity::find().count(&db).await.unwrap(), 3);
    let page = read::page(&db, Some(w.owner), id, None).await.unwrap();
    let steps: Vec<_> = page.events.iter().map(|e| (e.from_status, e.to_status)).collect();
    use PartnershipStatus::*;
    assert_eq!(steps, vec![(None, Proposed), (Some(Proposed), Active), (Some(Active), Ended)]);
    assert_eq!(page.events[2].note, "The term is over");
    // Both organisations list it.
    for (who, org) in [(w.owner, w.shop), (w.instructor, w.program)] {
        let listed = read::for_organisation(&db, Some(who), org).await.unwrap();
        assert_eq!((listed[0].id, listed[0].status), (id, Ended));
    }
    assert!(matches!(
        read::for_organisation(&db, Some(w.outsider), w.shop).await,
        Err(ServiceError::Forbidden)
    ));
});
