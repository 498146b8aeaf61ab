//! Refused forms kept server-side on both databases: shown once, only on their own page,
//! never after ten minutes, and never to a browser without the token. Values are SYNTHETIC.
use chrono::{Duration, Utc};
use domain::refusal::{FieldMessage, FormRefusal};
use sea_orm::{DatabaseConnection, EntityTrait};
use service::{db_test, refusals};

fn refusal() -> FormRefusal {
    FormRefusal {
        messages: vec![
            FieldMessage { field: Some("name".into()), message: "Enter the shop's name.".into() },
            FieldMessage { field: Some("city".into()), message: "Enter the city.".into() },
        ],
        typed: vec![("email".into(), "owner@example.com".into())],
    }
}

db_test!(a_refusal_is_shown_once_on_its_own_page, |db: DatabaseConnection| async move {
    let now = Utc::now();
    let token = refusals::keep(&db, "/shops/new", &refusal(), now).await.unwrap();
    // Stored under the token's digest only: the table never holds the cookie's value.
    let rows = entity::form_refusal::Entity::find().all(&db).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_ne!(rows[0].id_hash, token);

    // Another page does not see it, and does not use it up.
    assert_eq!(refusals::take(&db, &token, "/schools/new", now).await.unwrap(), None);
    assert_eq!(refusals::take(&db, "not-the-token", "/shops/new", now).await.unwrap(), None);
    assert_eq!(refusals::take(&db, &token, "/shops/new", now).await.unwrap(), Some(refusal()));
    // Once shown it is gone: a reload shows the form afresh.
    assert_eq!(refusals::take(&db, &token, "/shops/new", now).await.unwrap(), None);
});

db_test!(a_refusal_expires_after_ten_minutes, |db: DatabaseConnection| async move {
    let then = Utc::now();
    let token = refusals::keep(&db, "/signup", &refusal(), then).await.unwrap();
    let later = then + refusals::LIFETIME + Duration::seconds(1);
    assert_eq!(refusals::take(&db, &token, "/signup", later).await.unwrap(), None);
    // Keeping another one clears the expired rows of everyone.
    let old = refusals::keep(&db, "/signup", &refusal(), then).await.unwrap();
    refusals::keep(&db, "/login", &refusal(), later).await.unwrap();
    assert_eq!(entity::form_refusal::Entity::find().all(&db).await.unwrap().len(), 1);
    assert_eq!(refusals::take(&db, &old, "/signup", then).await.unwrap(), None);
});
