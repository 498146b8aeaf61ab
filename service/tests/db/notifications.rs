//! Notifications, email choices, idempotent messages, thread paging and the one running
//! partnership per shop and program, on both databases. People and organisations are
//! SYNTHETIC; ZIP centroids are the real GeoNames rows.
use chrono::{Duration, Utc};
use domain::{notifications::NoticeTopic, partnerships::PartnershipStatus};
use entity::{partnership, partnership_message};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use service::{
    db_test,
    error::ServiceError,
    notifications::{list, prefs},
    partnerships::{lifecycle, offers, read, thread},
    submissions,
};

use crate::support::partners::*;

db_test!(opening_a_thread_reads_what_told_the_person_about_it, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let now = Utc::now();
    let offer = offers::make(&db, Some(w.owner), w.need, w.shop, "SYNTHETIC offer", SITE, now).await.unwrap();
    let id = offers::accept(&db, Some(w.instructor), offer.offer_id, SITE, now).await.unwrap();
    thread::post(&db, Some(w.owner), id, "SYNTHETIC: Monday at 9?", "", SITE, now).await.unwrap();
    // The instructor: the offer (about the need) and the message (about the thread).
    assert_eq!(list::page(&db, Some(w.instructor), None).await.unwrap().unread, 2);
    let thread_page = format!("/partnerships/{id}");
    // Someone else's visit reads nothing of the instructor's; a similar path is another page.
    assert_eq!(list::seen(&db, w.outsider, &thread_page, now).await.unwrap(), 0);
    assert_eq!(list::seen(&db, w.instructor, &format!("{thread_page}0"), now).await.unwrap(), 0);
    assert_eq!(list::seen(&db, w.instructor, &thread_page, now).await.unwrap(), 1);
    let inbox = list::page(&db, Some(w.instructor), None).await.unwrap();
    assert_eq!(inbox.unread, 1, "the offer about the need stays unread");
    assert_eq!(inbox.notices.iter().filter(|n| n.read).count(), 1);
});

db_test!(offers_decisions_and_messages_notify_the_other_side, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let now = Utc::now();
    let offer = offers::make(&db, Some(w.owner), w.need, w.shop, "SYNTHETIC offer", SITE, now).await.unwrap();
    let inbox = list::page(&db, Some(w.instructor), None).await.unwrap();
    assert_eq!(inbox.unread, 1);
    assert_eq!(inbox.notices[0].topic, NoticeTopic::Offers);
    assert_eq!(inbox.notices[0].link, format!("/needs/{}", w.need));
    // The person who acted is not notified of their own act.
    assert_eq!(list::page(&db, Some(w.owner), None).await.unwrap().unread, 0);

    let id = offers::accept(&db, Some(w.instructor), offer.offer_id, SITE, now).await.unwrap();
    let shop_inbox = list::page(&db, Some(w.owner), None).await.unwrap();
    assert_eq!((shop_inbox.unread, shop_inbox.notices[0].topic), (1, NoticeTopic::Decisions));
    assert_eq!(shop_inbox.notices[0].link, format!("/partnerships/{id}"));

    thread::post(&db, Some(w.owner), id, "SYNTHETIC: Monday at 9?", "", SITE, now).await.unwrap();
    let inbox = list::page(&db, Some(w.instructor), None).await.unwrap();
    assert_eq!(inbox.unread, 2);
    assert_eq!(inbox.notices[0].topic, NoticeTopic::Messages, "newest first");

    // Opening marks one read and says where it points; nobody opens another's.
    let newest = inbox.notices[0].id;
    assert!(matches!(list::open(&db, Some(w.owner), newest, now).await, Err(ServiceError::Forbidden)));
    assert!(matches!(list::open(&db, None, newest, now).await, Err(ServiceError::SignInRequired)));
    assert_eq!(
        list::open(&db, Some(w.instructor), newest, now).await.unwrap(),
        format!("/partnerships/{id}")
    );
    assert_eq!(list::unread(&db, w.instructor.user_id).await.unwrap(), 1);
    assert_eq!(list::mark_all_read(&db, Some(w.instructor), now).await.unwrap(), 1);
    assert_eq!(list::unread(&db, w.instructor.user_id).await.unwrap(), 0);
    assert!(list::page(&db, Some(w.instructor), None).await.unwrap().notices.iter().all(|n| n.read));
});

