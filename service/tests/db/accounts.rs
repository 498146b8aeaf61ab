//! Sign-up, email verification and sign-in on both databases. Every person here is
//! SYNTHETIC (example.com addresses).
use chrono::{Duration, Utc};
use entity::{app_user, email_outbox};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait, QueryOrder};
use service::{
    accounts::users::{self, AccountError, THROTTLE_WINDOW},
    db_test,
};

/// What a SYNTHETIC person types at sign-up.
fn account<'a>(email: &'a str, password: &'a str) -> users::NewAccount<'a> {
    users::NewAccount { name: "SYNTHETIC Person", email, password }
}

const SITE: &str = "http://bayline.test";
const PASSWORD: &str = "tidal-orchard-copper-lantern";

async fn outbox(db: &DatabaseConnection) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find().order_by_asc(email_outbox::Column::Id).all(db).await.unwrap()
}

fn link_token(body: &str) -> String {
    let start =
        body.find("/verify-email?token=").expect("a verification link") + "/verify-email?token=".len();
    body[start..].split_whitespace().next().unwrap().to_string()
}

db_test!(sign_up_verify_and_sign_in, |db: DatabaseConnection| async move {
    let now = Utc::now();
    users::sign_up(&db, &account(" Maria.Lopez@Example.com ", PASSWORD), SITE, now).await.unwrap();
    let mail = outbox(&db).await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].recipient, "maria.lopez@example.com");
    assert!(mail[0].body_text.contains(&format!("{SITE}/verify-email?token=")));

    // Not verified yet: sign-in is refused and a fresh link is sent.
    let early = users::sign_in(&db, "maria.lopez@example.com", PASSWORD, "10.0.0.1", SITE, now).await;
    assert!(matches!(early, Err(AccountError::Unverified)), "{early:?}");
    assert_eq!(outbox(&db).await.len(), 2);

    let token = link_token(&mail[0].body_text);
    let id = users::verify_email(&db, &token, now).await.unwrap();
    assert!(
        matches!(users::verify_email(&db, &token, now).await, Err(AccountError::BadLink)),
        "links work once"
    );
    assert_eq!(
        users::sign_in(&db, "MARIA.LOPEZ@example.com", PASSWORD, "10.0.0.1", SITE, now).await.unwrap(),
        id
    );
    let stored = app_user::Entity::find_by_id(id).one(&db).await.unwrap().unwrap();
    assert!(stored.password_hash.starts_with("$argon2id$"));
    assert!(!stored.password_hash.contains(PASSWORD));
});

db_test!(sign_up_does_not_reveal_registered_addresses, |db: DatabaseConnection| async move {
    let now = Utc::now();
    users::sign_up(&db, &account("sam@example.com", PASSWORD), SITE, now).await.unwrap();
    users::sign_up(&db, &account("Sam@Example.com", "another-strong-passphrase-42"), SITE, now)
        .await
        .unwrap();
    assert_eq!(app_user::Entity::find().count(&db).await.unwrap(), 1);
    let mail = outbox(&db).await;
    assert_eq!(mail.len(), 2);
    assert!(mail[1].body_text.contains("already has one"));
});

db_test!(bad_input_names_the_field_and_stores_nothing, |db: DatabaseConnection| async move {
    let now = Utc::now();
    let cases = [
        ("not-an-email", PASSWORD, "email"),
        (&*format!("{}@example.com", "a".repeat(250)), PASSWORD, "email"),
        ("<script>@example.com", PASSWORD, "email"),
        ("kim@example.com", "short", "password"),
        ("kim@example.com", "password123", "password"),
        ("kim@example.com", &*"x".repeat(129), "password"),
    ];
    for (email, password, field) in cases {
        match users::sign_up(&db, &account(email, password), SITE, now).await {
            Err(AccountError::Invalid { field: got, .. }) => assert_eq!(got, field, "{email}"),
            other => panic!("{email}: {other:?}"),
        }
    }
    assert_eq!(app_user::Entity::find().count(&db).await.unwrap(), 0);
    assert!(outbox(&db).await.is_empty());
});

db_test!(expired_links_do_not_verify, |db: DatabaseConnection| async move {
    let now = Utc::now();
    users::sign_up(&db, &account("lee@example.com", PASSWORD), SITE, now).await.unwrap();
    let token = link_token(&outbox(&db).await[0].body_text);
    let late = now + users::VERIFY_LINK_TTL + Duration::seconds(1);
    assert!(matches!(users::verify_email(&db, &token, late).await, Err(AccountError::BadLink)));
    assert!(matches!(users::verify_email(&db, "made-up", now).await, Err(AccountError::BadLink)));
});

