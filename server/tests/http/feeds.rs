//! The Atom feeds over HTTP on both databases, read with a real XML parser: the elements
//! RFC 4287 requires, the newest first and at most fifty, ids that stay the same, exactly
//! the results the page lists for the same filters (needs and openings of another kind,
//! hidden, closed, of a suspended organisation or too far away are in neither), and a 400
//! naming the parameter for input to correct. Schools, shops, people, needs and openings
//! are SYNTHETIC; ZIP centroids are the real GeoNames rows.
use std::collections::BTreeSet;

use axum::{
    Router,
    http::{StatusCode, header},
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::DatabaseConnection;
use service::{
    Ctx,
    authz::Actor,
    db_test,
    moderation::actions,
    needs::{self, create::NeedForm},
    openings::{self, post::OpeningForm},
    orgs::{create::SchoolProgramForm, verification},
    testing::{add_real_zips, add_synthetic_user, add_verified_shop},
};

use crate::support::http::{get, router, send};

const SITE: &str = "http://localhost";
const ATOM: &str = "http://www.w3.org/2005/Atom";
/// Detroit (the search's origin), two more Detroit codes within a few miles, and Grand
/// Rapids, about 130 miles away.
const ZIPS: [&str; 4] = ["48201", "48226", "48202", "49503"];
/// A title with every character XML escapes that a title may hold (forms refuse `<` and
/// `>`; the writer's unit test covers those).
const AWKWARD_TITLE: &str = "Brakes & \"alignment\" hosts' day (SYNTHETIC)";

/// A feed as a reader sees it.
#[derive(Debug)]
struct Feed {
    id: String,
    title: String,
    self_href: String,
    page_href: String,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    id: String,
    title: String,
    published: DateTime<Utc>,
    updated: DateTime<Utc>,
    href: String,
    summary: String,
}

impl Feed {
    /// The ids of the records the entries link to, in feed order.
    fn record_ids(&self) -> Vec<i64> {
        self.entries.iter().map(|e| e.href.rsplit('/').next().unwrap().parse().unwrap()).collect()
    }
}

/// Parses an Atom document, failing on anything RFC 4287 requires that is missing and on
/// any element outside the Atom namespace.
fn parse(xml: &str) -> Feed {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not well-formed XML ({e}): {xml}"));
    let root = doc.root_element();
    assert!(root.has_tag_name((ATOM, "feed")), "the root is Atom's feed: {xml}");
    for node in root.descendants().filter(|n| n.is_element()) {
        assert_eq!(node.tag_name().namespace(), Some(ATOM), "{:?} is outside the Atom namespace", node);
    }
    let child = |node: roxmltree::Node, name: &str| {
        let found: Vec<_> = node.children().filter(|n| n.has_tag_name((ATOM, name))).collect();
        assert_eq!(found.len(), 1, "one atom:{name} in {:?}", node.tag_name().name());
        found[0].text().unwrap_or_default().to_string()
    };
    let time = |node: roxmltree::Node, name: &str| {
        DateTime::parse_from_rfc3339(&child(node, name))
            .unwrap_or_else(|e| panic!("atom:{name} is not RFC 3339: {e}"))
            .with_timezone(&Utc)
    };
    let link = |node: roxmltree::Node, rel: &str| {
        let links: Vec<_> = node
            .children()
            .filter(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel").unwrap_or("alternate") == rel)
            .collect();
        assert_eq!(links.len(), 1, "one link rel={rel}");
        links[0].attribute("href").expect("a link has an href").to_string()
    };
    let author = root.children().find(|n| n.has_tag_name((ATOM, "author"))).expect("the feed has an author");
    assert_eq!(child(author, "name"), "Bayline");
    time(root, "updated");
    let entries = root
        .children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .map(|entry| {
            let summary = entry
                .children()
                .find(|n| n.has_tag_name((ATOM, "summary")) || n.has_tag_name((ATOM, "content")))
                .expect("an entry has a summary or content");
            assert_eq!(summary.attribute("type").unwrap_or("text"), "text");
            Entry {
                id: child(entry, "id"),
                title: child(entry, "title"),
                published: time(entry, "published"),
                updated: time(entry, "updated"),
                href: link(entry, "alternate"),
                summary: summary.text().unwrap_or_default().to_string(),
            }
        })
        .collect();
    Feed {
        id: child(root, "id"),
        title: child(root, "title"),
        self_href: link(root, "self"),
        page_href: link(root, "alternate"),
        entries,
    }
}

/// GET a feed: it answers 200 as Atom, public, and parses.
async fn fetch(app: &Router, path: &str) -> Feed {
    let (status, headers, body) = send(app, get(path, None)).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    assert_eq!(headers[header::CONTENT_TYPE], "application/atom+xml; charset=utf-8");
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    parse(&body)
}

/// The ids a finder page lists (`data-need-id` / `data-opening-id` on its items).
async fn listed(app: &Router, path: &str, attribute: &str) -> BTreeSet<i64> {
    let (status, _, html) = send(app, get(path, None)).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    let marker = format!("{attribute}=\"");
    html.split(&marker).skip(1).map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap()).collect()
}

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).format("%Y-%m-%d").to_string()
}

