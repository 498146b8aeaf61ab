//! The account forms over HTTP on both databases: sign up → confirm → sign in → account →
//! sign out, with cookie flags, redirects that carry field-named errors, and no state change
//! over GET. People here are SYNTHETIC.

use crate::support::http::{form, get, location, refused_page, router, send};
use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use entity::{app_user, email_outbox};
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};
use service::db_test;

const PASSWORD: &str = "tidal-orchard-copper-lantern";

async fn verification_token(db: &DatabaseConnection) -> String {
    let mail =
        email_outbox::Entity::find().order_by_desc(email_outbox::Column::Id).one(db).await.unwrap().unwrap();
    let start = mail.body_text.find("token=").unwrap() + "token=".len();
    mail.body_text[start..].split_whitespace().next().unwrap().to_string()
}

db_test!(sign_up_confirm_sign_in_and_out, |db: DatabaseConnection| async move {
    let app = router(&db, "http://localhost");
    let (status, headers, _) = send(
        &app,
        form("/signup", &format!("display_name=Kim+Lee&email=kim%40example.com&password={PASSWORD}"), None),
    )
    .await;
    assert_eq!((status, location(&headers)), (StatusCode::SEE_OTHER, "/signup?sent=1"));

    // Opening the emailed link shows a confirmation button and changes nothing.
    let token = verification_token(&db).await;
    let (status, _, page) = send(&app, get(&format!("/verify-email?token={token}"), None)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Confirm my email address"));
    let user = app_user::Entity::find().one(&db).await.unwrap().unwrap();
    assert!(user.email_verified_at.is_none(), "no state change over GET");

    let (_, headers, _) = send(&app, form("/verify-email", &format!("token={token}"), None)).await;
    assert_eq!(location(&headers), "/login?verified=1");

    let (status, headers, _) =
        send(&app, form("/login", &format!("email=KIM%40example.com&password={PASSWORD}"), None)).await;
    assert_eq!((status, location(&headers)), (StatusCode::SEE_OTHER, "/account"));
    let set_cookie = headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().to_string();
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=43200"] {
        assert!(set_cookie.contains(flag), "{flag} missing: {set_cookie}");
    }
    assert!(!set_cookie.contains("Secure"), "plain http in tests");
    let cookie = set_cookie.split(';').next().unwrap().to_string();

    let (status, headers, page) = send(&app, get("/account", Some(&cookie))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("kim@example.com"), "{page}");
    // A personal page is kept by no cache, and says it varies by cookie.
    let header_of = |headers: &header::HeaderMap, name: header::HeaderName| {
        headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(", ")
    };
    assert_eq!(header_of(&headers, header::CACHE_CONTROL), "private, no-store");
    assert!(header_of(&headers, header::VARY).contains("Cookie"));
    for personal in ["/", "/api/my_organisations"] {
        let request = if personal.starts_with("/api/") {
            form(personal, "", Some(&cookie))
        } else {
            get(personal, Some(&cookie))
        };
        let (_, headers, _) = send(&app, request).await;
        assert_eq!(header_of(&headers, header::CACHE_CONTROL), "private, no-store", "{personal}");
    }
    let (_, headers, _) = send(&app, get("/", None)).await;
    assert!(
        !header_of(&headers, header::CACHE_CONTROL).contains("private"),
        "the public page is not personal"
    );
    assert!(header_of(&headers, header::VARY).contains("Cookie"));

    // `next` is followed only to a plain path on this site: control characters (which
    // browsers drop, turning `/\t/evil.example` into `//evil.example`) fall back to /account,
    // never a 500 and never another site.
    for (next, expected) in [
        ("%2Fprograms%3Fzip%3D48201", "/programs?zip=48201"),
        ("%2F%09%2Fevil.example", "/account"),
        ("%2F%7F%2Fevil.example", "/account"),
        ("%2F%01", "/account"),
        ("%2F%0D%0ASet-Cookie%3A+x%3D1", "/account"),
        ("%2F%2Fevil.example", "/account"),
        ("%2F%5Cevil.example", "/account"),
        ("https%3A%2F%2Fevil.example", "/account"),
    ] {
        let body = format!("email=kim%40example.com&password={PASSWORD}&next={next}");
        let (status, headers, _) = send(&app, form("/login", &body, None)).await;
        assert_eq!((status, location(&headers)), (StatusCode::SEE_OTHER, expected), "next={next}");
    }

    let (_, headers, _) = send(&app, form("/logout", "", Some(&cookie))).await;
    assert!(headers.get(header::SET_COOKIE).unwrap().to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(
        headers.get("clear-site-data").and_then(|v| v.to_str().ok()),
        Some("\"cookies\", \"storage\""),
        "signing out clears what the browser kept"
    );
    let (status, headers, _) = send(&app, get("/account", Some(&cookie))).await;
    assert!(status.is_redirection(), "the ended session no longer signs in: {status}");
    assert_eq!(location(&headers), "/login?next=%2Faccount", "and brings them back after");
});

db_test!(bad_input_comes_back_named_without_the_password, |db: DatabaseConnection| async move {
    let app = router(&db, "http://localhost");
    let (_, headers, _) =
        send(&app, form("/signup", "display_name=&email=not-an-email&password=secret-horse", None)).await;
    // Nothing typed goes in the address; the page shows the message beside the field and
    // keeps the email address, never the password.
    assert_eq!(location(&headers), "/signup");
    let page = refused_page(&app, &headers, None).await;
    // Every problem at once: the missing name and the bad address together.
    assert!(
        page.contains(r##"<a href="#display_name">"##) && page.contains(r##"<a href="#email">"##),
        "{page}"
    );
    assert!(page.contains("An email address looks like name@example.com"), "{page}");
    assert!(page.contains(r#"value="not-an-email""#), "{page}");
    assert!(!page.contains("secret-horse"), "the password is never echoed");

    let (_, headers, _) =
        send(&app, form("/signup", "display_name=Lee&email=lee%40example.com&password=password1", None))
            .await;
    assert!(refused_page(&app, &headers, None).await.contains(r##"<a href="#password">"##));

    let (_, headers, _) =
        send(&app, form("/login", &format!("email=nobody%40example.com&password={PASSWORD}"), None)).await;
    assert_eq!(location(&headers), "/login");
    assert!(refused_page(&app, &headers, None).await.contains("The email address or password is not right"));
    assert!(app_user::Entity::find().one(&db).await.unwrap().is_none());
});

db_test!(
    https_sites_use_secure_host_cookies_and_cross_site_posts_fail,
    |db: DatabaseConnection| async move {
        let app = router(&db, "https://bayline.example");
        // A browser on the https site sends its own origin.
        let from = |origin: &str, path: &str, body: String| {
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ORIGIN, origin)
                .header(header::HOST, "bayline.example")
                .body(Body::from(body))
                .unwrap()
        };
        let site = "https://bayline.example";
        send(
            &app,
            from(site, "/signup", format!("display_name=Ana&email=ana%40example.com&password={PASSWORD}")),
        )
        .await;
        let token = verification_token(&db).await;
        send(&app, from(site, "/verify-email", format!("token={token}"))).await;
        // The same host under http, or on another port, is another origin: refused.
        for other in ["http://bayline.example", "https://bayline.example:8443"] {
            let (status, _, _) =
                send(&app, from(other, "/login", format!("email=ana%40example.com&password={PASSWORD}")))
                    .await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{other}");
        }
        let (_, headers, _) =
            send(&app, from(site, "/login", format!("email=ana%40example.com&password={PASSWORD}"))).await;
        let set_cookie = headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
        assert!(set_cookie.starts_with("__Host-bayline_session="), "{set_cookie}");
        assert!(set_cookie.contains("; Secure"));

        let cross_site = Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "cross-site")
            .body(Body::from(format!("email=ana%40example.com&password={PASSWORD}")))
            .unwrap();
        let (status, _, _) = send(&app, cross_site).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
);
