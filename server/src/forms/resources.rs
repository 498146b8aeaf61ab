//! Form handlers of the resources library (admins only; the service layer decides): writing
//! an article, editing it, publishing or unpublishing it, and deleting it. Each answers with
//! a 303 redirect.
use app::notice::Notice;
use app::ssr::AppState;
use axum::{
    Form,
    extract::{Path, State},
    response::Response,
};
use service::resources::write::{self, ArticleForm};

use crate::forms::reply::{Caller, done, refused};

pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Form(form): Form<ArticleForm>,
) -> Response {
    match write::create(&state.db, caller.ctx.actor, &form, caller.ctx.now).await {
        Ok(slug) => done(&format!("/resources/{slug}"), Notice::ArticleSaved),
        Err(error) => refused(error, "/admin/resources", &form.typed()),
    }
}

pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(form): Form<ArticleForm>,
) -> Response {
    let page = format!("/admin/resources/{id}");
    match write::update(&state.db, caller.ctx.actor, id, &form, caller.ctx.now).await {
        Ok(_) => done(&page, Notice::ArticleSaved),
        Err(error) => refused(error, &page, &form.typed()),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct PublishField {
    /// `yes` or `no`.
    published: String,
}

pub async fn publish(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(f): Form<PublishField>,
) -> Response {
    let page = format!("/admin/resources/{id}");
    match write::set_published(&state.db, caller.ctx.actor, id, &f.published, caller.ctx.now).await {
        Ok(_) => done(
            &page,
            if f.published.trim() == "yes" { Notice::ArticlePublished } else { Notice::ArticleUnpublished },
        ),
        Err(error) => refused(error, &page, &[]),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct DeleteField {
    /// The ticked confirmation, `yes`.
    confirm: String,
}

pub async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(f): Form<DeleteField>,
) -> Response {
    match write::delete(&state.db, caller.ctx.actor, id, &f.confirm).await {
        Ok(()) => done("/admin/resources", Notice::ArticleDeleted),
        Err(error) => refused(error, &format!("/admin/resources/{id}"), &[]),
    }
}
