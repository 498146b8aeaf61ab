//! The resources library over HTTP on both databases, as browsers and scripts see it.
//! A members-only article does not exist for the public, a signed-in person without a
//! membership, the owner of a shop whose membership awaits payment and the owner of a shop
//! whose paid membership has expired: /resources neither lists nor counts it, a search for
//! a word only its body contains finds nothing, its address answers the same 404 page as an
//! unknown one, and the server functions answer NotFound as for an unknown slug. The owner
//! of a shop with a current paid membership (made by the real plan, checkout and payment
//! steps) reads it, with a Members badge. Admins write through the forms; refusals name
//! their field and store nothing; Markdown is sanitised; unpublishing and deleting work.
//! People and shops are SYNTHETIC; the ZIP centroid is a real GeoNames row.

use crate::support::http::{form, get, location, refused_page, router, send};
use axum::{Router, http::StatusCode};
use chrono::{Duration, Utc};
use domain::billing::Unlock;
use entity::resource_article;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use service::{
    accounts::sessions,
    authz::Actor,
    db_test,
    membership::{checkout, fixtures::paid_membership, plans},
    resources::write::{self, ArticleForm},
    testing::{add_real_zips, add_synthetic_user},
};

const SECRET_WORD: &str = "quillback";
const MEMBERS_TITLE: &str = "Partner playbook";
const PUBLIC_TITLE: &str = "Keeping technicians";

async fn cookie(db: &DatabaseConnection, actor: Actor) -> String {
    let session = sessions::start(db, actor.user_id, Utc::now()).await.unwrap();
    format!("bayline_session={}", session.token)
}

/// A verified SYNTHETIC shop and its owner.
async fn shop(db: &DatabaseConnection, who: &str, admin: Actor) -> (i64, Actor) {
    service::testing::add_verified_shop(db, who, "independent_repair", admin).await
}

fn article(title: &str, visibility: &str, body: &str) -> ArticleForm {
    ArticleForm {
        title: title.into(),
        summary: format!("{title}: the short version (SYNTHETIC)."),
        category: "retention".into(),
        visibility: visibility.into(),
        body: body.into(),
        publish: "on".into(),
        ..Default::default()
    }
}

/// A page's HTML without its per-response CSP nonce, so two answers can be compared.
async fn page(router: &Router, path: &str, cookie: Option<&str>) -> (StatusCode, String) {
    let (status, headers, body) = send(router, get(path, cookie)).await;
    let policy = headers.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let nonce = policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).unwrap_or_default();
    (status, if nonce.is_empty() { body } else { body.replace(nonce, "NONCE") })
}

/// A server function called as a script would.
async fn call(router: &Router, endpoint: &str, body: &str, cookie: Option<&str>) -> String {
    send(router, form(&format!("/api/{endpoint}"), body, cookie)).await.2
}

