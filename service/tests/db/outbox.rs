//! The outbox's delivery bookkeeping on both databases: claiming due messages under a lease,
//! marking them sent, and backing off after failures. Recipients are SYNTHETIC.
use chrono::{DateTime, Duration, TimeZone, Utc};
use entity::email_outbox;
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};
use service::{
    accounts::outbox::{self, LEASE, MAX_RETRY},
    db_test,
};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

async fn row(db: &DatabaseConnection, id: i64) -> email_outbox::Model {
    email_outbox::Entity::find_by_id(id).one(db).await.unwrap().unwrap()
}

async fn queue(db: &DatabaseConnection, who: &str, at: DateTime<Utc>) -> i64 {
    outbox::enqueue(db, who, "SYNTHETIC subject", "SYNTHETIC body", at).await.unwrap();
    email_outbox::Entity::find().order_by_desc(email_outbox::Column::Id).one(db).await.unwrap().unwrap().id
}

db_test!(claims_due_messages_oldest_first_under_a_lease, |db: DatabaseConnection| async move {
    let first = queue(&db, "synthetic.one@example.com", t0()).await;
    let second = queue(&db, "synthetic.two@example.com", t0() + Duration::seconds(1)).await;

    assert!(outbox::claim_next(&db, t0() - Duration::seconds(1)).await.unwrap().is_none(), "not due yet");

    let now = t0() + Duration::seconds(5);
    let claimed = outbox::claim_next(&db, now).await.unwrap().unwrap();
    assert_eq!((claimed.id, claimed.attempts), (first, 1));
    assert_eq!(claimed.next_attempt_at, now + LEASE);
    let stored = row(&db, first).await;
    assert_eq!((stored.attempts, stored.next_attempt_at), (1, now + LEASE), "the lease is in the database");

    // A second worker at the same moment gets the other message, then nothing.
    assert_eq!(outbox::claim_next(&db, now).await.unwrap().unwrap().id, second);
    assert!(
        outbox::claim_next(&db, now).await.unwrap().is_none(),
        "leased messages are not handed out twice"
    );

    // A worker that died mid-send: once the lease runs out the message is due again.
    let later = now + LEASE;
    let again = outbox::claim_next(&db, later).await.unwrap().unwrap();
    assert_eq!((again.id, again.attempts), (first, 2));
});

db_test!(sent_messages_are_never_claimed_again, |db: DatabaseConnection| async move {
    let id = queue(&db, "synthetic.sent@example.com", t0()).await;
    let claimed = outbox::claim_next(&db, t0()).await.unwrap().unwrap();
    outbox::mark_sent(&db, claimed.id, t0() + Duration::seconds(2)).await.unwrap();
    let stored = row(&db, id).await;
    assert_eq!(stored.sent_at, Some(t0() + Duration::seconds(2)));
    assert_eq!(stored.last_error, None);
    assert!(outbox::claim_next(&db, t0() + Duration::days(30)).await.unwrap().is_none());
});

db_test!(failures_back_off_exponentially_up_to_an_hour, |db: DatabaseConnection| async move {
    let id = queue(&db, "synthetic.retry@example.com", t0()).await;
    let mut now = t0();
    let mut waits = Vec::new();
    for _ in 0..9 {
        assert!(outbox::claim_next(&db, now - Duration::seconds(1)).await.unwrap().is_none(), "not early");
        let claimed = outbox::claim_next(&db, now).await.unwrap().unwrap();
        let next =
            outbox::mark_failed(&db, id, claimed.attempts, "connection refused\nmore", now).await.unwrap();
        let stored = row(&db, id).await;
        assert_eq!((stored.attempts, stored.next_attempt_at, stored.sent_at), (claimed.attempts, next, None));
        assert_eq!(stored.last_error.as_deref(), Some("connection refused"));
        waits.push((next - now).num_minutes());
        now = next;
    }
    assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60], "never gives up, retries at the cap");
    assert_eq!(outbox::backoff(1000), MAX_RETRY);

    // Delivered at last.
    let claimed = outbox::claim_next(&db, now).await.unwrap().unwrap();
    outbox::mark_sent(&db, claimed.id, now).await.unwrap();
    let stored = row(&db, id).await;
    assert_eq!((stored.attempts, stored.sent_at, stored.last_error), (10, Some(now), None));
});

db_test!(a_worker_whose_lease_ran_out_does_not_overwrite_the_next_one, |db: DatabaseConnection| async move {
    let id = queue(&db, "synthetic.slow@example.com", t0()).await;
    let slow = outbox::claim_next(&db, t0()).await.unwrap().unwrap();
    let after_lease = t0() + LEASE;
    let fast = outbox::claim_next(&db, after_lease).await.unwrap().unwrap();
    assert_eq!(fast.attempts, slow.attempts + 1);

    // The slow worker reports its failure late: the newer claim's lease stands.
    outbox::mark_failed(&db, id, slow.attempts, "timed out", after_lease).await.unwrap();
    let stored = row(&db, id).await;
    assert_eq!((stored.next_attempt_at, stored.last_error), (after_lease + LEASE, None));
});