fn need_form(kind: &str, title: &str) -> NeedForm {
    NeedForm {
        kind: kind.into(),
        title: title.into(),
        students: "2".into(),
        starts_on: day(14),
        ends_on: day(60),
        paid: "paid".into(),
        ..Default::default()
    }
}

/// A high-school program at a real ZIP centroid, verified by `admin`, with `instructor` as
/// its owner.
async fn school(db: &DatabaseConnection, instructor: Actor, admin: Actor, name: &str, zip: &str) -> i64 {
    let form = SchoolProgramForm {
        name: format!("{name} (SYNTHETIC)"),
        city: if zip == "49503" { "Grand Rapids" } else { "Detroit" }.into(),
        state: "MI".into(),
        zip: zip.into(),
        kinds: vec!["auto".into()],
        ..Default::default()
    };
    let id =
        service::orgs::create::add_school_program(db, Some(instructor), &form, Utc::now()).await.unwrap().id;
    verification::verify(db, Some(admin), id, SITE, Utc::now()).await.unwrap();
    id
}

async fn post_need(
    db: &DatabaseConnection,
    who: Actor,
    org: i64,
    kind: &str,
    title: &str,
    at: DateTime<Utc>,
) -> i64 {
    needs::create::create(db, Some(who), org, &need_form(kind, title), at).await.unwrap()
}

