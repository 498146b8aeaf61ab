//! Signing in with a second factor through the forms: the password alone starts no session,
//! the code does (once), an admin without a factor is led to set one up and has no admin
//! pages until then, and the account page lists the devices. People are SYNTHETIC.
use axum::http::{HeaderMap, StatusCode, header};
use chrono::Utc;
use entity::{app_user, email_outbox};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryOrder, Set};
use service::{accounts::totp, db_test, testing::add_synthetic_second_factor};

use crate::support::http::{form, get, location, refused_page, router, send};

const PASSWORD: &str = "tidal-orchard-copper-lantern";
const PHONE: &str =
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36";

/// Signs a person up and confirms the address through the forms; returns their id.
async fn signed_up(db: &DatabaseConnection, app: &axum::Router, email: &str) -> i64 {
    send(
        app,
        form(
            "/signup",
            &format!("display_name=SYNTHETIC+Person&email={}&password={PASSWORD}", email.replace('@', "%40")),
            None,
        ),
    )
    .await;
    let mail =
        email_outbox::Entity::find().order_by_desc(email_outbox::Column::Id).one(db).await.unwrap().unwrap();
    let start = mail.body_text.find("token=").unwrap() + "token=".len();
    let token = mail.body_text[start..].split_whitespace().next().unwrap();
    send(app, form("/verify-email", &format!("token={token}"), None)).await;
    app_user::Entity::find().order_by_desc(app_user::Column::Id).one(db).await.unwrap().unwrap().id
}

fn cookie_named(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")) && !v.starts_with(&format!("{name}=;")))
        .map(|v| v.split(';').next().unwrap().to_string())
}

fn sign_in_request(email: &str) -> axum::http::Request<axum::body::Body> {
    let mut request =
        form("/login", &format!("email={}&password={PASSWORD}", email.replace('@', "%40")), None);
    request.headers_mut().insert(header::USER_AGENT, PHONE.parse().unwrap());
    request
}

db_test!(the_password_alone_starts_no_session_and_the_code_does_once, |db: DatabaseConnection| async move {
    let app = router(&db, "http://localhost");
    let user_id = signed_up(&db, &app, "kim@example.com").await;
    let secret = add_synthetic_second_factor(&db, user_id).await;

    let (status, headers, _) = send(&app, sign_in_request("kim@example.com")).await;
    assert_eq!((status, location(&headers)), (StatusCode::SEE_OTHER, "/login/code"));
    assert_eq!(cookie_named(&headers, "bayline_session"), None, "no session before the code");
    let challenge = cookie_named(&headers, "bayline_challenge").expect("a challenge cookie");
    let raw = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>();
    assert!(raw.iter().any(|c| c.contains("HttpOnly") && c.contains("Max-Age=300")), "{raw:?}");

    let (status, _, page) = send(&app, get("/login/code", Some(&challenge))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(r#"autocomplete="one-time-code""#), "{page}");

    let (_, headers, _) = send(&app, form("/login/code", "code=000000", Some(&challenge))).await;
    assert_eq!(location(&headers), "/login/code");
    let page = refused_page(&app, &headers, Some(&challenge)).await;
    assert!(page.contains(r#"aria-invalid="true""#), "the message is beside the code: {page}");

    let code = totp::code_at(&secret, totp::step_of(Utc::now())).unwrap();
    let mut right = form("/login/code", &format!("code={code}"), Some(&challenge));
    right.headers_mut().insert(header::USER_AGENT, PHONE.parse().unwrap());
    let (status, headers, _) = send(&app, right).await;
    assert_eq!((status, location(&headers)), (StatusCode::SEE_OTHER, "/account"));
    let session = cookie_named(&headers, "bayline_session").expect("a session after the code");

    // The same challenge and code again: the sign-in has ended.
    let (_, headers, _) = send(&app, form("/login/code", &format!("code={code}"), Some(&challenge))).await;
    assert_eq!(location(&headers), "/login");
    assert!(refused_page(&app, &headers, None).await.contains("enter your password again"));

    let (status, _, page) = send(&app, get("/account", Some(&session))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Signed-in devices") && page.contains("Chrome on Android"), "{page}");
    assert!(page.contains("(this device)"), "{page}");
});

db_test!(an_admin_is_led_to_set_up_a_second_factor_first, |db: DatabaseConnection| async move {
    let app = router(&db, "http://localhost");
    let user_id = signed_up(&db, &app, "lee@example.com").await;
    let mut user = app_user::Entity::find_by_id(user_id).one(&db).await.unwrap().unwrap().into_active_model();
    user.is_admin = Set(true);
    user.update(&db).await.unwrap();

    let (_, headers, _) = send(&app, sign_in_request("lee@example.com")).await;
    assert_eq!(location(&headers), "/account/second-factor");
    let session = cookie_named(&headers, "bayline_session").unwrap();
    let (status, _, _) = send(&app, get("/admin", Some(&session))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "no admin pages before the factor");

    let (_, _, page) = send(&app, get("/account/second-factor", Some(&session))).await;
    assert!(page.contains("your admin pages open once your second factor is on"), "{page}");
    let (_, headers, _) = send(&app, form("/account/second-factor/begin", "", Some(&session))).await;
    assert_eq!(location(&headers), "/account/second-factor");
    let (_, _, page) = send(&app, get("/account/second-factor", Some(&session))).await;
    let at = page.find(r#"data-testid="totp-secret""#).expect("the key to type");
    let start = at + page[at..].find('>').unwrap() + 1;
    let secret = &page[start..start + page[start..].find('<').unwrap()];
    assert!(page.contains("<svg"), "a QR code");

    let code = totp::code_at(secret, totp::step_of(Utc::now())).unwrap();
    let (_, headers, _) =
        send(&app, form("/account/second-factor/confirm", &format!("code={code}"), Some(&session))).await;
    assert_eq!(location(&headers), "/account/second-factor?done=second_factor_on");
    let session = cookie_named(&headers, "bayline_session").expect("a new session id with the new rights");
    let (_, _, page) = send(&app, get("/account/second-factor?done=second_factor_on", Some(&session))).await;
    assert_eq!(page.matches("<li><code>").count(), 10, "ten recovery codes, shown once: {page}");
    let (_, _, page) = send(&app, get("/account/second-factor", Some(&session))).await;
    assert_eq!(page.matches("<li><code>").count(), 0, "not twice");
    let (status, _, _) = send(&app, get("/admin", Some(&session))).await;
    assert_eq!(status, StatusCode::OK, "admin pages open with the factor on");
});