db_test!(members_only_articles_exist_only_for_paying_members, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let now = Utc::now();
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let body = format!("The {SECRET_WORD} method for keeping technicians.");
    let members_slug =
        write::create(&db, Some(admin), &article(MEMBERS_TITLE, "members", &body), now).await.unwrap();
    write::create(&db, Some(admin), &article(PUBLIC_TITLE, "public", "Say thank you."), now).await.unwrap();

    let nobody = add_synthetic_user(&db, "student@example.com", false).await;
    // Checked out, never paid.
    let (unpaid_shop, unpaid) = shop(&db, "unpaid", admin).await;
    let plan = plans::PlanForm {
        name: "SYNTHETIC Resources plan".into(),
        audience: "shop".into(),
        price: "1200".into(),
        unlocks: vec![Unlock::MembersResources.slug().into()],
        description: String::new(),
    };
    let plan = plans::create(&db, Some(admin), &plan, now).await.unwrap();
    service::synthetic::rows::billing_details(&db, Some(admin), now).await.unwrap();
    checkout::confirm(&db, Some(unpaid), unpaid_shop, plan, "", "http://localhost", now).await.unwrap();
    // Paid 400 days ago for 12 months: expired.
    let (expired_shop, expired) = shop(&db, "expired", admin).await;
    paid_membership(&db, admin.user_id, expired_shop, &[Unlock::MembersResources], now - Duration::days(400))
        .await;
    // Paid today.
    let (paying_shop, paying) = shop(&db, "paying", admin).await;
    paid_membership(&db, admin.user_id, paying_shop, &[Unlock::MembersResources], now).await;

    let router = router(&db, "http://localhost");
    let (status, unknown_page) = page(&router, "/resources/no-such-article", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let unknown_json = call(&router, "resource_article", "slug=no-such-article", None).await;
    assert!(unknown_json.contains("NotFound"), "{unknown_json}");

    for (who, actor) in [
        ("public", None),
        ("no membership", Some(nobody)),
        ("unpaid", Some(unpaid)),
        ("expired", Some(expired)),
    ] {
        let cookie = match actor {
            Some(actor) => Some(cookie(&db, actor).await),
            None => None,
        };
        let cookie = cookie.as_deref();
        let (status, list) = page(&router, "/resources", cookie).await;
        assert_eq!(status, StatusCode::OK, "{who}");
        assert!(list.contains(PUBLIC_TITLE), "{who}");
        assert!(!list.contains(MEMBERS_TITLE) && !list.contains(&members_slug), "{who}: listed");
        assert!(list.contains("1 article<"), "{who}: counted");
        assert!(list.contains("href=\"/membership\""), "{who}: the general note on membership");
        assert!(!list.contains(">Members</span>"), "{who}");

        let (status, found) = page(&router, &format!("/resources?q={SECRET_WORD}"), cookie).await;
        assert_eq!(status, StatusCode::OK, "{who}");
        assert!(found.contains(&format!("No articles match “{SECRET_WORD}”")), "{who}: {found}");
        assert!(!found.contains(MEMBERS_TITLE), "{who}");

        let (status, direct) = page(&router, &format!("/resources/{members_slug}"), cookie).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{who}");
        assert!(!direct.contains(MEMBERS_TITLE) && !direct.contains(SECRET_WORD), "{who}");
        if actor.is_none() {
            // Byte for byte the unknown address's page (but for the nonce).
            assert_eq!(direct, unknown_page, "{who}: the page reveals the article exists");
        } else {
            let (_, unknown) = page(&router, "/resources/no-such-article", cookie).await;
            assert_eq!(direct, unknown, "{who}: the page reveals the article exists");
        }

        let json = call(&router, "resource_article", &format!("slug={members_slug}"), cookie).await;
        let unknown = call(&router, "resource_article", "slug=no-such-article", cookie).await;
        assert_eq!(json, unknown, "{who}");
        let searched = call(&router, "search_resources", &format!("params[q]={SECRET_WORD}"), cookie).await;
        assert!(searched.contains("\"total\":0") && !searched.contains(MEMBERS_TITLE), "{who}: {searched}");
        let listed = call(&router, "search_resources", "params[q]=", cookie).await;
        assert!(listed.contains("\"total\":1") && !listed.contains(MEMBERS_TITLE), "{who}: {listed}");
    }

    // The paying member reads it, badged, and finds it by its body.
    let member = cookie(&db, paying).await;
    let (_, list) = page(&router, "/resources", Some(&member)).await;
    assert!(list.contains(MEMBERS_TITLE) && list.contains("2 articles<"), "{list}");
    assert!(list.contains(">Members</span>"));
    assert!(!list.contains("href=\"/membership\">About membership"), "members are not told to join");
    let (_, found) =
        page(&router, &format!("/resources?q={}", SECRET_WORD.to_uppercase()), Some(&member)).await;
    assert!(found.contains(MEMBERS_TITLE) && found.contains("1 article<"), "{found}");
    let (status, direct) = page(&router, &format!("/resources/{members_slug}"), Some(&member)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(direct.contains(SECRET_WORD) && direct.contains(">Members</span>"));
    assert!(!direct.contains("Edit this article"), "members do not edit");
});

db_test!(admins_write_through_the_forms, |db: DatabaseConnection| async move {
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let person = add_synthetic_user(&db, "tech@shop.example.com", false).await;
    let router = router(&db, "http://localhost");
    let (admin_cookie, person_cookie) = (cookie(&db, admin).await, cookie(&db, person).await);
    let count = || async { resource_article::Entity::find().count(&db).await.unwrap() };
    let good = "title=Hiring+your+first+apprentice&summary=Start+small.&category=hiring&visibility=public\
                &publish=on&body=Pay+**fairly**.%0A%0A%3Cscript%3Ealert(1)%3C%2Fscript%3E%0A%0A%5Bx%5D(javascript%3Aalert(2))";

    let (status, headers, _) = send(&router, form("/admin/resources", good, None)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location(&headers).starts_with("/login?next="));
    let (status, _, _) = send(&router, form("/admin/resources", good, Some(&person_cookie))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(count().await, 0);

    let (status, headers, _) = send(&router, form("/admin/resources", good, Some(&admin_cookie))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/resources/hiring-your-first-apprentice?done=saved");
    let (status, html) = page(&router, "/resources/hiring-your-first-apprentice", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<strong>fairly</strong>"));
    assert!(!html.contains("alert(1)") && !html.contains("javascript:"), "{html}");
    assert!(html.contains("Hiring · Published "), "the published date is shown");

    // Refusals name the field, keep what was typed, and store nothing.
    for (body, field) in [
        (good.to_string(), "slug"),
        (good.replace("title=Hiring+your+first+apprentice", "title="), "title"),
        (good.replace("category=hiring", "category=astrology"), "category"),
        (good.replace("visibility=public", "visibility=secret"), "visibility"),
        (format!("{good}{}", "x".repeat(20_000)), "body"),
    ] {
        let (status, headers, _) = send(&router, form("/admin/resources", &body, Some(&admin_cookie))).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{field}");
        assert_eq!(location(&headers), "/admin/resources", "{field}");
        let refused = refused_page(&router, &headers, Some(&admin_cookie)).await;
        assert!(refused.contains(&format!(r##"<a href="#{field}">"##)), "{field}: {refused}");
    }
    assert_eq!(count().await, 1);
    let (_, headers, _) = send(&router, form("/admin/resources", good, Some(&admin_cookie))).await;
    let refused = refused_page(&router, &headers, Some(&admin_cookie)).await;
    assert!(refused.contains("Another article already has this address"), "{refused}");
    assert!(refused.contains("value=\"Hiring your first apprentice\""), "what was typed is kept");
    // However long, the article's text comes back with the refusal (it never was in the URL).
    let long = format!("{good}{}", "y".repeat(600));
    let (_, headers, _) = send(&router, form("/admin/resources", &long, Some(&admin_cookie))).await;
    let refused = refused_page(&router, &headers, Some(&admin_cookie)).await;
    assert!(refused.contains(&"y".repeat(600)), "{refused}");

    // Editing moves it to a new address and can make it members-only: its old address and
    // the new one then both answer the public with the not-found page.
    let id = resource_article::Entity::find().one(&db).await.unwrap().unwrap().id;
    let edited = good
        .replace("title=Hiring+your+first+apprentice", "title=Hiring+apprentices&slug=hiring-apprentices");
    let (_, headers, _) =
        send(&router, form(&format!("/admin/resources/{id}"), &edited, Some(&admin_cookie))).await;
    assert_eq!(location(&headers), format!("/admin/resources/{id}?done=saved"));
    assert_eq!(page(&router, "/resources/hiring-your-first-apprentice", None).await.0, StatusCode::NOT_FOUND);
    let (status, html) = page(&router, "/resources/hiring-apprentices", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Hiring apprentices"));
    let members_only = edited.replace("visibility=public", "visibility=members");
    send(&router, form(&format!("/admin/resources/{id}"), &members_only, Some(&admin_cookie))).await;
    assert_eq!(page(&router, "/resources/hiring-apprentices", None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(page(&router, "/resources/hiring-apprentices", Some(&admin_cookie)).await.0, StatusCode::OK);
    send(&router, form(&format!("/admin/resources/{id}"), &edited, Some(&admin_cookie))).await;

    // Unpublish: the public gets the not-found page; delete needs the tick.
    let publish = format!("/admin/resources/{id}/publish");
    let (_, headers, _) = send(&router, form(&publish, "published=no", Some(&admin_cookie))).await;
    assert_eq!(location(&headers), format!("/admin/resources/{id}?done=unpublished"));
    assert_eq!(page(&router, "/resources/hiring-apprentices", None).await.0, StatusCode::NOT_FOUND);
    let (status, edit) = page(&router, &format!("/admin/resources/{id}"), Some(&admin_cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(edit.contains("Unpublished") && edit.contains(">Publish</button>"), "{edit}");
    let delete = format!("/admin/resources/{id}/delete");
    let (_, headers, _) = send(&router, form(&delete, "", Some(&admin_cookie))).await;
    assert_eq!(location(&headers), format!("/admin/resources/{id}"));
    assert!(refused_page(&router, &headers, Some(&admin_cookie)).await.contains(r##"<a href="#confirm">"##));
    assert_eq!(count().await, 1);
    let (_, headers, _) = send(&router, form(&delete, "confirm=yes", Some(&admin_cookie))).await;
    assert_eq!(location(&headers), "/admin/resources?done=deleted");
    assert_eq!(count().await, 0);
});

db_test!(bad_search_input_is_explained, |db: DatabaseConnection| async move {
    let router = router(&db, "http://localhost");
    for (path, words) in [
        ("/resources?category=astrology", "choose a category from the list"),
        ("/resources?page=0", "a page is a whole number from 1"),
        ("/resources?q=brakes&category=training", "No articles match “brakes”"),
        ("/resources?page=7", "There are fewer pages"),
        ("/resources", "No articles yet."),
    ] {
        let (status, html) = page(&router, path, None).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(html.contains(words), "{path}: {html}");
    }
    let (_, html) = page(&router, "/resources?q=brakes", None).await;
    assert!(html.contains("href=\"/resources\">see every article"), "a way back from an empty search");
});

/// Stored text that closes its `<textarea>` must come back as text inside the field: the
/// article editor once let one admin's body redirect any admin who opened it.
const CLOSES_THE_FIELD: &str =
    r#"</textarea><meta http-equiv="refresh" content="0;url=http://evil.example">"#;

fn urlencoded(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

db_test!(an_article_body_that_closes_its_field_stays_inside_it, |db: DatabaseConnection| async move {
    let router = router(&db, "http://localhost");
    let admin = add_synthetic_user(&db, "synthetic.admin@example.com", true).await;
    let session = service::accounts::sessions::start(&db, admin.user_id, Utc::now()).await.unwrap();
    let admin_cookie = format!("bayline_session={}", session.token);
    let body = format!(
        "title=Escaping+test&summary=Summary+text.&category=hiring&visibility=public&body={}",
        urlencoded(CLOSES_THE_FIELD)
    );
    let (status, _, _) = send(&router, form("/admin/resources", &body, Some(&admin_cookie))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let id = resource_article::Entity::find().one(&db).await.unwrap().unwrap().id;
    let (status, edit) = page(&router, &format!("/admin/resources/{id}"), Some(&admin_cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!edit.contains(r#"<meta http-equiv="refresh""#), "the stored text ran as markup: {edit}");
    assert!(edit.contains(r#"&lt;/textarea>&lt;meta http-equiv="refresh""#), "{edit}");
    // The same for text brought back after a refusal (an empty title).
    let (_, headers, _) = send(
        &router,
        form("/admin/resources", &body.replace("title=Escaping+test", "title="), Some(&admin_cookie)),
    )
    .await;
    let again = refused_page(&router, &headers, Some(&admin_cookie)).await;
    assert!(again.contains(r#"&lt;/textarea>&lt;meta http-equiv="refresh""#), "{again}");
    assert!(!again.contains(r#"<meta http-equiv="refresh""#), "{again}");
});