db_test!(a_needs_feed_lists_what_its_page_lists_newest_first, |db: DatabaseConnection| async move {
    add_real_zips(&db, &ZIPS).await;
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let teacher = add_synthetic_user(&db, "teacher@school.example.com", false).await;
    let near = school(&db, teacher, admin, "Cass Auto Program", "48202").await;
    let suspended = school(&db, teacher, admin, "Eastside Auto Program", "48226").await;
    let far = school(&db, teacher, admin, "Grand Rapids Auto Program", "49503").await;
    let base = Utc::now() - Duration::hours(1);
    // Posted in this order, but dated so that the second is the newest: the feed orders by
    // the time posted, not by id.
    let first = post_need(&db, teacher, near, "internship_hosts", AWKWARD_TITLE, base).await;
    let newest = post_need(
        &db,
        teacher,
        near,
        "internship_hosts",
        "Summer hosts (SYNTHETIC)",
        base + Duration::minutes(5),
    )
    .await;
    let oldest = post_need(
        &db,
        teacher,
        near,
        "internship_hosts",
        "Spring hosts (SYNTHETIC)",
        base - Duration::minutes(5),
    )
    .await;
    let other_kind = post_need(&db, teacher, near, "guest_speaker", "Speaker (SYNTHETIC)", base).await;
    let hidden = post_need(&db, teacher, near, "internship_hosts", "Hidden hosts (SYNTHETIC)", base).await;
    actions::hide(&db, Some(admin), "need", &hidden.to_string(), SITE, Utc::now()).await.unwrap();
    let filled = post_need(&db, teacher, near, "internship_hosts", "Filled hosts (SYNTHETIC)", base).await;
    needs::status::set_status(&db, Some(teacher), filled, "filled", Utc::now()).await.unwrap();
    let of_suspended =
        post_need(&db, teacher, suspended, "internship_hosts", "Suspended hosts (SYNTHETIC)", base).await;
    let ctx = Ctx::new(Some(admin), SITE, Utc::now());
    actions::suspend(&db, &ctx, suspended, "SYNTHETIC reason", None).await.unwrap();
    let too_far = post_need(&db, teacher, far, "internship_hosts", "Far hosts (SYNTHETIC)", base).await;

    let app = router(&db, SITE);
    let feed = fetch(&app, "/needs.atom?zip=48201&radius=50&kind=internship_hosts").await;
    assert_eq!(feed.record_ids(), vec![newest, first, oldest], "newest first: {feed:#?}");
    let page = listed(&app, "/needs?zip=48201&radius=50&kind=internship_hosts", "data-need-id").await;
    assert_eq!(feed.record_ids().into_iter().collect::<BTreeSet<_>>(), page, "the feed is the page's search");
    for absent in [other_kind, hidden, filled, of_suspended, too_far] {
        assert!(!page.contains(&absent), "{absent} is on the page");
    }
    // Without the kind, the other kind is in both; widened, the far one too.
    let any_kind = fetch(&app, "/needs.atom?zip=48201&radius=50").await.record_ids();
    assert_eq!(
        any_kind.iter().copied().collect::<BTreeSet<_>>(),
        listed(&app, "/needs?zip=48201", "data-need-id").await
    );
    assert!(any_kind.contains(&other_kind) && !any_kind.contains(&too_far));
    assert!(fetch(&app, "/needs.atom?zip=48201&radius=200").await.record_ids().contains(&too_far));

    // The feed and its entries say what they are and where they live.
    let kind = domain::needs::NeedKind::InternshipHosts.label();
    assert_eq!(
        feed.title,
        format!("Open needs ({kind}) within 50 miles of ZIP 48201 (Detroit, MI) · Bayline")
    );
    assert_eq!(feed.self_href, format!("{SITE}/needs.atom?zip=48201&radius=50&kind=internship_hosts"));
    assert_eq!(feed.page_href, format!("{SITE}/needs?zip=48201&radius=50&kind=internship_hosts"));
    assert_eq!(feed.id, feed.self_href);
    let awkward = feed.entries.iter().find(|e| e.href == format!("{SITE}/needs/{first}")).unwrap();
    assert_eq!(awkward.title, AWKWARD_TITLE, "escaped on the way out, the same text on the way in");
    assert_eq!(awkward.id, format!("{SITE}/needs/{first}"));
    assert_eq!(awkward.published.timestamp(), base.timestamp());
    assert!(awkward.updated >= awkward.published);
    assert!(
        awkward.summary.starts_with("Cass Auto Program (SYNTHETIC), Detroit, MI · "),
        "{}",
        awkward.summary
    );
    assert!(awkward.summary.contains(" mi from ZIP 48201 (Detroit, MI) · "), "{}", awkward.summary);
    assert!(awkward.summary.contains(kind), "{}", awkward.summary);

    // The same search asked again, or with the default radius left out, is the same feed
    // with the same entry ids; the page number belongs to the page and is ignored.
    let again = fetch(&app, "/needs.atom?kind=internship_hosts&zip=48201&page=7").await;
    assert_eq!(again.id, feed.id);
    assert_eq!(
        again.entries.iter().map(|e| &e.id).collect::<Vec<_>>(),
        feed.entries.iter().map(|e| &e.id).collect::<Vec<_>>()
    );
});

