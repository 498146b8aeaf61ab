//! The resources library's authoring on both databases: only admins write; every bad field
//! is refused by name with nothing stored (empty title, bad or duplicate slug, unknown
//! category or visibility, empty or too long body); Markdown is rendered and sanitised;
//! a replayed form creates one article; unpublishing hides and deleting removes.
//! People are SYNTHETIC.
use chrono::{Duration, Utc};
use entity::resource_article;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use service::{
    db_test,
    error::ServiceError,
    resources::{
        read,
        write::{self, ArticleForm, MAX_BODY},
    },
    testing::add_synthetic_user,
};

fn form(title: &str) -> ArticleForm {
    ArticleForm {
        title: title.into(),
        summary: "What a first-year technician needs from the shop (SYNTHETIC).".into(),
        category: "retention".into(),
        visibility: "public".into(),
        body: "Pair every new tech with a **mentor**.".into(),
        publish: "on".into(),
        ..Default::default()
    }
}

async fn articles(db: &DatabaseConnection) -> u64 {
    resource_article::Entity::find().count(db).await.unwrap()
}

/// The first field a refusal names (the one the form shows first).
fn field_of(error: ServiceError) -> &'static str {
    match error.problems().first() {
        Some(problem) => problem.field,
        None => panic!("expected a field error, got {error:?}"),
    }
}

db_test!(only_admins_write, |db: DatabaseConnection| async move {
    let now = Utc::now();
    let person = add_synthetic_user(&db, "tech@shop.example.com", false).await;
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let refused = write::create(&db, None, &form("Keeping techs"), now).await.unwrap_err();
    assert!(matches!(refused, ServiceError::SignInRequired), "{refused:?}");
    let refused = write::create(&db, Some(person), &form("Keeping techs"), now).await.unwrap_err();
    assert!(matches!(refused, ServiceError::Forbidden), "{refused:?}");
    assert_eq!(articles(&db).await, 0);

    let slug = write::create(&db, Some(admin), &form("Keeping techs: year one!"), now).await.unwrap();
    assert_eq!(slug, "keeping-techs-year-one", "the slug is derived from the title");
    let id = read::all(&db, Some(admin)).await.unwrap()[0].id;
    for actor in [None, Some(person)] {
        assert!(write::update(&db, actor, id, &form("Changed"), now).await.is_err());
        assert!(write::set_published(&db, actor, id, "no", now).await.is_err());
        assert!(write::delete(&db, actor, id, "yes").await.is_err());
        assert!(read::draft(&db, actor, id).await.is_err());
        assert!(read::all(&db, actor).await.is_err());
    }
    let still = read::one(&db, None, &slug, now).await.unwrap();
    assert_eq!(still.summary.title, "Keeping techs: year one!");
    assert!(!still.editable);
    assert!(read::one(&db, Some(admin), &slug, now).await.unwrap().editable);
});

db_test!(bad_input_names_its_field_and_stores_nothing, |db: DatabaseConnection| async move {
    let now = Utc::now();
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    write::create(&db, Some(admin), &form("Hiring your first apprentice"), now).await.unwrap();
    let cases: Vec<(&str, ArticleForm)> = vec![
        ("title", ArticleForm { title: "  ".into(), ..form("x") }),
        ("title", ArticleForm { title: "<b>Bold</b> move".into(), ..form("x") }),
        ("title", form(&"t".repeat(121))),
        ("slug", form("Hiring your first apprentice")),
        ("slug", ArticleForm { slug: "hiring-your-first-apprentice".into(), ..form("Another title") }),
        ("slug", ArticleForm { slug: "Bad Slug!".into(), ..form("Another title") }),
        ("slug", form("日本語のタイトル")),
        ("summary", ArticleForm { summary: String::new(), ..form("Another title") }),
        ("category", ArticleForm { category: "astrology".into(), ..form("Another title") }),
        ("category", ArticleForm { category: String::new(), ..form("Another title") }),
        ("visibility", ArticleForm { visibility: "secret".into(), ..form("Another title") }),
        ("body", ArticleForm { body: " \n ".into(), ..form("Another title") }),
        ("body", ArticleForm { body: "x".repeat(MAX_BODY + 1), ..form("Another title") }),
    ];
    for (field, bad) in cases {
        let error = write::create(&db, Some(admin), &bad, now).await.unwrap_err();
        assert_eq!(field_of(error), field, "{bad:?}");
    }
    assert_eq!(articles(&db).await, 1, "no refused form stored anything");
    // Exactly the limit is fine.
    let longest = ArticleForm { body: "x".repeat(MAX_BODY), ..form("The longest article") };
    write::create(&db, Some(admin), &longest, now).await.unwrap();

    // Editing: another article's slug is refused, and the article is unchanged.
    let id = read::all(&db, Some(admin)).await.unwrap()[0].id;
    let taken = ArticleForm { slug: "hiring-your-first-apprentice".into(), ..form("Renamed") };
    assert_eq!(field_of(write::update(&db, Some(admin), id, &taken, now).await.unwrap_err()), "slug");
    assert_eq!(read::draft(&db, Some(admin), id).await.unwrap().summary.title, "The longest article");
    // Keeping its own slug is fine.
    let same = ArticleForm { slug: "the-longest-article".into(), ..form("Renamed") };
    assert_eq!(write::update(&db, Some(admin), id, &same, now).await.unwrap(), "the-longest-article");
    assert_eq!(
        field_of(write::set_published(&db, Some(admin), id, "maybe", now).await.unwrap_err()),
        "published"
    );
    assert_eq!(field_of(write::delete(&db, Some(admin), id, "").await.unwrap_err()), "confirm");
    assert_eq!(articles(&db).await, 2);
});

