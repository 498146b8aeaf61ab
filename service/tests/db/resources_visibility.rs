//! Who reads the resources library, on both databases. Members-only articles do not exist
//! for anyone but current paying members (whose plan unlocks them) and admins: not listed,
//! not counted, not found by a word only their body contains, not in a category, and their
//! slug answers exactly as an unknown one does — for the public, a signed-in person with no
//! organisation, a member of a shop whose term awaits payment, whose paid term has expired,
//! or whose plan unlocks something else. Search is case-insensitive (Unicode too) and takes
//! `%` and `_` literally; the list is newest first, a page at a time. People and shops are
//! SYNTHETIC; the ZIP centroid is a real GeoNames row. Memberships are made by the real
//! plan, checkout and payment steps (`membership::fixtures`).
use chrono::{DateTime, Duration, Utc};
use domain::{
    billing::Unlock,
    resources::{RESOURCES_PER_PAGE, ResourceQuery, Visibility},
};
use sea_orm::DatabaseConnection;
use service::{
    authz::Actor,
    db_test,
    error::ServiceError,
    membership::{checkout, fixtures::paid_membership, plans},
    resources::{
        read,
        write::{self, ArticleForm},
    },
    testing::{add_real_zips, add_synthetic_user},
};

/// A word that appears only in the members-only article's body.
const SECRET_WORD: &str = "quillback";

fn article(title: &str, visibility: &str, category: &str, body: &str) -> ArticleForm {
    ArticleForm {
        title: title.into(),
        summary: format!("{title} (SYNTHETIC summary)"),
        category: category.into(),
        visibility: visibility.into(),
        body: body.into(),
        publish: "on".into(),
        ..Default::default()
    }
}

fn query(text: Option<&str>) -> ResourceQuery {
    ResourceQuery { text: text.map(str::to_string), category: None, page: 1 }
}

/// A verified SYNTHETIC shop and its owner.
async fn shop(db: &DatabaseConnection, who: &str, admin: Actor) -> (i64, Actor) {
    service::testing::add_verified_shop(db, who, "independent_repair", admin).await
}

/// The owner of a shop with a paid 12-month membership unlocking `unlocks`, paid at `paid`
/// (through the real plan, checkout and payment steps).
async fn paying(
    db: &DatabaseConnection,
    who: &str,
    admin: Actor,
    unlocks: &[Unlock],
    paid: DateTime<Utc>,
) -> Actor {
    let (shop, owner) = shop(db, who, admin).await;
    paid_membership(db, admin.user_id, shop, unlocks, paid).await;
    owner
}

/// The owner of a shop that checked out a plan unlocking the members' resources and has
/// not paid.
async fn unpaid(db: &DatabaseConnection, admin: Actor) -> Actor {
    let (shop, owner) = shop(db, "unpaid", admin).await;
    let plan = plans::PlanForm {
        name: "SYNTHETIC Resources plan".into(),
        audience: "shop".into(),
        price: "1200".into(),
        unlocks: vec![Unlock::MembersResources.slug().into()],
        description: String::new(),
    };
    let plan = plans::create(db, Some(admin), &plan, Utc::now()).await.unwrap();
    service::synthetic::rows::billing_details(db, Some(admin), Utc::now()).await.unwrap();
    checkout::confirm(db, Some(owner), shop, plan, "", "http://localhost", Utc::now()).await.unwrap();
    owner
}

struct Library {
    public_slug: String,
    members_slug: String,
}

async fn library(db: &DatabaseConnection, admin: Actor, now: DateTime<Utc>) -> Library {
    let public_slug = write::create(
        db,
        Some(admin),
        &article("Keeping technicians", "public", "retention", "Pay for training and say thank you."),
        now,
    )
    .await
    .unwrap();
    let members_slug = write::create(
        db,
        Some(admin),
        &article(
            "Partner playbook",
            "members",
            "retention",
            &format!("The {SECRET_WORD} method for retention."),
        ),
        now,
    )
    .await
    .unwrap();
    Library { public_slug, members_slug }
}

/// Everything `actor` can learn about the library at `now`, as (titles listed, total,
/// titles found by the secret word, whether the members' slug opens).
async fn what_they_see(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    library: &Library,
    now: DateTime<Utc>,
) -> (Vec<String>, usize, usize, bool) {
    let all = read::search(db, actor, &query(None), now).await.unwrap();
    let titles = all.results.iter().map(|a| a.title.clone()).collect();
    let found = read::search(db, actor, &query(Some(SECRET_WORD)), now).await.unwrap();
    assert_eq!(found.results.len(), found.total);
    let category =
        ResourceQuery { category: Some(domain::resources::ResourceCategory::Retention), ..query(None) };
    assert_eq!(read::search(db, actor, &category, now).await.unwrap().total, all.total);
    let opens = match read::one(db, actor, &library.members_slug, now).await {
        Ok(_) => true,
        Err(ServiceError::NotFound) => false,
        Err(other) => panic!("{other:?}"),
    };
    (titles, all.total, found.total, opens)
}

