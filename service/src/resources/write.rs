//! Writing the library (admins only): creating and editing an article, publishing or
//! unpublishing it, and deleting it. Every problem names its field, and nothing is written
//! until every field is good.
use chrono::{DateTime, Utc};
use domain::resources::{MAX_SLUG, ResourceCategory, Visibility, is_slug, slugify};
use entity::resource_article;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set, SqlErr,
};

use crate::{
    authz::{self, Actor},
    error::{Checks, ServiceError},
    orgs::fields,
    submissions::{self, Claim},
};

pub const MIN_TITLE: usize = 3;
pub const MAX_TITLE: usize = 120;
pub const MAX_SUMMARY: usize = 300;
/// Long enough for a thorough guide, and far below the 64 KiB request limit once the form
/// is URL-encoded.
pub const MAX_BODY: usize = 20_000;

/// An article as typed into the form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ArticleForm {
    pub title: String,
    /// Empty: derived from the title.
    pub slug: String,
    pub summary: String,
    pub category: String,
    pub visibility: String,
    /// Markdown.
    pub body: String,
    /// A ticked box (`on`) publishes a new article at once; editing ignores it.
    pub publish: String,
    /// The form's submission key: a second submission of the same form creates nothing more.
    pub submission: String,
}

impl ArticleForm {
    /// What was typed, to put back into the form after a refusal.
    pub fn typed(&self) -> [(&'static str, &str); 6] {
        [
            ("title", &self.title),
            ("slug", &self.slug),
            ("summary", &self.summary),
            ("category", &self.category),
            ("visibility", &self.visibility),
            ("body", &self.body),
        ]
    }
}

/// The fields of an article once every one is good (the slug's uniqueness is checked
/// against the database separately).
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleFields {
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub category: ResourceCategory,
    pub visibility: Visibility,
    pub body: String,
}

impl ArticleFields {
    /// What search looks through, lower-cased here rather than by the database (see the
    /// migration for why).
    fn search_text(&self) -> String {
        format!("{}\n{}\n{}", self.title, self.summary, self.body).to_lowercase()
    }
}

/// Checks every field, in the order the form shows them, and reports every problem at once.
pub fn check(form: &ArticleForm) -> Result<ArticleFields, ServiceError> {
    let mut checks = Checks::default();
    let title = checks.check(fields::line("title", &form.title, MIN_TITLE, MAX_TITLE));
    let slug = match (form.slug.trim(), &title) {
        ("", Some(title)) => Some(slugify(title)),
        // Without a title there is nothing to make an address from yet.
        ("", None) => None,
        (typed, _) => Some(typed.to_string()),
    };
    let slug = slug.and_then(|slug| {
        checks.check(if slug.is_empty() {
            Err(ServiceError::invalid("slug", "give the article an address of letters, digits and hyphens"))
        } else if !is_slug(&slug) {
            Err(ServiceError::invalid(
                "slug",
                format!("use lower-case letters, digits and single hyphens (at most {MAX_SLUG})"),
            ))
        } else {
            Ok(slug)
        })
    });
    let summary = checks.check(fields::line("summary", &form.summary, 1, MAX_SUMMARY));
    let category = checks.check(
        ResourceCategory::from_slug(form.category.trim())
            .ok_or_else(|| ServiceError::invalid("category", "choose a category from the list")),
    );
    let visibility = checks.check(
        Visibility::from_slug(form.visibility.trim())
            .ok_or_else(|| ServiceError::invalid("visibility", "choose everyone or members only")),
    );
    let body = form.body.trim().replace("\r\n", "\n");
    if body.is_empty() {
        checks.fail("body", "write the article");
    } else if body.chars().count() > MAX_BODY {
        checks.fail("body", format!("use at most {MAX_BODY} characters"));
    }
    let fields = (|| {
        Some(ArticleFields {
            title: title?,
            slug: slug?,
            summary: summary?,
            category: category?,
            visibility: visibility?,
            body,
        })
    })();
    checks.finish_with(fields)
}

fn slug_taken() -> ServiceError {
    ServiceError::invalid("slug", "another article already has this address; choose another")
}

/// Refuses a slug another article has.
async fn ensure_free(db: &impl ConnectionTrait, slug: &str, except: Option<i64>) -> Result<(), ServiceError> {
    let mut query = resource_article::Entity::find().filter(resource_article::Column::Slug.eq(slug));
    if let Some(id) = except {
        query = query.filter(resource_article::Column::Id.ne(id));
    }
    if query.count(db).await? > 0 { Err(slug_taken()) } else { Ok(()) }
}

/// Two admins saving the same slug at once both pass [`ensure_free`]; the unique index
/// stops the second, which is told as if it had been checked first.
fn unique_slug(error: DbErr) -> ServiceError {
    match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => slug_taken(),
        _ => error.into(),
    }
}