db_test!(email_choices_silence_email_but_not_the_list, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let now = Utc::now();
    let everything = prefs::choices(&db, Some(w.instructor)).await.unwrap();
    assert_eq!(everything.emailed, NoticeTopic::ALL.to_vec(), "everything is emailed until turned off");
    // An unknown topic is refused and nothing changes.
    let error = prefs::choose(&db, Some(w.instructor), &["gossip".into()]).await.unwrap_err();
    assert!(matches!(error, ServiceError::Invalid { field: "emailed", .. }), "{error:?}");
    assert_eq!(prefs::choices(&db, Some(w.instructor)).await.unwrap(), everything);
    assert!(matches!(prefs::choose(&db, None, &[]).await, Err(ServiceError::SignInRequired)));

    prefs::choose(&db, Some(w.instructor), &["decisions".into(), "messages".into()]).await.unwrap();
    assert_eq!(
        prefs::choices(&db, Some(w.instructor)).await.unwrap().emailed,
        vec![NoticeTopic::Decisions, NoticeTopic::Messages]
    );
    let instructor_mail =
        |db: DatabaseConnection| async move { mail_to(&db, "pat@college-920001.example.edu").await };
    let before = instructor_mail(db.clone()).await.len();
    offers::make(&db, Some(w.owner), w.need, w.shop, "SYNTHETIC offer", SITE, now).await.unwrap();
    assert_eq!(instructor_mail(db.clone()).await.len(), before, "offers are not emailed any more");
    assert_eq!(list::unread(&db, w.instructor.user_id).await.unwrap(), 1, "but they are listed");
    // Turning everything off, then on again.
    prefs::choose(&db, Some(w.instructor), &[]).await.unwrap();
    assert!(prefs::choices(&db, Some(w.instructor)).await.unwrap().emailed.is_empty());
    let all: Vec<String> = NoticeTopic::ALL.iter().map(|t| t.slug().to_string()).collect();
    prefs::choose(&db, Some(w.instructor), &all).await.unwrap();
    assert_eq!(prefs::choices(&db, Some(w.instructor)).await.unwrap(), everything);
});

/// An active partnership between the world's shop and program.
async fn active(db: &DatabaseConnection, w: &World) -> i64 {
    let kinds = [domain::needs::NeedKind::GuestSpeaker];
    let id = lifecycle::propose(
        db,
        &service::Ctx::new(Some(w.owner), SITE, Utc::now()),
        w.shop,
        w.program,
        &kinds,
        "SYNTHETIC",
    )
    .await
    .unwrap();
    lifecycle::accept(db, &service::Ctx::new(Some(w.instructor), SITE, Utc::now()), id).await.unwrap();
    id
}

async fn messages_in(db: &DatabaseConnection, id: i64) -> u64 {
    partnership_message::Entity::find()
        .filter(partnership_message::Column::PartnershipId.eq(id))
        .count(db)
        .await
        .unwrap()
}

db_test!(a_double_submitted_message_is_stored_once, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let id = active(&db, &w).await;
    let now = Utc::now();
    let key = submissions::new_key();
    let unread_before = list::unread(&db, w.instructor.user_id).await.unwrap();
    let first = thread::post(&db, Some(w.owner), id, "SYNTHETIC: see you", &key, SITE, now).await.unwrap();
    let again = thread::post(&db, Some(w.owner), id, "SYNTHETIC: see you", &key, SITE, now).await.unwrap();
    assert_eq!(first, again);
    assert_eq!(messages_in(&db, id).await, 2, "the proposal and one message");
    assert_eq!(list::unread(&db, w.instructor.user_id).await.unwrap(), unread_before + 1, "notified once");
    // Another person's use of the same key is their own submission.
    thread::post(&db, Some(w.instructor), id, "SYNTHETIC: yes", &key, SITE, now).await.unwrap();
    // A new form (a new key) is a new message; so is a form without a key.
    thread::post(&db, Some(w.owner), id, "SYNTHETIC: see you", &submissions::new_key(), SITE, now)
        .await
        .unwrap();
    thread::post(&db, Some(w.owner), id, "SYNTHETIC: no key", "", SITE, now).await.unwrap();
    assert_eq!(messages_in(&db, id).await, 5);
    // Keys are forgotten after a day; until then they hold.
    let later = now + Duration::days(2);
    thread::post(&db, Some(w.owner), id, "SYNTHETIC: see you", &key, SITE, later).await.unwrap();
    assert_eq!(messages_in(&db, id).await, 6);
});

