//! Account self-service on both databases: password reset, password and email change, data
//! export. Every person here is SYNTHETIC (example.com addresses).
use chrono::{DateTime, Duration, TimeZone, Utc};
use entity::{app_user, audit_event, email_outbox, one_time_token, session};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    Set,
};
use service::{
    accounts::{
        changes, password, privacy, recovery, sessions,
        users::{self, AccountError},
    },
    authz::Actor,
    db_test,
    error::ServiceError,
};

const SITE: &str = "http://bayline.test";
const PASSWORD: &str = "tidal-orchard-copper-lantern";
const NEW_PASSWORD: &str = "quiet-harbour-saffron-engine";
const IP: &str = "10.0.0.1";

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

/// A verified SYNTHETIC account with [`PASSWORD`].
async fn person(db: &DatabaseConnection, email: &str, verified: bool) -> Actor {
    let user = app_user::ActiveModel {
        email: Set(email.into()),
        password_hash: Set(password::hash(PASSWORD)),
        email_verified_at: Set(verified.then(at)),
        is_admin: Set(false),
        created_at: Set(at()),
        display_name: Set("SYNTHETIC Person".into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    Actor { user_id: user.id, is_admin: false }
}

async fn outbox(db: &DatabaseConnection) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find().order_by_asc(email_outbox::Column::Id).all(db).await.unwrap()
}

fn link_token(body: &str, path: &str) -> String {
    let marker = format!("{path}?token=");
    let start = body.find(&marker).unwrap_or_else(|| panic!("no {path} link in {body}")) + marker.len();
    body[start..].split_whitespace().next().unwrap().to_string()
}

fn field(result: Result<impl std::fmt::Debug, ServiceError>) -> &'static str {
    match result {
        Err(ServiceError::Invalid { field, .. }) => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

async fn events(db: &DatabaseConnection, name: &str) -> u64 {
    audit_event::Entity::find().filter(audit_event::Column::Event.eq(name)).count(db).await.unwrap()
}

db_test!(reset_answers_alike_for_known_and_unknown_addresses, |db: DatabaseConnection| async move {
    person(&db, "maria@example.com", true).await;
    let known = recovery::request_reset(&db, " Maria@Example.com ", IP, SITE, at()).await;
    let unknown = recovery::request_reset(&db, "nobody@example.com", IP, SITE, at()).await;
    assert!(known.is_ok() && unknown.is_ok(), "the caller sees the same answer");
    let mail = outbox(&db).await;
    assert_eq!(mail.len(), 2);
    assert_eq!(mail[0].subject, mail[1].subject, "even the subject is the same");
    assert!(mail[0].body_text.contains(&format!("{SITE}/reset-password?token=")));
    assert!(!mail[1].body_text.contains("token="), "no link for an address without an account");
    assert!(mail[1].body_text.contains("there is no account"));
    assert_eq!(one_time_token::Entity::find().count(&db).await.unwrap(), 1);
    assert_eq!(field(recovery::request_reset(&db, "not-an-email", IP, SITE, at()).await), "email");
});

db_test!(reset_requests_are_rate_limited_silently, |db: DatabaseConnection| async move {
    person(&db, "sam@example.com", true).await;
    for i in 0..7 {
        let ip = format!("10.0.1.{i}");
        recovery::request_reset(&db, "sam@example.com", &ip, SITE, at()).await.unwrap();
    }
    assert_eq!(outbox(&db).await.len() as u64, recovery::MAX_REQUESTS_PER_EMAIL);
    let later = at() + users::THROTTLE_WINDOW + Duration::seconds(1);
    recovery::request_reset(&db, "sam@example.com", IP, SITE, later).await.unwrap();
    assert_eq!(outbox(&db).await.len() as u64, recovery::MAX_REQUESTS_PER_EMAIL + 1, "the window slides");
});

db_test!(reset_link_works_once_within_the_hour, |db: DatabaseConnection| async move {
    let actor = person(&db, "lee@example.com", false).await;
    sessions::start(&db, actor.user_id, at()).await.unwrap();
    sessions::start(&db, actor.user_id, at()).await.unwrap();
    recovery::request_reset(&db, "lee@example.com", IP, SITE, at()).await.unwrap();
    let token = link_token(&outbox(&db).await[0].body_text, "/reset-password");

    // Exactly one hour later the link has expired; a second earlier it works.
    let expired = recovery::reset_password(&db, &token, NEW_PASSWORD, IP, at() + Duration::hours(1)).await;
    assert!(matches!(expired, Err(ServiceError::Conflict(_))), "{expired:?}");
    let just_in_time = at() + Duration::hours(1) - Duration::seconds(1);
    assert!(recovery::reset_link_is_valid(&db, &token, just_in_time).await.unwrap());

    // A weak password is refused without using up the link.
    assert_eq!(field(recovery::reset_password(&db, &token, "password1", IP, just_in_time).await), "password");
    let id = recovery::reset_password(&db, &token, NEW_PASSWORD, IP, just_in_time).await.unwrap();
    assert_eq!(id, actor.user_id);
    let again = recovery::reset_password(&db, &token, "another-strong-passphrase-42", IP, just_in_time).await;
    assert_eq!(again.unwrap_err().to_string(), AccountError::BadLink.to_string(), "links work once");

    assert_eq!(session::Entity::find().count(&db).await.unwrap(), 0, "every session ended");
    let user = users::find(&db, id).await.unwrap().unwrap();
    assert!(user.email_verified_at.is_some(), "reading the mail proves the address");
    assert!(users::sign_in(&db, "lee@example.com", NEW_PASSWORD, IP, SITE, just_in_time).await.is_ok());
    assert_eq!(events(&db, "password_reset").await, 1);
});

db_test!(reset_link_for_a_new_admin_account, |db: DatabaseConnection| async move {
    let actor = person(&db, "admin@example.com", false).await;
    let link = recovery::reset_link(&db, actor.user_id, SITE, at()).await.unwrap();
    let token = link_token(&link, "/reset-password");
    recovery::reset_password(&db, &token, NEW_PASSWORD, IP, at()).await.unwrap();
    assert!(users::sign_in(&db, "admin@example.com", NEW_PASSWORD, IP, SITE, at()).await.is_ok());
});

db_test!(change_password_checks_and_ends_sessions, |db: DatabaseConnection| async move {
    let actor = person(&db, "kim@example.com", true).await;
    sessions::start(&db, actor.user_id, at()).await.unwrap();
    let anonymous = changes::change_password(&db, None, PASSWORD, NEW_PASSWORD, IP, at()).await;
    assert!(matches!(anonymous, Err(ServiceError::SignInRequired)));

    let me = Some(actor);
    let wrong = changes::change_password(&db, me, "not-my-password", NEW_PASSWORD, IP, at()).await;
    assert_eq!(field(wrong), "current_password");
    assert_eq!(events(&db, "sign_in_failed").await, 1, "a wrong current password counts as a failed sign-in");
    let too_long = "x".repeat(129);
    assert_eq!(field(changes::change_password(&db, me, PASSWORD, &too_long, IP, at()).await), "new_password");
    assert_eq!(
        field(changes::change_password(&db, me, PASSWORD, "password1", IP, at()).await),
        "new_password"
    );
    assert_eq!(field(changes::change_password(&db, me, PASSWORD, PASSWORD, IP, at()).await), "new_password");
    assert!(users::sign_in(&db, "kim@example.com", PASSWORD, IP, SITE, at()).await.is_ok(), "unchanged");

    changes::change_password(&db, me, PASSWORD, NEW_PASSWORD, IP, at()).await.unwrap();
    assert_eq!(session::Entity::find().count(&db).await.unwrap(), 0);
    assert!(users::sign_in(&db, "kim@example.com", NEW_PASSWORD, IP, SITE, at()).await.is_ok());
    let mail = outbox(&db).await;
    assert_eq!(mail.last().unwrap().subject, "Your Bayline password was changed");
    assert!(!mail.iter().any(|m| m.body_text.contains(NEW_PASSWORD)), "passwords are never mailed");
    assert_eq!(events(&db, "password_changed").await, 1);
});

db_test!(wrong_current_passwords_are_throttled, |db: DatabaseConnection| async move {
    let me = Some(person(&db, "ana@example.com", true).await);
    for _ in 0..users::MAX_FAILURES_PER_ACCOUNT {
        let _ = changes::change_password(&db, me, "guess", NEW_PASSWORD, IP, at()).await;
    }
    let blocked = changes::change_password(&db, me, PASSWORD, NEW_PASSWORD, IP, at()).await;
    assert!(matches!(blocked, Err(ServiceError::Conflict(ref m)) if m.contains("too many")), "{blocked:?}");
});

db_test!(email_change_confirms_by_the_new_address, |db: DatabaseConnection| async move {
    let actor = person(&db, "old@example.com", true).await;
    let me = Some(actor);
    assert!(matches!(
        changes::request_email_change(&db, None, "new@example.com", PASSWORD, IP, SITE, at()).await,
        Err(ServiceError::SignInRequired)
    ));
    let bad = changes::request_email_change(&db, me, "new@example.com", "wrong", IP, SITE, at()).await;
    assert_eq!(field(bad), "email_password");
    let bad = changes::request_email_change(&db, me, "nope", PASSWORD, IP, SITE, at()).await;
    assert_eq!(field(bad), "new_email");
    assert!(outbox(&db).await.is_empty());

    changes::request_email_change(&db, me, "New@Example.com", PASSWORD, IP, SITE, at()).await.unwrap();
    let mail = outbox(&db).await;
    assert_eq!(mail[0].recipient, "new@example.com");
    let token = link_token(&mail[0].body_text, "/confirm-email-change");
    let late = at() + changes::EMAIL_CHANGE_TTL;
    assert!(changes::confirm_email_change(&db, &token, IP, late).await.is_err(), "expires after 24 hours");

    assert_eq!(changes::confirm_email_change(&db, &token, IP, at()).await.unwrap(), actor.user_id);
    assert_eq!(users::find(&db, actor.user_id).await.unwrap().unwrap().email, "new@example.com");
    let notice = outbox(&db).await.pop().unwrap();
    assert_eq!(notice.recipient, "old@example.com", "the old address is told");
    assert!(changes::confirm_email_change(&db, &token, IP, at()).await.is_err(), "links work once");
    assert!(users::sign_in(&db, "new@example.com", PASSWORD, IP, SITE, at()).await.is_ok());
    assert_eq!(events(&db, "email_changed").await, 1);
});

db_test!(email_change_does_not_reveal_taken_addresses, |db: DatabaseConnection| async move {
    let actor = person(&db, "pat@example.com", true).await;
    let me = Some(actor);
    person(&db, "taken@example.com", true).await;
    let taken = changes::request_email_change(&db, me, "taken@example.com", PASSWORD, IP, SITE, at()).await;
    let free = changes::request_email_change(&db, me, "free@example.com", PASSWORD, IP, SITE, at()).await;
    assert!(taken.is_ok() && free.is_ok(), "the same answer");
    let mail = outbox(&db).await;
    assert!(!mail[0].body_text.contains("token="), "the owner of the taken address is told, no link");
    assert!(mail[0].body_text.contains("already has an account"));

    // The free address is taken before the link is used: a clear error, nothing changes.
    let token = link_token(&mail[1].body_text, "/confirm-email-change");
    person(&db, "free@example.com", true).await;
    let late = changes::confirm_email_change(&db, &token, IP, at()).await;
    assert!(matches!(late, Err(ServiceError::Conflict(ref m)) if m.contains("another account")), "{late:?}");
    assert_eq!(users::find(&db, actor.user_id).await.unwrap().unwrap().email, "pat@example.com");
});

db_test!(export_holds_the_data_and_no_secrets, |db: DatabaseConnection| async move {
    let actor = person(&db, "jo@example.com", true).await;
    assert!(matches!(privacy::export(&db, None, IP, at()).await, Err(ServiceError::SignInRequired)));
    users::sign_in(&db, "jo@example.com", PASSWORD, IP, SITE, at()).await.unwrap();
    let export = privacy::export(&db, Some(actor), IP, at()).await.unwrap();
    assert_eq!(export.account.email, "jo@example.com");
    assert!(export.account.email_verified && !export.account.admin);
    assert_eq!(export.account.created_at, "2026-03-02T09:00:00Z");
    let names: Vec<&str> = export.audit_events.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(names, ["sign_in", "data_exported"]);
    assert_eq!(export.audit_events[0].client_ip, IP);
    // Email choices made are part of it.
    service::notifications::prefs::choose(&db, Some(actor), &["offers".into()]).await.unwrap();
    let export = privacy::export(&db, Some(actor), IP, at()).await.unwrap();
    assert_eq!(export.activity.emails_turned_off.len(), domain::notifications::NoticeTopic::ALL.len() - 1);
    assert!(!export.activity.emails_turned_off.contains(&"offers".to_string()));
    assert!(export.activity.opening_interests.is_empty() && export.activity.reports_filed.is_empty());
    let user = users::find(&db, actor.user_id).await.unwrap().unwrap();
    let debug = format!("{export:?}");
    assert!(!debug.contains(&user.password_hash) && !debug.contains("argon2"), "{debug}");
});
