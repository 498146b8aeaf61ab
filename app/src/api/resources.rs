//! Server functions of the resources library. They only read: writing, publishing and
//! deleting go through the form handlers in server/src/forms/resources.rs. What each person
//! may read is decided by the service layer (members-only articles answer `NotFound` to
//! everyone who is not a current paying member or an admin).
use domain::resources::{ArticleDraft, ArticleSummary, ArticleView, ResourceListPage, ResourceSearchParams};
use leptos::prelude::*;

use crate::error::AppError;

/// `/resources?q=…&category=…&page=…`: the articles the visitor may read, newest first.
#[server(endpoint = "search_resources")]
pub async fn search_resources(params: ResourceSearchParams) -> Result<ResourceListPage, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let now = chrono::Utc::now();
    match params.to_query() {
        Ok(query) => Ok(service::resources::read::search(&db, actor, &query, now).await?),
        Err(problem) => {
            // The list stays empty, but the page still says whether the visitor is a member.
            let reader = service::resources::reader(&db, actor, now).await?;
            Ok(ResourceListPage {
                problem: Some(problem),
                total: 0,
                page: 1,
                results: Vec::new(),
                members_view: reader.sees_members_only(),
                is_admin: reader == service::resources::Reader::Admin,
            })
        }
    }
}

/// `/resources/{slug}`: one article for everyone allowed to read it.
#[server(endpoint = "resource_article")]
pub async fn resource_article(slug: String) -> Result<ArticleView, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    Ok(service::resources::read::one(&db, actor, slug.trim(), chrono::Utc::now()).await?)
}

/// `/admin/resources`: every article, drafts too. Admins only.
#[server(endpoint = "admin_resources")]
pub async fn admin_resources() -> Result<Vec<ArticleSummary>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    Ok(service::resources::read::all(&db, actor).await?)
}

/// `/admin/resources/{id}`: an article with its Markdown, for its edit form. Admins only.
#[server(endpoint = "resource_draft")]
pub async fn resource_draft(id: String) -> Result<ArticleDraft, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    Ok(service::resources::read::draft(&db, actor, id).await?)
}