/// Ten submissions of one form at once store one message.
async fn racing_double_submits(db: DatabaseConnection) {
    let w = world(&db).await;
    let id = active(&db, &w).await;
    let key = submissions::new_key();
    let mut posts = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let (db, key, owner) = (db.clone(), key.clone(), w.owner);
        posts.spawn(async move {
            thread::post(&db, Some(owner), id, "SYNTHETIC: once", &key, SITE, Utc::now()).await
        });
    }
    let ids: Vec<i64> = posts.join_all().await.into_iter().map(|r| r.unwrap()).collect();
    assert!(ids.iter().all(|m| *m == ids[0]), "{ids:?}");
    assert_eq!(messages_in(&db, id).await, 2);
}

db_test!(racing_double_submits_store_one_message, racing_double_submits);

db_test!(threads_page_back_from_the_newest_message, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let id = active(&db, &w).await;
    let start = Utc::now();
    for n in 1..=119 {
        // Two minutes apart: a busy thread, within the messaging rate limit.
        let at = start + Duration::minutes(2 * n);
        thread::post(&db, Some(w.owner), id, &format!("SYNTHETIC message {n}"), "", SITE, at).await.unwrap();
    }
    let page = |before| read::page(&db, Some(w.instructor), id, before);
    let newest = page(None).await.unwrap();
    assert_eq!(newest.messages.len(), 50);
    assert_eq!(newest.messages.last().unwrap().body, "SYNTHETIC message 119", "oldest to newest");
    assert_eq!(newest.messages[0].body, "SYNTHETIC message 70");
    let middle = page(newest.older_messages).await.unwrap();
    assert_eq!(middle.messages.last().unwrap().body, "SYNTHETIC message 69");
    let oldest = page(middle.older_messages).await.unwrap();
    assert_eq!(oldest.messages.len(), 20, "the proposal and messages 1–19");
    assert_eq!(oldest.messages[0].body, "SYNTHETIC");
    assert_eq!(oldest.older_messages, None);
});

db_test!(the_database_holds_one_running_partnership_per_pair, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let id = active(&db, &w).await;
    let now = Utc::now();
    let second = partnership::ActiveModel {
        shop_id: Set(w.shop),
        program_id: Set(w.program),
        kinds: Set("shop_tour".into()),
        status: Set(PartnershipStatus::Proposed),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    assert!(second.clone().insert(&db).await.is_err(), "a second running partnership is refused");
    // Once the first has ended, a new one may start; history keeps both.
    lifecycle::end(&db, &service::Ctx::new(Some(w.owner), SITE, now), id, "SYNTHETIC: season over")
        .await
        .unwrap();
    second.insert(&db).await.unwrap();
    assert_eq!(partnership::Entity::find().count(&db).await.unwrap(), 2);
});

/// Two offers on two needs of one program, accepted at the same moment: both join one
/// partnership (on PostgreSQL the loser of the insert retries and extends the winner's).
async fn concurrent_acceptances(db: DatabaseConnection) {
    let w = world(&db).await;
    let tour = post_need(&db, w.instructor, w.program, "shop_tour").await;
    let now = Utc::now();
    let a =
        offers::make(&db, Some(w.owner), w.need, w.shop, "SYNTHETIC a", SITE, now).await.unwrap().offer_id;
    let b = offers::make(&db, Some(w.owner), tour, w.shop, "SYNTHETIC b", SITE, now).await.unwrap().offer_id;
    let (first, second) = tokio::join!(
        offers::accept(&db, Some(w.instructor), a, SITE, now),
        offers::accept(&db, Some(w.instructor), b, SITE, now),
    );
    assert_eq!(first.unwrap(), second.unwrap());
    assert_eq!(partnership::Entity::find().count(&db).await.unwrap(), 1);
}

db_test!(concurrent_acceptances_make_one_partnership, concurrent_acceptances);
