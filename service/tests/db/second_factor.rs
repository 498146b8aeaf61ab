//! The second factor on both databases: set-up, codes that work once (also when two servers
//! receive the same code at the same moment), recovery codes, the sign-in challenge, admin
//! rights that wait for the factor, and the list of signed-in devices. People are SYNTHETIC.
use chrono::{Duration, Utc};
use sea_orm::DatabaseConnection;
use service::{
    accounts::{
        challenge::{self, Answer, MAX_ATTEMPTS},
        devices, second_factor,
        sessions::{self, Device},
        totp,
    },
    authz, db_test,
    error::ServiceError,
    testing::{add_synthetic_second_factor, add_synthetic_user},
};

const IP: &str = "192.0.2.10";

/// The code the app shows now for a secret.
fn code_now(secret: &str) -> String {
    totp::code_at(secret, totp::step_of(Utc::now())).unwrap()
}

db_test!(setting_up_turns_the_factor_on_and_signs_out_other_devices, |db: DatabaseConnection| async move {
    let me = add_synthetic_user(&db, "ana@example.com", false).await;
    let here = sessions::start(&db, me.user_id, Utc::now()).await.unwrap();
    let elsewhere = sessions::start(&db, me.user_id, Utc::now()).await.unwrap();

    second_factor::begin(&db, Some(me), Utc::now()).await.unwrap();
    let status = second_factor::status(&db, Some(me)).await.unwrap();
    assert!(!status.on);
    let secret = status.pending.expect("a secret to add to the app").secret;

    let wrong = second_factor::confirm(&db, Some(me), "000000", Some(&here.token), IP, Utc::now()).await;
    assert!(matches!(wrong, Err(ServiceError::Invalid { field: "code", .. })), "{wrong:?}");
    second_factor::confirm(&db, Some(me), &code_now(&secret), Some(&here.token), IP, Utc::now())
        .await
        .unwrap();

    let status = second_factor::status(&db, Some(me)).await.unwrap();
    assert!(status.on && status.pending.is_none());
    assert_eq!(status.recovery_codes_left, second_factor::RECOVERY_CODES);
    assert!(sessions::resume(&db, &here.token, Utc::now()).await.unwrap().is_some(), "this device stays");
    assert!(sessions::resume(&db, &elsewhere.token, Utc::now()).await.unwrap().is_none(), "others end");

    // The recovery codes are shown once.
    let codes = second_factor::take_new_codes(&db, Some(me)).await.unwrap();
    assert_eq!(codes.len(), 10);
    assert!(second_factor::take_new_codes(&db, Some(me)).await.unwrap().is_empty(), "never twice");
    assert!(matches!(second_factor::begin(&db, Some(me), Utc::now()).await, Err(ServiceError::Conflict(_))));
    assert!(matches!(second_factor::status(&db, None).await, Err(ServiceError::SignInRequired)));
});

db_test!(a_code_and_a_recovery_code_each_work_once, |db: DatabaseConnection| async move {
    let me = add_synthetic_user(&db, "bo@example.com", false).await;
    let secret = add_synthetic_second_factor(&db, me.user_id).await;
    let now = Utc::now();
    let code = code_now(&secret);
    assert!(second_factor::check(&db, me.user_id, &code, IP, now).await.unwrap());
    // Replayed (someone saw it typed): refused. Without the last-step guard the same code
    // would match again, which is what this attack would use.
    assert!(!second_factor::check(&db, me.user_id, &code, IP, now).await.unwrap());
    assert!(totp::matching_step(&secret, &code, now, 0).is_some(), "the guard, not the code, refuses it");

    // Recovery codes: typed any way, each once; making new ones retires the old.
    let next = totp::code_at(&secret, totp::step_of(now) + 1).unwrap();
    second_factor::new_recovery_codes(&db, Some(me), &next, IP, now).await.unwrap();
    let codes = second_factor::take_new_codes(&db, Some(me)).await.unwrap();
    let typed = codes[0].to_uppercase().replace('-', " ");
    assert!(second_factor::check(&db, me.user_id, &typed, IP, now).await.unwrap());
    assert!(!second_factor::check(&db, me.user_id, &codes[0], IP, now).await.unwrap(), "used up");
    assert_eq!(second_factor::status(&db, Some(me)).await.unwrap().recovery_codes_left, 9);
    // Another person's code opens nothing.
    let other = add_synthetic_user(&db, "cy@example.com", false).await;
    add_synthetic_second_factor(&db, other.user_id).await;
    assert!(!second_factor::check(&db, other.user_id, &codes[1], IP, now).await.unwrap());
});