db_test!(markdown_is_rendered_and_sanitised, |db: DatabaseConnection| async move {
    let now = Utc::now();
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let body = "Pair every tech with a **mentor**.\n\n<script>alert(1)</script>\n\n\
                <img src=x onerror=alert(2)> <a href=\"https://ok.example\" onclick=\"alert(3)\">ok</a>\n\n\
                [click](javascript:alert(4))";
    let slug = write::create(&db, Some(admin), &ArticleForm { body: body.into(), ..form("Mentors") }, now)
        .await
        .unwrap();
    let html = read::one(&db, None, &slug, now).await.unwrap().body_html;
    assert!(html.contains("<strong>mentor</strong>"), "{html}");
    for gone in ["<script", "alert(1)", "onerror", "onclick", "javascript:"] {
        assert!(!html.contains(gone), "{gone} survived: {html}");
    }
    assert!(html.contains("href=\"https://ok.example\""), "{html}");
    // The Markdown is kept as typed for the edit form.
    let id = read::all(&db, Some(admin)).await.unwrap()[0].id;
    assert_eq!(read::draft(&db, Some(admin), id).await.unwrap().body, body);
});

db_test!(a_replayed_form_creates_one_article, |db: DatabaseConnection| async move {
    let now = Utc::now();
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let keyed = ArticleForm { submission: "k".repeat(32), ..form("Once only") };
    let first = write::create(&db, Some(admin), &keyed, now).await.unwrap();
    let again = write::create(&db, Some(admin), &keyed, now).await.unwrap();
    assert_eq!(first, again);
    assert_eq!(articles(&db).await, 1);
});

db_test!(unpublishing_hides_and_deleting_removes, |db: DatabaseConnection| async move {
    let now = Utc::now();
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let draft = ArticleForm { publish: String::new(), ..form("A draft") };
    let draft_slug = write::create(&db, Some(admin), &draft, now).await.unwrap();
    assert!(matches!(read::one(&db, None, &draft_slug, now).await, Err(ServiceError::NotFound)));
    assert_eq!(read::one(&db, Some(admin), &draft_slug, now).await.unwrap().summary.published_on, None);

    let slug = write::create(&db, Some(admin), &form("Published"), now).await.unwrap();
    let id = read::one(&db, None, &slug, now).await.unwrap().summary.id;
    write::set_published(&db, Some(admin), id, "no", now).await.unwrap();
    assert!(matches!(read::one(&db, None, &slug, now).await, Err(ServiceError::NotFound)));
    let later = now + Duration::days(3);
    write::set_published(&db, Some(admin), id, "yes", later).await.unwrap();
    let published = read::one(&db, None, &slug, later).await.unwrap().summary.published_on;
    assert_eq!(published, Some(later.format("%Y-%m-%d").to_string()));
    // Publishing again keeps the date.
    write::set_published(&db, Some(admin), id, "yes", later + Duration::days(9)).await.unwrap();
    assert_eq!(read::one(&db, None, &slug, later).await.unwrap().summary.published_on, published);

    write::delete(&db, Some(admin), id, "yes").await.unwrap();
    assert!(matches!(read::one(&db, Some(admin), &slug, now).await, Err(ServiceError::NotFound)));
    assert!(matches!(write::delete(&db, Some(admin), id, "yes").await, Err(ServiceError::NotFound)));
    assert_eq!(articles(&db).await, 1);
});
