//! Reading the library: the list with its category filter and search, one article by its
//! slug, and an article as its edit form needs it (admins).
use chrono::{DateTime, Utc};
use domain::resources::{
    ArticleDraft, ArticleView, RESOURCES_PER_PAGE, ResourceListPage, ResourceQuery, Visibility, is_slug,
};
use entity::resource_article;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, Order, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
    sea_query::{Expr, LikeExpr},
};

use super::{Reader, reader, summary};
use crate::{
    authz::{self, Actor},
    error::ServiceError,
    needs::markdown,
};

/// The articles `reader` may see: this filter is part of every query of the library, so
/// listing, counting, searching and opening agree on what exists.
pub fn visible(reader: Reader) -> Select<resource_article::Entity> {
    let query = resource_article::Entity::find();
    match reader {
        Reader::Admin => query,
        Reader::Member => query.filter(resource_article::Column::PublishedAt.is_not_null()),
        Reader::Public => query
            .filter(resource_article::Column::PublishedAt.is_not_null())
            .filter(resource_article::Column::Visibility.eq(Visibility::Public)),
    }
}

/// A `LIKE` pattern finding `text` anywhere, with `%`, `_` and the escape character itself
/// taken literally.
pub fn contains_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// A page of the library, newest first: the articles the actor may see, of one category
/// and containing the search text (case-insensitively, in the title, summary or body) when
/// those are given.
#[tracing::instrument(skip(db))]
pub async fn search(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    query: &ResourceQuery,
    now: DateTime<Utc>,
) -> Result<ResourceListPage, ServiceError> {
    let reader = reader(db, actor, now).await?;
    let mut select = visible(reader);
    if let Some(category) = query.category {
        select = select.filter(resource_article::Column::Category.eq(category.slug()));
    }
    if let Some(text) = &query.text {
        select = select.filter(
            Expr::col(resource_article::Column::SearchText)
                .like(LikeExpr::new(contains_pattern(text)).escape('\\')),
        );
    }
    let total = select.clone().count(db).await? as usize;
    // Unpublished articles (admins only) first, then newest first. The explicit IS NULL key
    // makes both databases agree: they sort NULLs at opposite ends by default.
    let rows = select
        .order_by(Expr::col(resource_article::Column::PublishedAt).is_null(), Order::Desc)
        .order_by_desc(resource_article::Column::PublishedAt)
        .order_by_desc(resource_article::Column::Id)
        .offset(((query.page - 1) * RESOURCES_PER_PAGE) as u64)
        .limit(RESOURCES_PER_PAGE as u64)
        .all(db)
        .await?;
    Ok(ResourceListPage {
        problem: None,
        total,
        page: query.page,
        results: rows.iter().map(summary).collect(),
        members_view: reader.sees_members_only(),
        is_admin: reader == Reader::Admin,
    })
}

/// One article by its slug, for everyone allowed to read it. Anything else — a malformed
/// slug, an unknown one, a members-only or unpublished article the actor may not read —
/// answers the same `NotFound`.
#[tracing::instrument(skip(db))]
pub async fn one(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<ArticleView, ServiceError> {
    if !is_slug(slug) {
        return Err(ServiceError::NotFound);
    }
    let reader = reader(db, actor, now).await?;
    let row = visible(reader)
        .filter(resource_article::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(ArticleView {
        summary: summary(&row),
        body_html: markdown::to_safe_html(&row.body),
        editable: reader == Reader::Admin,
    })
}

/// An article with its Markdown as typed, for its edit form: admins only.
pub async fn draft(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    id: i64,
) -> Result<ArticleDraft, ServiceError> {
    authz::admin(actor)?;
    let row = resource_article::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound)?;
    Ok(ArticleDraft { summary: summary(&row), body: row.body })
}

/// Every article, newest first, for the admins' list.
pub async fn all(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<domain::resources::ArticleSummary>, ServiceError> {
    authz::admin(actor)?;
    let rows = resource_article::Entity::find().order_by_desc(resource_article::Column::Id).all(db).await?;
    Ok(rows.iter().map(summary).collect())
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn wildcards_are_taken_literally() {
        assert_eq!(contains_pattern("50%_Off\\"), "%50\\%\\_off\\\\%");
        assert_eq!(contains_pattern("ÉCOLE"), "%école%");
    }
}