/// Eight servers receive the same right code for one challenge at the same moment: one
/// session starts.
async fn eight_answers_race(db: DatabaseConnection) {
    let me = add_synthetic_user(&db, "dee@example.com", false).await;
    let secret = add_synthetic_second_factor(&db, me.user_id).await;
    let token = challenge::open(&db, me.user_id, "/account", Utc::now()).await.unwrap();
    let code = code_now(&secret);
    let mut racers = Vec::new();
    for _ in 0..8 {
        let (db, token, code) = (db.clone(), token.clone(), code.clone());
        racers.push(tokio::spawn(async move { challenge::answer(&db, &token, &code, IP, Utc::now()).await }));
    }
    let mut right = 0;
    for racer in racers {
        // A racer may also lose to the database's own locking; it never wins twice.
        if let Ok(Ok(Answer::Right { .. })) = racer.await {
            right += 1;
        }
    }
    assert_eq!(right, 1, "exactly one sign-in from one code");
}

db_test!(eight_racing_answers_with_one_code_sign_in_once, eight_answers_race);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_racing_answers_with_one_code_sign_in_once_on_a_sqlite_file() {
    service::testing::on_a_sqlite_file("second-factor-race", eight_answers_race).await;
}

db_test!(the_challenge_ends_after_five_wrong_codes_or_five_minutes, |db: DatabaseConnection| async move {
    let me = add_synthetic_user(&db, "eve@example.com", false).await;
    let secret = add_synthetic_second_factor(&db, me.user_id).await;
    let now = Utc::now();
    let token = challenge::open(&db, me.user_id, "/needs", now).await.unwrap();
    for left in (1..MAX_ATTEMPTS).rev() {
        assert_eq!(challenge::answer(&db, &token, "123456", IP, now).await.unwrap(), Answer::Wrong { left });
    }
    assert_eq!(challenge::answer(&db, &token, "123456", IP, now).await.unwrap(), Answer::Gone);
    // Even the right code cannot use a challenge that has ended: back to the password.
    assert_eq!(challenge::answer(&db, &token, &code_now(&secret), IP, now).await.unwrap(), Answer::Gone);

    let token = challenge::open(&db, me.user_id, "/needs", now).await.unwrap();
    let late = now + challenge::LIFETIME + Duration::seconds(1);
    assert!(!challenge::is_open(&db, &token, late).await.unwrap());
    let code = totp::code_at(&secret, totp::step_of(late)).unwrap();
    assert_eq!(challenge::answer(&db, &token, &code, IP, late).await.unwrap(), Answer::Gone);

    let token = challenge::open(&db, me.user_id, "/needs", now).await.unwrap();
    assert_eq!(
        challenge::answer(&db, &token, &code_now(&secret), IP, now).await.unwrap(),
        Answer::Right { user_id: me.user_id, destination: "/needs".into() }
    );
});

