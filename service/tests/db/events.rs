//! Events on both databases: only admins publish, edit and cancel; bad input is refused
//! naming its field and stores nothing; capacity holds under 50 simultaneous registrations;
//! the waiting list moves up in order with an email to whoever gets the place; cancelled
//! and started events refuse registration; and the day-before reminder goes exactly once,
//! even when two servers run it at the same moment. People are SYNTHETIC.
use chrono::{DateTime, Duration, Utc};
use domain::events::MyRegistration;
use entity::{email_outbox, event, event_registration};
use sea_orm::{ActiveModelTrait, Set};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use service::{
    authz::Actor,
    db_test,
    error::ServiceError,
    events::{
        admin,
        form::EventForm,
        read,
        registration::{self, my_registration, register},
        reminders::send_due_reminders,
    },
    testing::add_synthetic_user,
};

const SITE: &str = "http://localhost";

/// "Now" for these tests: well before the events.
fn now() -> DateTime<Utc> {
    "2026-12-01T12:00:00Z".parse().unwrap()
}

/// 6:00–7:00 pm in Chicago on 12 January 2027 (CST, UTC-6): 00:00–01:00 UTC on the 13th.
fn starts() -> DateTime<Utc> {
    "2027-01-13T00:00:00Z".parse().unwrap()
}

fn form(capacity: &str) -> EventForm {
    EventForm {
        kind: "webinar".into(),
        title: "EV safety basics".into(),
        description: "Bring **questions**. <script>alert(1)</script>".into(),
        starts_at: "2027-01-12T18:00".into(),
        ends_at: "2027-01-12T19:00".into(),
        time_zone: "America/Chicago".into(),
        online_url: "https://meet.example.com/ev".into(),
        capacity: capacity.into(),
        ..Default::default()
    }
}

async fn people(db: &DatabaseConnection, n: usize, tag: &str) -> Vec<Actor> {
    let mut all = Vec::new();
    for i in 0..n {
        all.push(add_synthetic_user(db, &format!("synthetic.{tag}{i}@example.com"), false).await);
    }
    all
}

async fn mails_to(db: &DatabaseConnection, email: &str) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find().filter(email_outbox::Column::Recipient.eq(email)).all(db).await.unwrap()
}

async fn email(db: &DatabaseConnection, actor: Actor) -> String {
    entity::app_user::Entity::find_by_id(actor.user_id).one(db).await.unwrap().unwrap().email
}

