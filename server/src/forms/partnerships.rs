//! Form handlers for offers and partnerships: offering on a need, deciding on an offer,
//! proposing a partnership from a program's page, the partnership's status changes and its
//! messages. The service layer decides who may; each answers with a 303 redirect.
use app::notice::Notice;
use app::ssr::AppState;
use axum::{
    Form,
    extract::{Path, State},
    response::Response,
};
use domain::needs::NeedKind;
use serde::Deserialize;
use service::partnerships::{lifecycle, offers, thread};

use crate::forms::reply::{Caller, FormPairs, done, refused};

/// A numeric form field; anything else reads as 0, which names no organisation, so the
/// service refuses it like any organisation the caller does not belong to.
fn number(raw: &str) -> i64 {
    raw.trim().parse().unwrap_or(0)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OfferFields {
    shop_id: String,
    message: String,
}

pub async fn make_offer(
    State(state): State<AppState>,
    caller: Caller,
    Path(need): Path<i64>,
    Form(f): Form<OfferFields>,
) -> Response {
    let shop = number(&f.shop_id);
    match offers::make(
        &state.db,
        caller.ctx.actor,
        need,
        shop,
        &f.message,
        &caller.ctx.site_url,
        caller.ctx.now,
    )
    .await
    {
        Ok(_) => done(&format!("/needs/{need}"), Notice::Offered),
        Err(error) => refused(error, &format!("/needs/{need}"), &[("message", &f.message)]),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DecisionFields {
    /// The need the form is on, to return to after a problem.
    need_id: String,
    reason: String,
}

fn need_page(f: &DecisionFields) -> String {
    match number(&f.need_id) {
        0 => "/account".into(),
        need => format!("/needs/{need}"),
    }
}

pub async fn accept_offer(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(f): Form<DecisionFields>,
) -> Response {
    match offers::accept(&state.db, caller.ctx.actor, id, &caller.ctx.site_url, caller.ctx.now).await {
        Ok(partnership) => done(&format!("/partnerships/{partnership}"), Notice::OfferAccepted),
        Err(error) => refused(error, &need_page(&f), &[]),
    }
}

pub async fn decline_offer(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(f): Form<DecisionFields>,
) -> Response {
    match offers::decline(&state.db, caller.ctx.actor, id, &f.reason, &caller.ctx.site_url, caller.ctx.now)
        .await
    {
        Ok(need) => done(&format!("/needs/{need}"), Notice::OfferDeclined),
        Err(error) => refused(error, &need_page(&f), &[]),
    }
}

/// Proposing a partnership to program `id`: the shop, one checkbox per kind (`kind_<slug>`)
/// and a message.
pub async fn propose(
    State(state): State<AppState>,
    caller: Caller,
    Path(program): Path<i64>,
    form: FormPairs,
) -> Response {
    let kinds: Vec<NeedKind> =
        NeedKind::ALL.iter().copied().filter(|kind| form.has(&format!("kind_{}", kind.slug()))).collect();
    let (shop, message) = (number(&form.text("shop_id")), form.text("message"));
    match lifecycle::propose(&state.db, &caller.ctx, shop, program, &kinds, &message).await {
        Ok(id) => done(&format!("/partnerships/{id}"), Notice::Proposed),
        Err(error) => {
            let ticked: Vec<String> = kinds.iter().map(|k| format!("kind_{}", k.slug())).collect();
            let mut echo: Vec<(&str, &str)> = vec![("message", message.as_str())];
            echo.extend(ticked.iter().map(|name| (name.as_str(), "on")));
            refused(error, &format!("/orgs/{program}"), &echo)
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NoteFields {
    reason: String,
    note: String,
    body: String,
    /// The message form's key: a second submission of the same form stores nothing more.
    submission: String,
}

/// What a partnership form asks for.
#[derive(Clone, Copy)]
enum Step {
    Accept,
    Decline,
    End,
    Complete,
    Message,
}

async fn step(state: AppState, caller: Caller, id: i64, f: NoteFields, step: Step) -> Response {
    let (db, ctx) = (&state.db, &caller.ctx);
    let (actor, site, now) = (ctx.actor, ctx.site_url.as_str(), ctx.now);
    let result = match step {
        Step::Accept => lifecycle::accept(db, ctx, id).await.map(|_| Notice::PartnershipAccepted),
        Step::Decline => {
            lifecycle::decline(db, ctx, id, &f.reason).await.map(|_| Notice::PartnershipDeclined)
        }
        Step::End => lifecycle::end(db, ctx, id, &f.reason).await.map(|_| Notice::PartnershipEnded),
        Step::Complete => {
            lifecycle::complete(db, ctx, id, &f.note).await.map(|_| Notice::PartnershipCompleted)
        }
        Step::Message => {
            thread::post(db, actor, id, &f.body, &f.submission, site, now).await.map(|_| Notice::MessageSent)
        }
    };
    let page = format!("/partnerships/{id}");
    match result {
        Ok(what) => done(&page, what),
        Err(error) => {
            let echo = [("reason", f.reason.as_str()), ("note", f.note.as_str()), ("body", f.body.as_str())];
            let typed: Vec<(&str, &str)> = echo.into_iter().filter(|(_, v)| !v.is_empty()).collect();
            refused(error, &page, &typed)
        }
    }
}

pub async fn accept(
    State(s): State<AppState>,
    c: Caller,
    Path(id): Path<i64>,
    Form(f): Form<NoteFields>,
) -> Response {
    step(s, c, id, f, Step::Accept).await
}

pub async fn decline(
    State(s): State<AppState>,
    c: Caller,
    Path(id): Path<i64>,
    Form(f): Form<NoteFields>,
) -> Response {
    step(s, c, id, f, Step::Decline).await
}

pub async fn end(
    State(s): State<AppState>,
    c: Caller,
    Path(id): Path<i64>,
    Form(f): Form<NoteFields>,
) -> Response {
    step(s, c, id, f, Step::End).await
}

pub async fn complete(
    State(s): State<AppState>,
    c: Caller,
    Path(id): Path<i64>,
    Form(f): Form<NoteFields>,
) -> Response {
    step(s, c, id, f, Step::Complete).await
}

pub async fn message(
    State(s): State<AppState>,
    c: Caller,
    Path(id): Path<i64>,
    Form(f): Form<NoteFields>,
) -> Response {
    step(s, c, id, f, Step::Message).await
}