db_test!(sign_in_is_throttled_then_recovers_without_lockout, |db: DatabaseConnection| async move {
    let now = Utc::now();
    users::sign_up(&db, &account("ana@example.com", PASSWORD), SITE, now).await.unwrap();
    let token = link_token(&outbox(&db).await[0].body_text);
    users::verify_email(&db, &token, now).await.unwrap();

    // Unknown emails and wrong passwords get the same answer.
    let unknown =
        users::sign_in(&db, "nobody@example.com", PASSWORD, "10.0.0.9", SITE, now).await.unwrap_err();
    let wrong =
        users::sign_in(&db, "ana@example.com", "wrong-password", "10.0.0.9", SITE, now).await.unwrap_err();
    assert_eq!(unknown.to_string(), wrong.to_string());

    for _ in 0..4 {
        let _ = users::sign_in(&db, "ana@example.com", "wrong-password", "10.0.0.9", SITE, now).await;
    }
    // The attacker's address is paused for this account, even with the right password...
    let blocked = users::sign_in(&db, "ana@example.com", PASSWORD, "10.0.0.9", SITE, now).await;
    assert!(
        matches!(blocked, Err(AccountError::Throttled { .. })),
        "five failures pause the account from that address: {blocked:?}"
    );
    // ...but a stranger's failures never lock the owner out from another address.
    assert!(
        users::sign_in(&db, "ana@example.com", PASSWORD, "10.0.0.7", SITE, now).await.is_ok(),
        "no lock-out by strangers"
    );
    // An address trying many accounts is paused as a whole.
    for n in 0..30 {
        let _ = users::sign_in(&db, &format!("guess{n}@example.com"), "x", "10.0.0.66", SITE, now).await;
    }
    assert!(matches!(
        users::sign_in(&db, "ana@example.com", PASSWORD, "10.0.0.66", SITE, now).await,
        Err(AccountError::Throttled { .. })
    ));
    let later = now + THROTTLE_WINDOW + Duration::seconds(1);
    assert!(
        users::sign_in(&db, "ana@example.com", PASSWORD, "10.0.0.9", SITE, later).await.is_ok(),
        "no permanent lockout"
    );
});

db_test!(
    sign_up_cannot_flood_an_inbox_or_come_endlessly_from_one_address,
    |db: DatabaseConnection| async move {
        let now = Utc::now();
        // Someone signs up with another person's address again and again: at most 3 account
        // emails reach that address in an hour, and the answer never changes.
        users::sign_up_from(
            &db,
            &account("victim@example.com", PASSWORD),
            "10.1.0.1",
            users::MAX_SIGNUPS_PER_ADDRESS,
            SITE,
            now,
        )
        .await
        .unwrap();
        for n in 0..5 {
            users::sign_up_from(
                &db,
                &account("victim@example.com", PASSWORD),
                &format!("10.1.0.{}", n + 2),
                users::MAX_SIGNUPS_PER_ADDRESS,
                SITE,
                now,
            )
            .await
            .unwrap();
        }
        let to_victim = outbox(&db).await.into_iter().filter(|m| m.recipient == "victim@example.com").count();
        assert_eq!(to_victim, users::MAX_ACCOUNT_MAILS as usize);
        let hour_later = now + users::ACCOUNT_MAIL_WINDOW + Duration::seconds(1);
        users::sign_up_from(
            &db,
            &account("victim@example.com", PASSWORD),
            "10.1.0.9",
            users::MAX_SIGNUPS_PER_ADDRESS,
            SITE,
            hour_later,
        )
        .await
        .unwrap();
        let to_victim = outbox(&db).await.into_iter().filter(|m| m.recipient == "victim@example.com").count();
        assert_eq!(to_victim, users::MAX_ACCOUNT_MAILS as usize + 1, "the window slides");

        // One address creating accounts is limited too.
        for n in 0..users::MAX_SIGNUPS_PER_ADDRESS {
            users::sign_up_from(
                &db,
                &account(&format!("bulk{n}@example.com"), PASSWORD),
                "10.2.0.1",
                users::MAX_SIGNUPS_PER_ADDRESS,
                SITE,
                now,
            )
            .await
            .unwrap();
        }
        assert!(matches!(
            users::sign_up_from(
                &db,
                &account("one-more@example.com", PASSWORD),
                "10.2.0.1",
                users::MAX_SIGNUPS_PER_ADDRESS,
                SITE,
                now
            )
            .await,
            Err(AccountError::Throttled { .. })
        ));
        assert!(
            users::sign_up_from(
                &db,
                &account("one-more@example.com", PASSWORD),
                "10.2.0.2",
                users::MAX_SIGNUPS_PER_ADDRESS,
                SITE,
                now
            )
            .await
            .is_ok()
        );
    }
);

db_test!(sign_up_names_every_problem_at_once_and_keeps_the_name, |db: DatabaseConnection| async move {
    let now = Utc::now();
    let bad = users::NewAccount { name: " ", email: "not-an-email", password: "short" };
    match users::sign_up(&db, &bad, SITE, now).await {
        Err(AccountError::Fields(problems)) => {
            let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
            assert_eq!(fields, ["display_name", "email", "password"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(app_user::Entity::find().count(&db).await.unwrap(), 0);
    let good = users::NewAccount { name: " Maria López ", email: "maria@example.com", password: PASSWORD };
    users::sign_up(&db, &good, SITE, now).await.unwrap();
    let user = app_user::Entity::find().one(&db).await.unwrap().unwrap();
    assert_eq!(user.display_name, "Maria López");
    // Renamed on /account; pages show the name, never the address.
    let me = service::authz::Actor { user_id: user.id, is_admin: false };
    assert!(service::accounts::names::set(&db, Some(me), "<b>Maria</b>").await.is_err());
    service::accounts::names::set(&db, Some(me), "Maria L.").await.unwrap();
    let names = service::accounts::names::of(&db, vec![user.id]).await.unwrap();
    assert_eq!(names[&user.id], "Maria L.");
});
