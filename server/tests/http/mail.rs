//! Email delivery end to end on both databases: the outbox worker sends over real SMTP to a
//! small sink (tests/http/support/smtp_sink.rs), keeps a message when the mail server is down,
//! and delivers it once the server is back and the retry is due. People are SYNTHETIC.

use std::{net::SocketAddr, time::Duration as StdDuration};

use crate::support::smtp_sink::SmtpSink;
use chrono::{DateTime, Duration, TimeZone, Utc};
use entity::email_outbox;
use sea_orm::{DatabaseConnection, EntityTrait};
use server::mailer::{self, Mailer, Round, SmtpSettings};
use service::{accounts::outbox, db_test};
use tokio::sync::watch;

const RECIPIENT: &str = "synthetic.person@example.com";
const SUBJECT: &str = "SYNTHETIC: confirm your email address";
const BODY: &str = "Hello SYNTHETIC person.\n.A line that starts with a dot\nhttp://bayline.test/verify-email?token=0123abcd\n";

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

fn mailer_for(addr: SocketAddr) -> Mailer {
    let settings =
        SmtpSettings::parse(&format!("smtp://{addr}?tls=none"), "Bayline SYNTHETIC <noreply@bayline.test>")
            .unwrap();
    Mailer::new(&settings).unwrap()
}

/// An address nothing listens on (bound, then released).
fn closed_port() -> SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap()
}

async fn only_message(db: &DatabaseConnection) -> email_outbox::Model {
    let mut all = email_outbox::Entity::find().all(db).await.unwrap();
    assert_eq!(all.len(), 1);
    all.remove(0)
}

db_test!(delivers_and_retries_after_the_mail_server_was_down, |db: DatabaseConnection| async move {
    let addr = closed_port();
    let mailer = mailer_for(addr);
    let (_keep, stop) = watch::channel(false);
    outbox::enqueue(&db, RECIPIENT, SUBJECT, BODY, t0()).await.unwrap();

    // The mail server is down: the message stays, with the failure recorded.
    let round = mailer::deliver_due(&db, &mailer, t0(), &stop).await.unwrap();
    assert_eq!(round, Round { sent: 0, failed: 1 });
    let stored = only_message(&db).await;
    assert_eq!((stored.sent_at, stored.attempts), (None, 1));
    assert!(stored.last_error.as_deref().is_some_and(|e| !e.is_empty()), "{stored:?}");
    assert_eq!(stored.next_attempt_at, t0() + Duration::minutes(1));

    // The server is back, but the retry is not due yet.
    let sink = SmtpSink::start(addr).await;
    let early = mailer::deliver_due(&db, &mailer, t0() + Duration::seconds(30), &stop).await.unwrap();
    assert_eq!(early, Round::default());
    assert!(sink.messages().is_empty());

    // Due: delivered, with the right envelope, headers and body.
    let due = t0() + Duration::minutes(1);
    assert_eq!(mailer::deliver_due(&db, &mailer, due, &stop).await.unwrap(), Round { sent: 1, failed: 0 });
    let received = sink.messages();
    assert_eq!(received.len(), 1);
    let message = &received[0];
    assert_eq!(message.mail_from, "noreply@bayline.test");
    assert_eq!(message.rcpt_to, [RECIPIENT]);
    let data = message.data.replace("\r\n", "\n");
    let (headers, body) = data.split_once("\n\n").expect("headers, a blank line, the body");
    assert!(headers.contains(&format!("Subject: {SUBJECT}\n")), "{headers}");
    assert!(headers.contains(&format!("To: {RECIPIENT}\n")), "{headers}");
    assert!(headers.contains("Content-Type: text/plain; charset=utf-8"), "{headers}");
    assert!(headers.contains("Message-ID: <") && headers.contains("@bayline.test>"), "{headers}");
    assert_eq!(body, BODY);

    let stored = only_message(&db).await;
    assert_eq!((stored.sent_at, stored.attempts, stored.last_error), (Some(due), 2, None));
    let later = mailer::deliver_due(&db, &mailer, due + Duration::days(1), &stop).await.unwrap();
    assert_eq!(later, Round::default(), "sent once only");
});

db_test!(the_worker_sends_in_the_background_and_stops_on_request, |db: DatabaseConnection| async move {
    let sink = SmtpSink::start("127.0.0.1:0".parse().unwrap()).await;
    let (stop_tx, stop) = watch::channel(false);
    outbox::enqueue(&db, RECIPIENT, SUBJECT, BODY, Utc::now()).await.unwrap();
    let worker = tokio::spawn(mailer::run(db.clone(), mailer_for(sink.addr), stop));

    let deadline = tokio::time::Instant::now() + StdDuration::from_secs(20);
    while only_message(&db).await.sent_at.is_none() {
        assert!(tokio::time::Instant::now() < deadline, "not delivered in time");
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    assert_eq!(sink.messages().len(), 1);

    stop_tx.send(true).unwrap();
    tokio::time::timeout(StdDuration::from_secs(5), worker)
        .await
        .expect("the worker stops promptly")
        .unwrap();
});
