//! Form handlers of an application's conversation (`/applications/{id}`): a message from
//! either side, the shop setting the status, the student blocking or unblocking the shop.
//! The service layer decides who may; each answers with a 303 redirect to the conversation.
use app::notice::Notice;
use app::ssr::AppState;
use axum::{
    Form,
    extract::{Path, State},
    response::Response,
};
use service::openings::conversation;

use crate::forms::reply::{Caller, done, refused};

fn page(id: i64) -> String {
    format!("/applications/{id}")
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct MessageFields {
    body: String,
    submission: String,
}

pub async fn message(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(f): Form<MessageFields>,
) -> Response {
    let (ctx, db) = (&caller.ctx, &state.db);
    match conversation::post(db, ctx.actor, id, &f.body, &f.submission, &ctx.site_url, ctx.now).await {
        Ok(_) => done(&page(id), Notice::ApplicationMessageSent),
        Err(error) => refused(error, &page(id), &[("body", f.body.as_str())]),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct StatusFields {
    status: String,
}

pub async fn set_status(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(f): Form<StatusFields>,
) -> Response {
    let (ctx, db) = (&caller.ctx, &state.db);
    match conversation::set_status(db, ctx.actor, id, &f.status, &ctx.site_url, ctx.now).await {
        Ok(_) => done(&page(id), Notice::ApplicationStatusSet),
        Err(error) => refused(error, &page(id), &[("status", f.status.as_str())]),
    }
}

pub async fn block(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    match conversation::block(&state.db, caller.ctx.actor, id, caller.ctx.now).await {
        Ok(()) => done(&page(id), Notice::ShopBlocked),
        Err(error) => refused(error, &page(id), &[]),
    }
}

pub async fn unblock(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    match conversation::unblock(&state.db, caller.ctx.actor, id).await {
        Ok(()) => done(&page(id), Notice::ShopUnblocked),
        Err(error) => refused(error, &page(id), &[]),
    }
}