/// Creates an article; returns its slug. Admins only.
pub async fn create(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    form: &ArticleForm,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    let actor = authz::admin(actor)?;
    let f = check(form)?;
    let txn = crate::db::begin_write(db).await?;
    if let Claim::Replayed(first) = submissions::claim(&txn, actor.user_id, &form.submission, now).await? {
        let first = resource_article::Entity::find_by_id(first).one(&txn).await?;
        txn.commit().await?;
        // The first submission's article may have been deleted since: then say so.
        return first.map(|row| row.slug).ok_or(ServiceError::NotFound);
    }
    ensure_free(&txn, &f.slug, None).await?;
    let search_text = f.search_text();
    let row = resource_article::ActiveModel {
        slug: Set(f.slug),
        title: Set(f.title),
        summary: Set(f.summary),
        body: Set(f.body),
        category: Set(f.category.slug().into()),
        visibility: Set(f.visibility),
        search_text: Set(search_text),
        published_at: Set(matches!(form.publish.trim(), "on" | "yes").then_some(now)),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(unique_slug)?;
    submissions::settle(&txn, actor.user_id, &form.submission, row.id).await?;
    txn.commit().await?;
    Ok(row.slug)
}

/// Replaces an article's fields (its publication is left as it is); returns its slug,
/// which may have changed. Admins only.
pub async fn update(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    id: i64,
    form: &ArticleForm,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    authz::admin(actor)?;
    let f = check(form)?;
    let txn = crate::db::begin_write(db).await?;
    let row = resource_article::Entity::find_by_id(id).one(&txn).await?.ok_or(ServiceError::NotFound)?;
    ensure_free(&txn, &f.slug, Some(id)).await?;
    let search_text = f.search_text();
    let mut row: resource_article::ActiveModel = row.into();
    row.slug = Set(f.slug);
    row.title = Set(f.title);
    row.summary = Set(f.summary);
    row.body = Set(f.body);
    row.category = Set(f.category.slug().into());
    row.visibility = Set(f.visibility);
    row.search_text = Set(search_text);
    row.updated_at = Set(now);
    let row = row.update(&txn).await.map_err(unique_slug)?;
    txn.commit().await?;
    Ok(row.slug)
}

/// Publishes (`yes`) or unpublishes (`no`) an article; returns its slug. Publishing a
/// published article keeps its date. Admins only.
pub async fn set_published(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    id: i64,
    published: &str,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    authz::admin(actor)?;
    let publish = match published.trim() {
        "yes" => true,
        "no" => false,
        _ => return Err(ServiceError::invalid("published", "choose publish or unpublish")),
    };
    let txn = crate::db::begin_write(db).await?;
    let row = resource_article::Entity::find_by_id(id).one(&txn).await?.ok_or(ServiceError::NotFound)?;
    let slug = row.slug.clone();
    if publish != row.published_at.is_some() {
        let mut row: resource_article::ActiveModel = row.into();
        row.published_at = Set(publish.then_some(now));
        row.updated_at = Set(now);
        row.update(&txn).await?;
    }
    txn.commit().await?;
    Ok(slug)
}

/// Deletes an article for good, once the admin ticked the confirmation (`confirm=yes`).
pub async fn delete(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    id: i64,
    confirm: &str,
) -> Result<(), ServiceError> {
    authz::admin(actor)?;
    if confirm.trim() != "yes" {
        return Err(ServiceError::invalid(
            "confirm",
            "tick the box to confirm that the article goes for good",
        ));
    }
    let deleted = resource_article::Entity::delete_by_id(id).exec(db).await?;
    if deleted.rows_affected == 0 { Err(ServiceError::NotFound) } else { Ok(()) }
}

#[cfg(test)]
mod every_problem {
    use super::*;

    #[test]
    fn an_article_form_reports_every_problem_at_once() {
        let error = check(&ArticleForm::default()).unwrap_err();
        let fields: Vec<&str> = error.problems().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["title", "summary", "category", "visibility", "body"]);
    }
}