db_test!(a_feed_holds_the_fifty_newest, |db: DatabaseConnection| async move {
    add_real_zips(&db, &ZIPS).await;
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let teacher = add_synthetic_user(&db, "teacher@school.example.com", false).await;
    let base = Utc::now() - Duration::hours(2);
    let mut posted: Vec<(DateTime<Utc>, i64)> = Vec::new();
    // Three programs (a program may post 20 needs a day), 51 needs, each a minute apart
    // in an order unlike the ids'.
    for (n, zip) in ["48201", "48226", "48202"].into_iter().enumerate() {
        let program = school(&db, teacher, admin, &format!("Program {n}"), zip).await;
        for i in 0..17 {
            let at = base + Duration::minutes(((i * 7 + n as i64 * 3) % 51) * 2);
            let id =
                post_need(&db, teacher, program, "shop_tour", &format!("Tour {n}-{i} (SYNTHETIC)"), at).await;
            posted.push((at, id));
        }
    }
    posted.sort_by(|a, b| b.cmp(a));
    let app = router(&db, SITE);
    let feed = fetch(&app, "/needs.atom?zip=48201").await;
    assert_eq!(feed.entries.len(), 50);
    assert_eq!(feed.record_ids(), posted[..50].iter().map(|(_, id)| *id).collect::<Vec<_>>());
    assert!(feed.entries.windows(2).all(|w| w[0].published >= w[1].published));
});

db_test!(an_openings_feed_lists_what_its_page_lists, |db: DatabaseConnection| async move {
    add_real_zips(&db, &ZIPS).await;
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let (shop, owner) = add_verified_shop(&db, "feeds", "independent_repair", admin).await;
    let (other_shop, other_owner) = add_verified_shop(&db, "suspended", "dealership", admin).await;
    let base = Utc::now() - Duration::hours(1);
    let post = |who: Actor, shop: i64, kind: &'static str, zip: &'static str, minutes: i64| {
        let db = db.clone();
        async move {
            let form = OpeningForm {
                kind: kind.into(),
                title: format!("Brake tech {kind} {zip} (SYNTHETIC)"),
                pay_min: "18".into(),
                pay_max: "22.50".into(),
                pay_period: "hourly".into(),
                schedule: "part_time".into(),
                zip: zip.into(),
                ..Default::default()
            };
            openings::post::create(&db, Some(who), shop, &form, base + Duration::minutes(minutes))
                .await
                .unwrap()
        }
    };
    // Posted in this order but dated the other way: the feed orders by the time posted.
    let newer = post(owner, shop, "apprenticeship", "48202", 10).await;
    let older = post(owner, shop, "apprenticeship", "48226", 0).await;
    let other_kind = post(owner, shop, "internship", "48226", 20).await;
    let hidden = post(owner, shop, "apprenticeship", "48226", 30).await;
    actions::hide(&db, Some(admin), "opening", &hidden.to_string(), SITE, Utc::now()).await.unwrap();
    let closed = post(owner, shop, "apprenticeship", "48226", 40).await;
    openings::post::set_status(&db, Some(owner), closed, "closed", Utc::now()).await.unwrap();
    let too_far = post(owner, shop, "apprenticeship", "49503", 50).await;
    let of_suspended = post(other_owner, other_shop, "apprenticeship", "48226", 60).await;
    let ctx = Ctx::new(Some(admin), SITE, Utc::now());
    actions::suspend(&db, &ctx, other_shop, "SYNTHETIC reason", None).await.unwrap();

    let app = router(&db, SITE);
    let feed = fetch(&app, "/openings.atom?zip=48201&kind=apprenticeship").await;
    assert_eq!(feed.record_ids(), vec![newer, older]);
    let page = listed(&app, "/openings?zip=48201&kind=apprenticeship", "data-opening-id").await;
    assert_eq!(feed.record_ids().into_iter().collect::<BTreeSet<_>>(), page);
    for absent in [other_kind, hidden, closed, too_far, of_suspended] {
        assert!(!page.contains(&absent), "{absent} is on the page");
    }
    // The openings finder's default radius (25 miles) is spelled out in the feed's id.
    assert_eq!(feed.id, format!("{SITE}/openings.atom?zip=48201&radius=25&kind=apprenticeship"));
    assert_eq!(feed.page_href, format!("{SITE}/openings?zip=48201&radius=25&kind=apprenticeship"));
    let entry = &feed.entries[0];
    assert_eq!(entry.href, format!("{SITE}/openings/{newer}"));
    assert!(entry.summary.starts_with("Synthetic feeds Garage, Detroit, MI 48202 · "), "{}", entry.summary);
    assert!(entry.summary.contains("$18–$22.50 per hour"), "{}", entry.summary);
    let again = fetch(&app, "/openings.atom?zip=48201&kind=apprenticeship&radius=25").await;
    assert_eq!(again.entries, feed.entries, "the same feed, entry for entry");
});