/// The first field a refusal names (the one the form shows first).
fn field(result: Result<i64, ServiceError>) -> &'static str {
    match result {
        Err(error) if !error.problems().is_empty() => error.problems()[0].field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

db_test!(only_admins_publish_and_bad_input_stores_nothing, |db: DatabaseConnection| async move {
    let admin_actor = add_synthetic_user(&db, "synthetic.admin@example.com", true).await;
    let person = add_synthetic_user(&db, "synthetic.person@example.com", false).await;
    assert!(matches!(admin::create(&db, None, &form("10"), now()).await, Err(ServiceError::SignInRequired)));
    assert!(matches!(
        admin::create(&db, Some(person), &form("10"), now()).await,
        Err(ServiceError::Forbidden)
    ));
    let admin = Some(admin_actor);
    let bad = [
        (EventForm { title: String::new(), ..form("10") }, "title"),
        (EventForm { ends_at: "2027-01-12T17:00".into(), ..form("10") }, "ends_at"),
        (EventForm { time_zone: "America/Springfield".into(), ..form("10") }, "time_zone"),
        (EventForm { online_url: "http://meet.example.com/ev".into(), ..form("10") }, "online_url"),
        (form("0"), "capacity"),
        (form("-5"), "capacity"),
        (EventForm { starts_at: "2026-11-30T09:00".into(), ..form("10") }, "starts_at"),
    ];
    for (bad_form, expected) in bad {
        assert_eq!(field(admin::create(&db, admin, &bad_form, now()).await), expected);
    }
    assert_eq!(event::Entity::find().count(&db).await.unwrap(), 0, "nothing stored");

    let id = admin::create(&db, admin, &form("10"), now()).await.unwrap();
    let shown = read::one(&db, id, now()).await.unwrap();
    assert_eq!(shown.when, "Tue 12 Jan 2027, 6:00–7:00 pm CST");
    assert_eq!(shown.spots_text().as_deref(), Some("10 spots left"));
    assert!(shown.description_html.contains("<strong>questions</strong>"));
    assert!(!shown.description_html.contains("<script"));
    let stored = event::Entity::find_by_id(id).one(&db).await.unwrap().unwrap();
    assert_eq!(stored.starts_at, starts());

    // Editing: people cannot, and a bad edit changes nothing.
    let edited = EventForm { title: "EV safety, part one".into(), ..form("10") };
    assert!(matches!(
        admin::update(&db, Some(person), id, &edited, SITE, now()).await,
        Err(ServiceError::Forbidden)
    ));
    let bad_edit = EventForm { recording_url: "http://video.example.com".into(), ..edited.clone() };
    assert!(matches!(
        admin::update(&db, admin, id, &bad_edit, SITE, now()).await,
        Err(ServiceError::Invalid { field: "recording_url", .. })
    ));
    assert_eq!(read::one(&db, id, now()).await.unwrap().title, "EV safety basics");
    admin::update(&db, admin, id, &edited, SITE, now()).await.unwrap();
    assert_eq!(read::one(&db, id, now()).await.unwrap().title, "EV safety, part one");

    // The calendar file: UTC times, escaped text, CRLF lines.
    let (name, ics) = read::calendar_file(&db, id, SITE, now()).await.unwrap();
    assert_eq!(name, format!("bayline-event-{id}.ics"));
    assert!(ics.contains("\r\nDTSTART:20270113T000000Z\r\n"), "{ics}");
    assert!(ics.contains("\r\nDTEND:20270113T010000Z\r\n"), "{ics}");
    assert!(ics.contains("\r\nSUMMARY:EV safety\\, part one\r\n"), "{ics}");
    assert!(ics.contains(&format!("\r\nUID:event-{id}@localhost\r\n")), "{ics}");
    assert!(ics.contains("\r\nURL:https://meet.example.com/ev\r\n"), "{ics}");
    assert!(matches!(read::calendar_file(&db, id + 100, SITE, now()).await, Err(ServiceError::NotFound)));
});

/// 50 people register at once for 10 places: exactly 10 get in, and the other 40 wait
/// with the distinct places 1 to 40.
async fn capacity_holds(db: DatabaseConnection) {
    let admin_actor = add_synthetic_user(&db, "synthetic.admin@example.com", true).await;
    let id = admin::create(&db, Some(admin_actor), &form("10"), now()).await.unwrap();
    let crowd = people(&db, 50, "crowd").await;
    let tasks: Vec<_> = crowd
        .iter()
        .map(|actor| {
            let (db, actor) = (db.clone(), *actor);
            tokio::spawn(async move { register(&db, Some(actor), id, now()).await })
        })
        .collect();
    let mut registered = 0;
    for task in tasks {
        match task.await.unwrap().unwrap() {
            MyRegistration::Registered => registered += 1,
            MyRegistration::Waitlisted { .. } => {}
            MyRegistration::None => panic!("a registration was lost"),
        }
    }
    assert_eq!(registered, 10);
    let row = event::Entity::find_by_id(id).one(&db).await.unwrap().unwrap();
    assert_eq!(row.registered_count, 10);
    let in_table = event_registration::Entity::find()
        .filter(event_registration::Column::Status.eq("registered"))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(in_table, 10);
    let mut positions = Vec::new();
    for actor in &crowd {
        if let MyRegistration::Waitlisted { position } = my_registration(&db, Some(*actor), id).await.unwrap()
        {
            positions.push(position);
        }
    }
    positions.sort();
    assert_eq!(positions, (1..=40).collect::<Vec<u32>>());
}

mod capacity_under_concurrency {
    use super::*;

    /// A SQLite file (not the one-connection in-memory database), so the 50 tasks really
    /// share a pool of connections.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let db = service::db::connect(&format!("sqlite://{}/events.db", dir.path().display())).await.unwrap();
        capacity_holds(db).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn postgres() {
        if let Some(db) = service::testing::postgres().await {
            capacity_holds(db.conn.clone()).await;
        }
    }
}

db_test!(the_waiting_list_moves_up_in_order_and_emails, |db: DatabaseConnection| async move {
    let admin = Some(add_synthetic_user(&db, "synthetic.admin@example.com", true).await);
    let id = admin::create(&db, admin, &form("2"), now()).await.unwrap();
    let p = people(&db, 4, "p").await;
    for actor in &p {
        register(&db, Some(*actor), id, now()).await.unwrap();
    }
    assert_eq!(
        my_registration(&db, Some(p[2]), id).await.unwrap(),
        MyRegistration::Waitlisted { position: 1 }
    );
    assert_eq!(
        my_registration(&db, Some(p[3]), id).await.unwrap(),
        MyRegistration::Waitlisted { position: 2 }
    );
    // Registering again changes nothing.
    assert_eq!(register(&db, Some(p[0]), id, now()).await.unwrap(), MyRegistration::Registered);
    assert_eq!(
        register(&db, Some(p[3]), id, now()).await.unwrap(),
        MyRegistration::Waitlisted { position: 2 }
    );
    assert_eq!(event_registration::Entity::find().count(&db).await.unwrap(), 4);
    assert_eq!(event::Entity::find_by_id(id).one(&db).await.unwrap().unwrap().registered_count, 2);

    // A registered person cancels: the first in line gets the place and an email.
    registration::cancel(&db, Some(p[0]), id, SITE, now()).await.unwrap();
    assert_eq!(my_registration(&db, Some(p[0]), id).await.unwrap(), MyRegistration::None);
    assert_eq!(my_registration(&db, Some(p[2]), id).await.unwrap(), MyRegistration::Registered);
    assert_eq!(
        my_registration(&db, Some(p[3]), id).await.unwrap(),
        MyRegistration::Waitlisted { position: 1 }
    );
    let promoted = mails_to(&db, &email(&db, p[2]).await).await;
    assert_eq!(promoted.len(), 1);
    assert!(promoted[0].subject.contains("a place opened up"), "{}", promoted[0].subject);
    assert!(promoted[0].body_text.contains(&format!("{SITE}/events/{id}")));
    assert!(promoted[0].body_text.contains("Tue 12 Jan 2027, 6:00–7:00 pm CST"));
    assert_eq!(event::Entity::find_by_id(id).one(&db).await.unwrap().unwrap().registered_count, 2);

    // Someone waiting leaves: nobody moves up, nobody is emailed; cancelling twice is harmless.
    registration::cancel(&db, Some(p[3]), id, SITE, now()).await.unwrap();
    registration::cancel(&db, Some(p[3]), id, SITE, now()).await.unwrap();
    assert_eq!(email_outbox::Entity::find().count(&db).await.unwrap(), 1);

    // Coming back after cancelling goes to the back of the line (the event is full).
    assert_eq!(
        register(&db, Some(p[0]), id, now()).await.unwrap(),
        MyRegistration::Waitlisted { position: 1 }
    );

    // A lower capacity than the people registered is refused; a higher one moves people up.
    let lower = EventForm { ..form("1") };
    assert!(matches!(
        admin::update(&db, admin, id, &lower, SITE, now()).await,
        Err(ServiceError::Invalid { field: "capacity", .. })
    ));
    admin::update(&db, admin, id, &form("3"), SITE, now()).await.unwrap();
    assert_eq!(my_registration(&db, Some(p[0]), id).await.unwrap(), MyRegistration::Registered);
    assert_eq!(mails_to(&db, &email(&db, p[0]).await).await.len(), 1);

    // A person's data export lists their registrations.
    let export = service::accounts::privacy::export(&db, Some(p[3]), "10.0.0.1", now()).await.unwrap();
    let listed: Vec<_> =
        export.activity.event_registrations.iter().map(|r| (r.event_id, r.status.as_str())).collect();
    assert_eq!(listed, [(id, "cancelled")]);
});

db_test!(started_and_cancelled_events_refuse_registration, |db: DatabaseConnection| async move {
    let admin = Some(add_synthetic_user(&db, "synthetic.admin@example.com", true).await);
    let person = add_synthetic_user(&db, "synthetic.person@example.com", false).await;
    let waiting = add_synthetic_user(&db, "synthetic.waiting@example.com", false).await;
    let id = admin::create(&db, admin, &form("1"), now()).await.unwrap();
    assert!(matches!(register(&db, None, id, now()).await, Err(ServiceError::SignInRequired)));
    assert!(matches!(register(&db, Some(person), id + 99, now()).await, Err(ServiceError::NotFound)));
    let started = starts() + Duration::minutes(5);
    assert!(matches!(register(&db, Some(person), id, started).await, Err(ServiceError::Conflict(_))));
    assert_eq!(event_registration::Entity::find().count(&db).await.unwrap(), 0);

    register(&db, Some(person), id, now()).await.unwrap();
    register(&db, Some(waiting), id, now()).await.unwrap();
    assert!(matches!(admin::cancel(&db, Some(person), id, SITE, now()).await, Err(ServiceError::Forbidden)));
    admin::cancel(&db, admin, id, SITE, now()).await.unwrap();
    assert!(read::one(&db, id, now()).await.unwrap().cancelled);
    for who in [person, waiting] {
        let mails = mails_to(&db, &email(&db, who).await).await;
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].subject, "Cancelled: EV safety basics");
    }
    let stranger = add_synthetic_user(&db, "synthetic.late@example.com", false).await;
    assert!(matches!(register(&db, Some(stranger), id, now()).await, Err(ServiceError::Conflict(_))));
    assert!(matches!(admin::cancel(&db, admin, id, SITE, now()).await, Err(ServiceError::Conflict(_))));
    // Leaving a cancelled event promotes nobody and emails nobody more.
    registration::cancel(&db, Some(person), id, SITE, now()).await.unwrap();
    assert_eq!(email_outbox::Entity::find().count(&db).await.unwrap(), 2);
});

