//! Sessions on both databases: start, resume, idle and absolute timeouts, sign-out.
//! The user is SYNTHETIC.
use chrono::{Duration, Utc};
use entity::app_user;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use service::{
    accounts::sessions::{self, ABSOLUTE_TIMEOUT, IDLE_TIMEOUT},
    db_test,
};

async fn user(db: &DatabaseConnection) -> i64 {
    app_user::ActiveModel {
        email: Set("synthetic.user@example.com".into()),
        password_hash: Set("$argon2id$synthetic".into()),
        email_verified_at: Set(None),
        is_admin: Set(false),
        created_at: Set(Utc::now()),
        display_name: Set("SYNTHETIC Person".into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|u| u.id)
    .unwrap()
}

db_test!(a_session_lives_until_idle_or_absolute_timeout, |db: DatabaseConnection| async move {
    let id = user(&db).await;
    let t0 = Utc::now();
    let session = sessions::start(&db, id, t0).await.unwrap();
    assert_eq!(sessions::resume(&db, &session.token, t0).await.unwrap(), Some(id));
    assert_eq!(sessions::resume(&db, "not-a-token", t0).await.unwrap(), None);
    assert_eq!(sessions::resume(&db, &sessions::random_token(), t0).await.unwrap(), None);

    // Activity every 50 minutes keeps it alive…
    let mut now = t0;
    while now + Duration::minutes(50) < t0 + ABSOLUTE_TIMEOUT {
        now += Duration::minutes(50);
        assert_eq!(sessions::resume(&db, &session.token, now).await.unwrap(), Some(id), "at {now}");
    }
    // …but not past the absolute timeout, after which it is gone for good.
    assert_eq!(sessions::resume(&db, &session.token, t0 + ABSOLUTE_TIMEOUT).await.unwrap(), None);
    assert_eq!(sessions::resume(&db, &session.token, t0).await.unwrap(), None);

    let idle = sessions::start(&db, id, t0).await.unwrap();
    assert_eq!(
        sessions::resume(&db, &idle.token, t0 + IDLE_TIMEOUT).await.unwrap(),
        None,
        "an idle hour ends it"
    );
});

db_test!(sign_out_ends_one_session_and_end_all_ends_every_one, |db: DatabaseConnection| async move {
    let id = user(&db).await;
    let now = Utc::now();
    let (a, b, c) = (
        sessions::start(&db, id, now).await.unwrap(),
        sessions::start(&db, id, now).await.unwrap(),
        sessions::start(&db, id, now).await.unwrap(),
    );
    sessions::end(&db, &a.token).await.unwrap();
    assert_eq!(sessions::resume(&db, &a.token, now).await.unwrap(), None);
    assert_eq!(sessions::resume(&db, &b.token, now).await.unwrap(), Some(id));
    assert_eq!(sessions::end_all(&db, id).await.unwrap(), 2);
    assert_eq!(sessions::resume(&db, &c.token, now).await.unwrap(), None);
});