db_test!(members_only_articles_do_not_exist_for_non_members, |db: DatabaseConnection| async move {
    let now = Utc::now();
    add_real_zips(&db, &["48201"]).await;
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let library = library(&db, admin, now).await;
    let nobody = add_synthetic_user(&db, "student@example.com", false).await;
    let all = [Unlock::MembersResources];
    let unpaid = unpaid(&db, admin).await;
    let expired = paying(&db, "expired", admin, &all, now - Duration::days(400)).await;
    let other_plan = paying(&db, "filters", admin, &[Unlock::ExchangeFilters], now).await;

    let unknown = read::one(&db, None, "no-such-article", now).await.unwrap_err();
    assert!(matches!(unknown, ServiceError::NotFound));
    for (who, actor) in [
        ("public", None),
        ("no organisation", Some(nobody)),
        ("unpaid", Some(unpaid)),
        ("expired", Some(expired)),
        ("other plan", Some(other_plan)),
    ] {
        let (titles, total, found, opens) = what_they_see(&db, actor, &library, now).await;
        assert_eq!(titles, vec!["Keeping technicians".to_string()], "{who}");
        assert_eq!(total, 1, "{who}: not counted");
        assert_eq!(found, 0, "{who}: not found by a word of its body");
        assert!(!opens, "{who}: its slug answers NotFound");
        let page = read::search(&db, actor, &query(None), now).await.unwrap();
        assert!(!page.members_view && !page.is_admin, "{who}");
        // The public one opens.
        read::one(&db, actor, &library.public_slug, now).await.unwrap();
    }

    // The expired member, on a day inside their paid term, read it then: the dates decide.
    let (_, total, found, opens) =
        what_they_see(&db, Some(expired), &library, now - Duration::days(100)).await;
    assert_eq!((total, found, opens), (2, 1, true), "during the paid term");

    // Admins see everything.
    let (titles, total, found, opens) = what_they_see(&db, Some(admin), &library, now).await;
    assert_eq!(titles, vec!["Partner playbook".to_string(), "Keeping technicians".to_string()]);
    assert_eq!((total, found, opens), (2, 1, true));
});

db_test!(a_current_paying_member_reads_members_only_articles, |db: DatabaseConnection| async move {
    let now = Utc::now();
    add_real_zips(&db, &["48201"]).await;
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let library = library(&db, admin, now).await;
    let member = paying(&db, "paying", admin, &[Unlock::MembersResources], now).await;
    let (titles, total, found, opens) = what_they_see(&db, Some(member), &library, now).await;
    assert_eq!(titles.len(), 2);
    assert_eq!((total, found, opens), (2, 1, true));
    let page = read::search(&db, Some(member), &query(None), now).await.unwrap();
    assert!(page.members_view && !page.is_admin);
    assert_eq!(page.results[0].visibility, Visibility::Members);
    let article = read::one(&db, Some(member), &library.members_slug, now).await.unwrap();
    assert!(!article.editable);
    assert!(article.body_html.contains(SECRET_WORD));
});

db_test!(search_is_case_insensitive_and_literal, |db: DatabaseConnection| async move {
    let now = Utc::now();
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    for (title, body) in [
        ("Brake BAY layout", "Plan the bay."),
        ("Sign-on bonuses", "Offer 50% up front."),
        ("École partnerships", "Work with the ÉCOLE technique."),
        ("Wildcards", "abc and a-c"),
    ] {
        write::create(&db, Some(admin), &article(title, "public", "hiring", body), now).await.unwrap();
    }
    let titles = |text: &'static str| {
        let db = db.clone();
        async move {
            let page = read::search(&db, None, &query(Some(text)), now).await.unwrap();
            page.results.into_iter().map(|a| a.title).collect::<Vec<_>>()
        }
    };
    assert_eq!(titles("bay").await, vec!["Brake BAY layout"]);
    assert_eq!(titles("PLAN THE").await, vec!["Brake BAY layout"]);
    assert_eq!(titles("50%").await, vec!["Sign-on bonuses"]);
    assert_eq!(titles("5%").await, Vec::<String>::new(), "% is not a wildcard");
    assert_eq!(titles("a_c").await, Vec::<String>::new(), "_ is not a wildcard");
    assert_eq!(titles("école").await, vec!["École partnerships"], "Unicode case on both databases");
    assert_eq!(titles("zebra").await, Vec::<String>::new());
    let hiring =
        ResourceQuery { category: Some(domain::resources::ResourceCategory::Training), ..query(None) };
    assert_eq!(read::search(&db, None, &hiring, now).await.unwrap().total, 0);
});

db_test!(newest_first_a_page_at_a_time, |db: DatabaseConnection| async move {
    let start = Utc::now() - Duration::days(60);
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let count = RESOURCES_PER_PAGE + 1;
    for n in 0..count {
        let form = article(&format!("Article number {n}"), "public", "training", "Body.");
        write::create(&db, Some(admin), &form, start + Duration::days(n as i64)).await.unwrap();
    }
    // An unpublished draft: admins see it first; the public never.
    let draft = ArticleForm { publish: String::new(), ..article("Draft", "public", "training", "Body.") };
    write::create(&db, Some(admin), &draft, start).await.unwrap();
    let now = Utc::now();
    let first = read::search(&db, None, &query(None), now).await.unwrap();
    assert_eq!((first.total, first.page_count(), first.results.len()), (count, 2, RESOURCES_PER_PAGE));
    assert_eq!(first.results[0].title, format!("Article number {}", count - 1));
    let second = read::search(&db, None, &ResourceQuery { page: 2, ..query(None) }, now).await.unwrap();
    assert_eq!(second.results.iter().map(|a| a.title.as_str()).collect::<Vec<_>>(), vec!["Article number 0"]);
    let admin_view = read::search(&db, Some(admin), &query(None), now).await.unwrap();
    assert_eq!(admin_view.total, count + 1);
    assert_eq!(admin_view.results[0].title, "Draft");
    assert_eq!(admin_view.results[1].title, format!("Article number {}", count - 1));
});