db_test!(admin_rights_wait_for_the_second_factor, |db: DatabaseConnection| async move {
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
    let person = add_synthetic_user(&db, "fay@example.com", false).await;
    let mut user = entity::app_user::Entity::find_by_id(person.user_id)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    user.is_admin = Set(true);
    user.update(&db).await.unwrap();
    let before = authz::actor(&db, person.user_id).await.unwrap().unwrap();
    assert!(!before.is_admin, "an admin without a second factor has no admin rights");
    assert!(second_factor::status(&db, Some(before)).await.unwrap().required);

    second_factor::begin(&db, Some(before), Utc::now()).await.unwrap();
    let secret = second_factor::status(&db, Some(before)).await.unwrap().pending.unwrap().secret;
    second_factor::confirm(&db, Some(before), &code_now(&secret), None, IP, Utc::now()).await.unwrap();
    let after = authz::actor(&db, person.user_id).await.unwrap().unwrap();
    assert!(after.is_admin);
    // And an admin cannot turn it off.
    let next = totp::code_at(&secret, totp::step_of(Utc::now()) + 1).unwrap();
    let off = second_factor::turn_off(&db, Some(after), &next, IP, Utc::now()).await;
    assert!(matches!(off, Err(ServiceError::Conflict(_))), "{off:?}");
    assert!(second_factor::is_on(&db, person.user_id).await.unwrap());
});

db_test!(anyone_else_may_turn_it_off_with_a_code, |db: DatabaseConnection| async move {
    let me = add_synthetic_user(&db, "gus@example.com", false).await;
    let secret = add_synthetic_second_factor(&db, me.user_id).await;
    let refused = second_factor::turn_off(&db, Some(me), "999999", IP, Utc::now()).await;
    assert!(matches!(refused, Err(ServiceError::Invalid { .. })), "{refused:?}");
    second_factor::turn_off(&db, Some(me), &code_now(&secret), IP, Utc::now()).await.unwrap();
    assert!(!second_factor::is_on(&db, me.user_id).await.unwrap());
});

db_test!(people_see_and_end_only_their_own_devices, |db: DatabaseConnection| async move {
    let me = add_synthetic_user(&db, "hal@example.com", false).await;
    let other = add_synthetic_user(&db, "ivy@example.com", false).await;
    let phone = Device {
        user_agent: "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
            .into(),
        address: "198.51.100.7".into(),
    };
    let laptop = Device {
        user_agent: "Mozilla/5.0 (Windows NT 10.0) Firefox/133.0".into(),
        address: "203.0.113.9".into(),
    };
    let here = sessions::start_on(&db, me.user_id, &phone, Utc::now()).await.unwrap();
    let there = sessions::start_on(&db, me.user_id, &laptop, Utc::now()).await.unwrap();
    let theirs = sessions::start_on(&db, other.user_id, &laptop, Utc::now()).await.unwrap();

    let list = devices::list(&db, Some(me), Some(&here.token), Utc::now()).await.unwrap();
    assert_eq!(list.len(), 2);
    let mine = list.iter().find(|d| d.this_device).unwrap();
    assert_eq!((mine.device.as_str(), mine.address.as_str()), ("Chrome on Android", "198.51.100.7"));
    let laptop_row = list.iter().find(|d| !d.this_device).unwrap();
    assert_eq!(laptop_row.device, "Firefox on Windows");

    // Another person's handle ends nothing.
    let their_handle = devices::list(&db, Some(other), None, Utc::now()).await.unwrap()[0].handle.clone();
    let refused = devices::end_one(&db, Some(me), &their_handle, IP, Utc::now()).await;
    assert!(matches!(refused, Err(ServiceError::NotFound)), "{refused:?}");
    assert!(sessions::resume(&db, &theirs.token, Utc::now()).await.unwrap().is_some());

    devices::end_one(&db, Some(me), &laptop_row.handle, IP, Utc::now()).await.unwrap();
    assert!(sessions::resume(&db, &there.token, Utc::now()).await.unwrap().is_none());
    let again = sessions::start_on(&db, me.user_id, &laptop, Utc::now()).await.unwrap();
    assert_eq!(devices::end_others(&db, Some(me), Some(&here.token), IP, Utc::now()).await.unwrap(), 1);
    assert!(sessions::resume(&db, &again.token, Utc::now()).await.unwrap().is_none());
    assert!(sessions::resume(&db, &here.token, Utc::now()).await.unwrap().is_some(), "this device stays");
    assert!(matches!(devices::list(&db, None, None, Utc::now()).await, Err(ServiceError::SignInRequired)));
});