db_test!(reminders_go_once_to_registered_people_the_day_before, |db: DatabaseConnection| async move {
    let admin = Some(add_synthetic_user(&db, "synthetic.admin@example.com", true).await);
    let id = admin::create(&db, admin, &form("2"), now()).await.unwrap();
    // A second event a week later, and a cancelled one at the same time as the first.
    let later =
        EventForm { starts_at: "2027-01-19T18:00".into(), ends_at: "2027-01-19T19:00".into(), ..form("") };
    let later_id = admin::create(&db, admin, &later, now()).await.unwrap();
    let dropped = admin::create(&db, admin, &form(""), now()).await.unwrap();
    let p = people(&db, 4, "r").await;
    for actor in &p {
        register(&db, Some(*actor), id, now()).await.unwrap();
        register(&db, Some(*actor), later_id, now()).await.unwrap();
        register(&db, Some(*actor), dropped, now()).await.unwrap();
    }
    admin::cancel(&db, admin, dropped, SITE, now()).await.unwrap();
    // p[3] waits (capacity 2) and p[1] cancels, so p[2] moves up: p[0] and p[2] are registered.
    registration::cancel(&db, Some(p[1]), id, SITE, now()).await.unwrap();
    let before = email_outbox::Entity::find().count(&db).await.unwrap();

    assert_eq!(send_due_reminders(&db, SITE, starts() - Duration::hours(25)).await.unwrap(), 0);
    let a_day_before = starts() - Duration::hours(23);
    // Two servers run the task at the same moment: each reminder is queued once.
    let (one, two) = tokio::join!(
        send_due_reminders(&db, SITE, a_day_before),
        send_due_reminders(&db, SITE, a_day_before)
    );
    assert_eq!(one.unwrap() + two.unwrap(), 2);
    assert_eq!(send_due_reminders(&db, SITE, a_day_before + Duration::minutes(5)).await.unwrap(), 0);
    assert_eq!(email_outbox::Entity::find().count(&db).await.unwrap(), before + 2);
    for (who, expected) in [(p[0], 1), (p[2], 1), (p[1], 0), (p[3], 0)] {
        let reminders: Vec<_> = mails_to(&db, &email(&db, who).await)
            .await
            .into_iter()
            .filter(|m| m.subject == "Tomorrow: EV safety basics")
            .collect();
        assert_eq!(reminders.len(), expected, "{who:?}");
        if let Some(mail) = reminders.first() {
            assert!(mail.body_text.contains("Tue 12 Jan 2027, 6:00–7:00 pm CST"), "{}", mail.body_text);
            assert!(mail.body_text.contains(&format!("{SITE}/events/{id}")));
        }
    }
    // Once the event has started, nothing more goes out for it; the later one is not due yet.
    assert_eq!(send_due_reminders(&db, SITE, starts() + Duration::minutes(1)).await.unwrap(), 0);
    assert_eq!(
        send_due_reminders(&db, SITE, "2027-01-19T01:00:00Z".parse().unwrap()).await.unwrap(),
        4,
        "everyone registered for the later event"
    );
});

