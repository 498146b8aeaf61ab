//! Form handlers for events: admins publish, edit and cancel them; signed-in people
//! register and cancel; anyone downloads an event's calendar file. The service layer
//! decides who may; each form answers with a 303 redirect.
use app::notice::Notice;
use app::ssr::AppState;
use axum::{
    Form,
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};
use chrono::Utc;
use service::events::{admin, form::EventForm, read, registration};

use crate::forms::reply::{Caller, done, refused};

pub async fn create(State(state): State<AppState>, caller: Caller, Form(form): Form<EventForm>) -> Response {
    match admin::create(&state.db, caller.ctx.actor, &form, caller.ctx.now).await {
        Ok(id) => done(&format!("/events/{id}"), Notice::EventPublished),
        Err(error) => refused(error, "/events", &form.typed()),
    }
}

pub async fn edit(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(form): Form<EventForm>,
) -> Response {
    match admin::update(&state.db, caller.ctx.actor, id, &form, &caller.ctx.site_url, caller.ctx.now).await {
        Ok(()) => done(&format!("/events/{id}"), Notice::EventSaved),
        Err(error) => refused(error, &format!("/events/{id}"), &form.typed()),
    }
}

pub async fn cancel_event(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    match admin::cancel(&state.db, caller.ctx.actor, id, &caller.ctx.site_url, caller.ctx.now).await {
        Ok(()) => done(&format!("/events/{id}"), Notice::EventCancelled),
        Err(error) => refused(error, &format!("/events/{id}"), &[]),
    }
}

pub async fn register(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    match registration::register(&state.db, caller.ctx.actor, id, caller.ctx.now).await {
        Ok(domain::events::MyRegistration::Waitlisted { .. }) => {
            done(&format!("/events/{id}"), Notice::Waitlisted)
        }
        Ok(_) => done(&format!("/events/{id}"), Notice::Registered),
        Err(error) => refused(error, &format!("/events/{id}"), &[]),
    }
}

pub async fn unregister(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    match registration::cancel(&state.db, caller.ctx.actor, id, &caller.ctx.site_url, caller.ctx.now).await {
        Ok(()) => done(&format!("/events/{id}"), Notice::Unregistered),
        Err(error) => refused(error, &format!("/events/{id}"), &[]),
    }
}

/// `GET /events/{id}/calendar.ics`: public, like the event's page.
pub async fn calendar(State(state): State<AppState>, Path(id): Path<i64>) -> Response {
    match read::calendar_file(&state.db, id, &state.site_url, Utc::now()).await {
        Ok((name, text)) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            ],
            text,
        )
            .into_response(),
        Err(error) => refused(error, "/events", &[]),
    }
}
