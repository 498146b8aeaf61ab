//! Form handlers of placements made from an accepted offer: a verified shop's member makes
//! one for a student the school sends (their address gets a join link), re-sends the link to
//! a corrected address, and the student joins ("This is me"). The service decides who may;
//! each answers with a 303.
use app::{notice::Notice, pages::placement_join::JOIN_PAGE, ssr::AppState};
use axum::{
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
};
use service::placements::{
    join,
    offers::{self, OfferPlacementForm},
};

use crate::forms::{
    placements::placement_form,
    reply::{Caller, FormPairs, done, refused, with_cookie},
};

fn page(id: i64) -> String {
    format!("/placements/{id}")
}

/// `POST /offers/{id}/placements`: a member of the offer's verified shop makes a placement.
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    pairs: FormPairs,
) -> Response {
    let form = OfferPlacementForm { email: pairs.text("email"), terms: placement_form(&pairs) };
    let (db, ctx) = (&state.db, &caller.ctx);
    match offers::create(db, ctx.actor, id, &form, &ctx.site_url, ctx.now).await {
        Ok(placement) => done(&page(placement), Notice::PlacementSent),
        Err(error) => {
            let back = match offers::form_page(db, id).await {
                Ok(back) => back,
                Err(e) => return refused(e.into(), "/", &[]),
            };
            let ticked: Vec<String> = form.terms.task_areas.iter().map(|s| format!("area_{s}")).collect();
            let mut echo = pairs.echo(&OfferPlacementForm::FIELDS);
            echo.extend(ticked.iter().map(|name| (name.as_str(), "on")));
            refused(error, &back, &echo)
        }
    }
}

/// `POST /placements/{id}/join/resend`: the shop sends the join link to a corrected address.
pub async fn resend(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    pairs: FormPairs,
) -> Response {
    let (db, ctx) = (&state.db, &caller.ctx);
    match offers::resend(db, ctx.actor, id, &pairs.text("email"), &ctx.site_url, ctx.now).await {
        Ok(()) => done(&page(id), Notice::JoinLinkSent),
        Err(error) => refused(error, &page(id), &pairs.echo(&["email"])),
    }
}

/// Whether `token` has the shape of a token Bayline makes (hex): only such a value goes
/// into a cookie.
fn token_shaped(token: &str) -> bool {
    !token.is_empty() && token.len() <= 128 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `POST /placements/join`: "This is me". The token comes from the form or, after signing
/// in, from the cookie the link's first visit left. A refusal goes back to the page without
/// the token in its address (the cookie keeps it); signing in first comes back there too.
pub async fn join(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    pairs: FormPairs,
) -> Response {
    let cookie = state.session_cookie.join();
    let typed = pairs.trimmed("token");
    let token = if typed.is_empty() { cookie.read(&headers).unwrap_or_default() } else { typed };
    match join::join(&state.db, caller.ctx.actor, &token, caller.ctx.now).await {
        Ok(id) => with_cookie(done(&page(id), Notice::PlacementJoined), &cookie.clear()),
        Err(error) => {
            let response = refused(error, JOIN_PAGE, &[]);
            if token_shaped(&token) {
                with_cookie(response, &cookie.set(&token, app::api::placements::JOIN_COOKIE_SECS))
            } else {
                response
            }
        }
    }
}
