//! `bayline admin create` on both databases: promoting an account, creating one, and the
//! unverified account whose password must not survive. People here are SYNTHETIC.
use chrono::{Duration, TimeZone, Utc};
use entity::{app_user, audit_event, session};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use service::{
    accounts::{
        admins::{self, Outcome},
        email::Email,
        password, sessions,
        tokens::{self, Purpose},
        users,
    },
    db_test,
};

/// What a SYNTHETIC person types at sign-up.
fn account<'a>(email: &'a str, password: &'a str) -> users::NewAccount<'a> {
    users::NewAccount { name: "SYNTHETIC Person", email, password }
}

const SITE: &str = "http://bayline.test";
const PASSWORD: &str = "tidal-orchard-copper-lantern";

async fn user(db: &DatabaseConnection, id: i64) -> app_user::Model {
    app_user::Entity::find_by_id(id).one(db).await.unwrap().unwrap()
}

async fn grants(db: &DatabaseConnection, id: i64) -> u64 {
    audit_event::Entity::find()
        .filter(audit_event::Column::Event.eq("admin_granted"))
        .filter(audit_event::Column::UserId.eq(id))
        .count(db)
        .await
        .unwrap()
}

async fn sessions_of(db: &DatabaseConnection, id: i64) -> u64 {
    session::Entity::find().filter(session::Column::UserId.eq(id)).count(db).await.unwrap()
}

/// A verified SYNTHETIC account with two live sessions.
async fn verified(db: &DatabaseConnection, email: &str) -> i64 {
    let now = Utc::now();
    users::sign_up(db, &account(email, PASSWORD), SITE, now).await.unwrap();
    let id = users::find_by_email(db, &Email::parse(email).unwrap()).await.unwrap().unwrap().id;
    let token = tokens::issue(db, id, Purpose::VerifyEmail, Duration::hours(1), now).await.unwrap();
    users::verify_email(db, &token, now).await.unwrap();
    sessions::start(db, id, now).await.unwrap();
    sessions::start(db, id, now).await.unwrap();
    id
}

db_test!(an_existing_account_is_promoted_and_signed_out, |db: DatabaseConnection| async move {
    let id = verified(&db, "synthetic.admin@example.com").await;
    assert_eq!(sessions_of(&db, id).await, 2);

    let email = Email::parse("Synthetic.Admin@Example.com").unwrap();
    let outcome = admins::create(&db, &email, Utc::now()).await.unwrap();
    assert_eq!(outcome, Outcome::Promoted { user_id: id });
    let stored = user(&db, id).await;
    assert!(stored.is_admin);
    assert!(password::verify(PASSWORD, &stored.password_hash), "the owner's password still works");
    assert_eq!(sessions_of(&db, id).await, 0, "a privilege change ends every session");
    assert_eq!(grants(&db, id).await, 1);

    // Running it again changes nothing.
    sessions::start(&db, id, Utc::now()).await.unwrap();
    assert_eq!(admins::create(&db, &email, Utc::now()).await.unwrap(), Outcome::AlreadyAdmin { user_id: id });
    assert_eq!((sessions_of(&db, id).await, grants(&db, id).await), (1, 1));
});

db_test!(a_new_admin_gets_a_single_use_reset_link, |db: DatabaseConnection| async move {
    // Whole seconds: PostgreSQL keeps microseconds, and the test compares the stored time.
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let email = Email::parse("synthetic.new.admin@example.com").unwrap();
    let Outcome::NeedsPassword { user_id, reset_token } = admins::create(&db, &email, now).await.unwrap()
    else {
        panic!("a new account needs a password");
    };
    let stored = user(&db, user_id).await;
    assert_eq!(stored.email, "synthetic.new.admin@example.com");
    assert!(stored.is_admin);
    assert_eq!(stored.email_verified_at, Some(now));
    assert!(stored.password_hash.starts_with("$argon2id$"), "looks like any other hash");
    assert!(!password::verify("", &stored.password_hash));
    assert_eq!(grants(&db, user_id).await, 1);

    // The link is a reset token for this user, valid within the hour, once.
    let late = now + admins::RESET_LINK_TTL;
    assert_eq!(tokens::redeem(&db, &reset_token, Purpose::ResetPassword, late).await.unwrap(), None);
    let soon = now + Duration::minutes(59);
    assert_eq!(tokens::redeem(&db, &reset_token, Purpose::ResetPassword, soon).await.unwrap(), Some(user_id));
    assert_eq!(tokens::redeem(&db, &reset_token, Purpose::ResetPassword, soon).await.unwrap(), None);
});

db_test!(an_unverified_account_loses_its_password, |db: DatabaseConnection| async move {
    // Someone signed up with the address but never proved they own it.
    let now = Utc::now();
    users::sign_up(&db, &account("synthetic.claimed@example.com", PASSWORD), SITE, now).await.unwrap();
    let email = Email::parse("synthetic.claimed@example.com").unwrap();
    let id = users::find_by_email(&db, &email).await.unwrap().unwrap().id;
    sessions::start(&db, id, now).await.unwrap();

    let outcome = admins::create(&db, &email, now).await.unwrap();
    assert!(matches!(outcome, Outcome::NeedsPassword { user_id, .. } if user_id == id), "{outcome:?}");
    let stored = user(&db, id).await;
    assert!(stored.is_admin && stored.email_verified_at.is_some());
    assert!(!password::verify(PASSWORD, &stored.password_hash), "the stranger's password is gone");
    assert_eq!(sessions_of(&db, id).await, 0);
    assert_eq!(app_user::Entity::find().count(&db).await.unwrap(), 1, "no second account");
});

db_test!(a_server_records_its_address_for_admin_create, |db: DatabaseConnection| async move {
    assert_eq!(service::site::public_url(&db).await.unwrap(), None);
    let now = chrono::Utc::now();
    service::site::record_public_url(&db, "http://127.0.0.1:3100", now).await.unwrap();
    // The last server started wins (several servers of one site record the same address).
    service::site::record_public_url(&db, "https://bayline.example.org", now).await.unwrap();
    assert_eq!(service::site::public_url(&db).await.unwrap().as_deref(), Some("https://bayline.example.org"));
    // Eight servers starting at once all record without an error (one upsert each; a
    // find-then-insert let all but one fail on the key and stopped their start-up).
    let starts: Vec<_> = (0..8)
        .map(|n| {
            let db = db.clone();
            tokio::spawn(async move {
                service::site::record_public_url(&db, &format!("http://10.0.0.{n}:3000"), now).await
            })
        })
        .collect();
    for started in starts {
        started.await.unwrap().unwrap();
    }
    assert!(service::site::public_url(&db).await.unwrap().unwrap().starts_with("http://10.0.0."));
});
