//! Account self-service over HTTP on both databases: password reset and change (with
//! session rotation), email change, data download and account deletion. People here are
//! SYNTHETIC.

use crate::support::http::{form, get, location, refused_page, router, send};
use axum::{
    Router,
    http::{HeaderMap, StatusCode, header},
};
use chrono::Utc;
use entity::{app_user, email_outbox};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryOrder, Set};
use service::{accounts::password, db_test};

const PASSWORD: &str = "tidal-orchard-copper-lantern";
const NEW_PASSWORD: &str = "quiet-harbour-saffron-engine";

/// The `name=value` part of the response's session cookie.
fn cookie(headers: &HeaderMap) -> String {
    let set = headers.get(header::SET_COOKIE).expect("a session cookie").to_str().unwrap();
    set.split(';').next().unwrap().to_string()
}

/// A verified SYNTHETIC account, signed in: its session cookie.
async fn signed_in(db: &DatabaseConnection, app: &Router, email: &str) -> String {
    app_user::ActiveModel {
        email: Set(email.into()),
        password_hash: Set(password::hash(PASSWORD)),
        email_verified_at: Set(Some(Utc::now())),
        is_admin: Set(false),
        created_at: Set(Utc::now()),
        display_name: Set("SYNTHETIC Person".into()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    sign_in(app, email, PASSWORD).await.expect("signs in")
}

async fn sign_in(app: &Router, email: &str, password: &str) -> Option<String> {
    let body = format!("email={}&password={password}", email.replace('@', "%40"));
    let (_, headers, _) = send(app, form("/login", &body, None)).await;
    (location(&headers) == "/account").then(|| cookie(&headers))
}

async fn last_link(db: &DatabaseConnection, path: &str) -> String {
    let mail =
        email_outbox::Entity::find().order_by_desc(email_outbox::Column::Id).one(db).await.unwrap().unwrap();
    let start = mail.body_text.find(path).expect("a link");
    mail.body_text[start..].split_whitespace().next().unwrap().to_string()
}

async fn is_signed_in(app: &Router, cookie: &str) -> bool {
    send(app, get("/account", Some(cookie))).await.0 == StatusCode::OK
}

db_test!(password_change_rotates_the_session_and_ends_the_others, |db: DatabaseConnection| async move {
    let app = router(&db, "http://localhost");
    let here = signed_in(&db, &app, "kim@example.com").await;
    let elsewhere = sign_in(&app, "kim@example.com", PASSWORD).await.unwrap();

    let wrong = format!("current_password=nope&new_password={NEW_PASSWORD}");
    let (_, headers, _) = send(&app, form("/account/password", &wrong, Some(&here))).await;
    assert_eq!(location(&headers), "/account?form=password");
    let page = refused_page(&app, &headers, Some(&here)).await;
    assert!(page.contains("This is not your current password"), "the page shows the field's message");
    assert!(!page.contains(NEW_PASSWORD), "a password typed is never sent back");
    // Both fields wrong: both are said at once.
    let (_, headers, _) =
        send(&app, form("/account/password", "current_password=nope&new_password=short", Some(&here))).await;
    let page = refused_page(&app, &headers, Some(&here)).await;
    assert!(page.contains("This is not your current password"), "{page}");
    assert!(page.contains("Use at least 8 characters"), "{page}");

    let body = format!("current_password={PASSWORD}&new_password={NEW_PASSWORD}");
    let (status, headers, _) = send(&app, form("/account/password", &body, Some(&here))).await;
    assert_eq!((status, location(&headers)), (StatusCode::SEE_OTHER, "/account?done=password_changed"));
    let rotated = cookie(&headers);
    assert_ne!(rotated, here, "a new session id");
    assert!(is_signed_in(&app, &rotated).await);
    assert!(!is_signed_in(&app, &here).await, "the old id is dead");
    assert!(!is_signed_in(&app, &elsewhere).await, "other browsers are signed out");
    let (_, _, page) = send(&app, get("/account?done=password_changed", Some(&rotated))).await;
    assert!(page.contains("Your password is changed"));
    // Said in full when it fails: the page the sign-in was sent back to, with its message.
    let body = format!("email=kim%40example.com&password={NEW_PASSWORD}");
    let (_, headers, _) = send(&app, form("/login", &body, None)).await;
    if location(&headers) != "/account" {
        let page = refused_page(&app, &headers, None).await;
        panic!("the new password did not sign in: sent to {:?}: {page}", location(&headers));
    }
});

db_test!(forgotten_password_resets_through_the_emailed_link, |db: DatabaseConnection| async move {
    let app = router(&db, "http://localhost");
    let session = signed_in(&db, &app, "lee@example.com").await;
    for email in ["lee%40example.com", "nobody%40example.com"] {
        let (status, headers, _) =
            send(&app, form("/forgot-password", &format!("email={email}"), None)).await;
        assert_eq!((status, location(&headers)), (StatusCode::SEE_OTHER, "/forgot-password?sent=1"));
    }
    let (_, _, page) = send(&app, get("/forgot-password?sent=1", None)).await;
    assert!(page.contains("If an account exists for that address"));

    let mail =
        email_outbox::Entity::find().order_by_asc(email_outbox::Column::Id).one(&db).await.unwrap().unwrap();
    let start = mail.body_text.find("/reset-password?token=").unwrap();
    let path = mail.body_text[start..].split_whitespace().next().unwrap().to_string();
    let token = path.split_once("token=").unwrap().1.to_string();
    let (status, _, page) = send(&app, get(&path, None)).await;
    assert!(status == StatusCode::OK && page.contains("Set my new password"));

    let (_, headers, _) =
        send(&app, form("/reset-password", &format!("token={token}&password=password1"), None)).await;
    assert_eq!(location(&headers), format!("/reset-password?token={token}"), "keeps the link");
    assert!(refused_page(&app, &headers, None).await.contains(r#"id="password-error" class="field-error">"#));
    let body = format!("token={token}&password={NEW_PASSWORD}");
    let (_, headers, _) = send(&app, form("/reset-password", &body, None)).await;
    assert_eq!(location(&headers), "/login?reset=1");
    assert!(!is_signed_in(&app, &session).await, "every session ended");
    let (_, headers, _) = send(&app, form("/reset-password", &body, None)).await;
    assert_eq!(location(&headers), "/reset-password");
    assert!(refused_page(&app, &headers, None).await.contains("This link is not valid"));
    let (_, _, page) = send(&app, get(&path, None)).await;
    assert!(page.contains("This link is not valid any more") && !page.contains("Set my new password"));
    assert!(sign_in(&app, "lee@example.com", NEW_PASSWORD).await.is_some());
});

db_test!(email_change_is_confirmed_from_the_new_inbox, |db: DatabaseConnection| async move {
    let app = router(&db, "http://localhost");
    let session = signed_in(&db, &app, "old@example.com").await;
    let body = format!("new_email=new%40example.com&email_password={PASSWORD}");
    let (_, headers, _) = send(&app, form("/account/email", &body, Some(&session))).await;
    assert_eq!(location(&headers), "/account?done=email_change_sent");
    let link = last_link(&db, "/confirm-email-change?token=").await;
    let (_, _, page) = send(&app, get(&link, None)).await;
    assert!(page.contains("Confirm my new email address"));
    assert_eq!(
        app_user::Entity::find().one(&db).await.unwrap().unwrap().email,
        "old@example.com",
        "GET changes nothing"
    );
    let token = link.split_once("token=").unwrap().1;
    let (_, headers, _) =
        send(&app, form("/confirm-email-change", &format!("token={token}"), Some(&session))).await;
    assert_eq!(location(&headers), "/account?done=email_changed");
    let (_, _, page) = send(&app, get("/account", Some(&session))).await;
    assert!(page.contains("new@example.com"));
});

db_test!(export_downloads_json_without_secrets, |db: DatabaseConnection| async move {
    let app = router(&db, "http://localhost");
    let (status, headers, _) = send(&app, form("/account/export.json", "", None)).await;
    assert_eq!((status, location(&headers)), (StatusCode::SEE_OTHER, "/login?next=%2Faccount"));

    let session = signed_in(&db, &app, "jo@example.com").await;
    let (status, headers, body) = send(&app, form("/account/export.json", "", Some(&session))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_DISPOSITION], "attachment; filename=\"bayline-data.json\"");
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["account"]["email"], "jo@example.com");
    assert_eq!(json["account"]["email_verified"], true);
    for list in ["memberships", "organisations_created", "saved_programs", "saved_paths", "invitations_sent"]
    {
        assert!(json[list].as_array().is_some_and(Vec::is_empty), "{list}");
    }
    let events: Vec<&str> =
        json["audit_events"].as_array().unwrap().iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(events, ["sign_in", "data_exported"]);
    let user = app_user::Entity::find().one(&db).await.unwrap().unwrap();
    assert!(
        !body.contains(&user.password_hash) && !body.contains("argon2") && !body.contains("hash"),
        "{body}"
    );
    assert!(!body.contains(session.split_once('=').unwrap().1), "no session token");
});

db_test!(deletion_clears_the_cookie_and_the_account, |db: DatabaseConnection| async move {
    let app = router(&db, "http://localhost");
    let session = signed_in(&db, &app, "gone@example.com").await;
    let (_, headers, _) = send(&app, form("/account/delete", "delete_password=wrong", Some(&session))).await;
    assert_eq!(location(&headers), "/account?form=delete");
    assert!(refused_page(&app, &headers, Some(&session)).await.contains("Password: "));

    let body = format!("delete_password={PASSWORD}");
    let (status, headers, _) = send(&app, form("/account/delete", &body, Some(&session))).await;
    assert_eq!((status, location(&headers)), (StatusCode::SEE_OTHER, "/?done=account_deleted"));
    assert!(headers[header::SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(app_user::Entity::find().count(&db).await.unwrap(), 0);
    assert!(!is_signed_in(&app, &session).await);
    assert!(sign_in(&app, "gone@example.com", PASSWORD).await.is_none());

    let (_, headers, _) = send(&app, form("/account/delete", &body, None)).await;
    assert!(location(&headers).starts_with("/login?next="), "anonymous: sign in first");
});

db_test!(
    times_show_in_the_zone_the_browser_reported_until_one_is_chosen,
    |db: DatabaseConnection| async move {
        let app = router(&db, "http://localhost");
        signed_in(&db, &app, "ash@example.com").await;
        // The page's script stores the browser's zone in a cookie, sent with the sign-in.
        let body = format!("email=ash%40example.com&password={PASSWORD}");
        let (_, headers, _) = send(&app, form("/login", &body, Some("bayline_tz=America%2FDenver"))).await;
        assert_eq!(location(&headers), "/account");
        let session = cookie(&headers);
        let (_, _, page) = send(&app, get("/account", Some(&session))).await;
        assert!(page.contains("Times on Bayline show in <strong>Mountain (Denver)</strong>"), "{page}");

        let (_, headers, _) =
            send(&app, form("/account/time-zone", "time_zone=America%2FChicago", Some(&session))).await;
        assert_eq!(location(&headers), "/account?done=time_zone_saved");
        let (_, _, page) = send(&app, get("/account", Some(&session))).await;
        assert!(page.contains("Times on Bayline show in <strong>Central (Chicago)</strong>"));
        assert!(page.contains(r#"<option value="America/Chicago" selected"#), "the choice is shown chosen");

        let (_, headers, _) =
            send(&app, form("/account/time-zone", "time_zone=Mars%2FOlympus", Some(&session))).await;
        assert_eq!(location(&headers), "/account?form=time_zone", "refused, nothing typed in the address");
        let page = refused_page(&app, &headers, Some(&session)).await;
        assert!(page.contains("Choose a time zone from the list"), "{page}");
    }
);