db_test!(a_deleted_account_gives_its_place_to_the_first_in_line, |db: DatabaseConnection| async move {
    use service::accounts::{deletion, password};
    let admin = Some(add_synthetic_user(&db, "synthetic.admin@example.com", true).await);
    let id = admin::create(&db, admin, &form("1"), now()).await.unwrap();
    // The leaver signs in with a password, which deleting the account asks for.
    let leaver = entity::app_user::ActiveModel {
        email: Set("synthetic.leaver@example.com".into()),
        password_hash: Set(password::hash("tidal-orchard-copper-lantern")),
        email_verified_at: Set(Some(now())),
        is_admin: Set(false),
        created_at: Set(now()),
        display_name: Set("SYNTHETIC Person".into()),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    let leaver = Actor { user_id: leaver.id, is_admin: false };
    let waiting = add_synthetic_user(&db, "synthetic.waiting@example.com", false).await;
    register(&db, Some(leaver), id, now()).await.unwrap();
    register(&db, Some(waiting), id, now()).await.unwrap();
    assert_eq!(
        service::events::freed::fill_free_places(&db, SITE, now()).await.unwrap(),
        0,
        "no place is free yet"
    );

    deletion::delete_account(&db, Some(leaver), "tidal-orchard-copper-lantern", "10.0.0.1", now())
        .await
        .unwrap();
    assert_eq!(event::Entity::find_by_id(id).one(&db).await.unwrap().unwrap().registered_count, 0);
    assert_eq!(service::events::freed::fill_free_places(&db, SITE, now()).await.unwrap(), 1);
    assert_eq!(my_registration(&db, Some(waiting), id).await.unwrap(), MyRegistration::Registered);
    assert_eq!(mails_to(&db, "synthetic.waiting@example.com").await.len(), 1);
    assert_eq!(service::events::freed::fill_free_places(&db, SITE, now()).await.unwrap(), 0);
});
