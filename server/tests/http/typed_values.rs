//! Nothing a person types goes into a URL: every form route, posted by every role with a
//! SYNTHETIC marker in every field a form of the app has, answers with no `Location` that
//! holds it (browser history, proxy logs and `Referer` headers would keep it). The marker
//! still reaches the forms that keep what was typed, which proves the test sends it where a
//! refusal would echo it (a URL-echoing refusal fails this test: that was the old `back`).
use std::{collections::BTreeSet, path::Path};

use axum::http::{Method, StatusCode};
use sea_orm::DatabaseConnection;
use service::db_test;

use crate::{
    authorization::{ALL, build_world, fresh_session, table},
    support::http::{follow_refusal, form, location, router, send, set_cookie},
};

const MARKER: &str = "qzxsecret";

/// Fields that are part of the page's own address, not something typed: the link's token,
/// where to go after signing in, and what a report is about.
const ADDRESS_FIELDS: &[&str] = &["token", "next", "back", "target", "target_id"];

/// Every field name the app's forms use (`name="…"` in app/src), read from the source so a
/// new form field is covered without editing this test; plus the numbered pay-row fields.
fn form_field_names() -> BTreeSet<String> {
    fn visit(dir: &Path, names: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                visit(&path, names);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for piece in text.split("name=\"").skip(1) {
                    let name: String =
                        piece.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    if !name.is_empty() && piece[name.len()..].starts_with('"') {
                        names.insert(name);
                    }
                }
            }
        }
    }
    let mut names = BTreeSet::new();
    visit(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src"), &mut names);
    for n in 1..=2 {
        for part in ["role", "pay_type", "rate", "flat_hours", "technicians", "experience", "certification"] {
            names.insert(format!("row{n}_{part}"));
        }
    }
    names
}

/// The case's body with every typed field set to the marker, and every other field name of
/// the app's forms added with it.
fn marked(body: &str, names: &BTreeSet<String>) -> String {
    let mut pairs: Vec<(String, String)> = body
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| {
            let typed = !ADDRESS_FIELDS.contains(&k);
            (k.to_string(), if typed { MARKER.to_string() } else { v.to_string() })
        })
        .collect();
    for name in names {
        if !ADDRESS_FIELDS.contains(&name.as_str()) && !pairs.iter().any(|(k, _)| k == name) {
            pairs.push((name.clone(), MARKER.to_string()));
        }
    }
    pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

db_test!(no_form_puts_what_was_typed_in_a_url, |db: DatabaseConnection| async move {
    let (world, actors) = build_world(&db).await;
    let names = form_field_names();
    assert!(names.len() > 60, "the app's form fields were found: {names:?}");
    let app = router(&db, "http://localhost");
    let mut leaked = Vec::new();
    let mut carried = BTreeSet::new();
    let forms =
        table(&world).into_iter().filter(|c| c.method == Method::POST && !c.route.starts_with("/api/"));
    for case in forms {
        for role in ALL {
            let cookie = fresh_session(&db, &actors, *role).await;
            let body = marked(&case.body, &names);
            let (status, headers, _) = send(&app, form(&case.uri, &body, cookie.as_deref())).await;
            assert!(!status.is_server_error(), "{} as {role:?}: {status}", case.uri);
            if location(&headers).to_ascii_lowercase().contains(MARKER) {
                leaked.push(format!("{} as {role:?} → {}", case.uri, location(&headers)));
            }
            if status == StatusCode::SEE_OTHER && set_cookie(&headers, "bayline_refused").is_some() {
                // (A signed-in person sent back to /login is sent on to their account.)
                let (status, page) = follow_refusal(&app, &headers, cookie.as_deref()).await;
                if status == StatusCode::OK && page.contains(MARKER) {
                    carried.insert(case.route.clone());
                }
            }
        }
    }
    assert!(leaked.is_empty(), "typed values in redirect addresses:\n{}", leaked.join("\n"));
    // The control: refused forms that keep what was typed did get the marker back, beside
    // the field, from the server; sign-up, the shop form and the pay form among them.
    for route in ["/signup", "/shops", "/orgs/{id}/pay", "/admin/resources", "/events"] {
        assert!(carried.contains(route), "{route} kept nothing typed; carried: {carried:?}");
    }
});

db_test!(a_refusal_reaches_its_own_browser_on_any_server_and_no_other, |db: DatabaseConnection| async move {
    // Two app servers on one database, as behind a proxy.
    let (first, second) = (router(&db, "http://localhost"), router(&db, "http://localhost"));
    let body = format!("display_name=&email={MARKER}%40example&password=x");
    let (_, headers, _) = send(&first, form("/signup", &body, None)).await;
    assert_eq!(location(&headers), "/signup");
    // Another browser (no cookie) opening the same page sees nothing of it.
    let (_, _, stranger) = send(&second, crate::support::http::get("/signup", None)).await;
    assert!(!stranger.contains(MARKER) && !stranger.contains("There is a problem"), "{stranger}");
    // Its own browser, on the other server, does; once.
    let (status, page) = follow_refusal(&second, &headers, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(MARKER) && page.contains("There is a problem"), "{page}");
    let (_, again) = follow_refusal(&first, &headers, None).await;
    assert!(!again.contains("There is a problem"), "shown once: {again}");
});