db_test!(bad_input_is_a_400_naming_the_parameter, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let app = router(&db, SITE);
    for (path, starts) in [
        ("/needs.atom", "zip: "),
        ("/openings.atom?radius=10", "zip: "),
        ("/needs.atom?zip=", "zip: "),
        ("/needs.atom?zip=482", "zip: a ZIP code has five digits"),
        ("/needs.atom?zip=00000", "zip: we do not know the ZIP code 00000"),
        ("/needs.atom?zip=48201&radius=0", "radius: '0' is not a radius"),
        ("/openings.atom?zip=48201&radius=wide", "radius: 'wide' is not a radius"),
        ("/needs.atom?zip=48201&kind=astronaut", "kind: "),
        // A kind of the other finder is not a kind of this one.
        ("/openings.atom?zip=48201&kind=internship_hosts", "kind: "),
    ] {
        let (status, headers, body) = send(&app, get(path, None)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        assert!(body.starts_with(starts), "{path}: {body}");
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain"), "{path}");
    }
    // The page number is the page's: a feed ignores it, even one the page would refuse.
    let (status, _, _) = send(&app, get("/needs.atom?zip=48201&page=x", None)).await;
    assert_eq!(status, StatusCode::OK);
    // The words are the page's own.
    let (_, _, page) = send(&app, get("/needs?zip=00000", None)).await;
    assert!(page.contains("we do not know the ZIP code 00000; check it and try again"), "{page}");
});

/// The opening tags `<{name} …>` in `html` that carry `attribute`, with `&amp;` read back
/// as `&`.
fn tags_with(html: &str, name: &str, attribute: &str) -> Vec<String> {
    html.split(&format!("<{name} "))
        .skip(1)
        .map(|rest| rest[..rest.find('>').unwrap()].replace("&amp;", "&"))
        .filter(|tag| tag.contains(attribute))
        .collect()
}

db_test!(a_finder_page_announces_its_feed_once_the_search_is_valid, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let app = router(&db, SITE);
    let (_, _, page) = send(&app, get("/needs?zip=48201&radius=25&kind=guest_speaker&page=2", None)).await;
    let head = &page[..page.find("</head>").expect("a head")];
    let feed = "/needs.atom?zip=48201&radius=25&kind=guest_speaker";
    let alternates = tags_with(head, "link", r#"rel="alternate""#);
    assert_eq!(alternates.len(), 1, "{head}");
    let guest_speaker = domain::needs::NeedKind::GuestSpeaker.label();
    for attribute in [
        format!(r#"href="{feed}""#),
        r#"type="application/atom+xml""#.to_string(),
        format!(r#"title="Open needs ({guest_speaker}) within 25 miles of ZIP 48201 (Detroit, MI)""#),
    ] {
        assert!(alternates[0].contains(&attribute), "{attribute} not in {}", alternates[0]);
    }
    let body = &page[page.find("</head>").unwrap()..];
    let links = tags_with(body, "a", &format!(r#"href="{feed}""#));
    assert_eq!(links.len(), 1, "{body}");
    assert!(body.contains("Follow these results (Atom feed)"), "{body}");
    let (_, _, page) = send(&app, get("/openings?zip=48201", None)).await;
    assert_eq!(tags_with(&page, "link", r#"href="/openings.atom?zip=48201""#).len(), 1, "{page}");
    // Before a search, or with input to correct, there is nothing to follow.
    for path in ["/needs", "/needs?zip=482", "/openings?zip=48201&radius=0"] {
        let (_, _, page) = send(&app, get(path, None)).await;
        assert!(!page.contains(".atom"), "{path}: {page}");
    }
});
