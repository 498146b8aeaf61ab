//! Form handlers of placements: a shop's member makes one from a hired application, the
//! student says whether they are under 18 (and re-sends the guardian's link), the
//! program's members choose the coordinator, any party ends it, and the guardian agrees
//! through their link. The service decides who may; each answers with a 303.
use app::{notice::Notice, ssr::AppState};
use axum::{
    extract::{Path, State},
    response::Response,
};
use domain::{needs::SkillArea, placements::PlacementStatus};
use service::placements::{
    consent::{self, AgeForm},
    create::{self, PlacementForm},
    manage,
};

use crate::forms::reply::{Caller, FormPairs, done, refused};

fn page(id: i64) -> String {
    format!("/placements/{id}")
}

/// The guardian's page (its token is in the link they were e-mailed).
pub const CONSENT_PAGE: &str = "/guardian-consent";

/// Reads the placement form. Task areas are one checkbox each (`area_<slug>`).
pub(crate) fn placement_form(pairs: &FormPairs) -> PlacementForm {
    let task_areas = SkillArea::ALL
        .iter()
        .filter(|area| pairs.has(&format!("area_{}", area.slug())))
        .map(|area| area.slug().to_string())
        .collect();
    PlacementForm {
        mentor: pairs.text("mentor"),
        program: pairs.text("program"),
        starts_on: pairs.text("starts_on"),
        ends_on: pairs.text("ends_on"),
        weekly_hours: pairs.text("weekly_hours"),
        paid: pairs.text("paid"),
        task_areas,
    }
}

/// `POST /applications/{id}/placement`: a shop's member makes the placement.
pub async fn create_placement(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    pairs: FormPairs,
) -> Response {
    let form = placement_form(&pairs);
    let (db, ctx) = (&state.db, &caller.ctx);
    match create::create(db, ctx.actor, id, &form, &ctx.site_url, ctx.now).await {
        Ok(placement) => done(&page(placement), Notice::PlacementCreated),
        Err(error) => {
            let ticked: Vec<String> = form.task_areas.iter().map(|s| format!("area_{s}")).collect();
            let mut echo = pairs.echo(&PlacementForm::FIELDS);
            echo.extend(ticked.iter().map(|name| (name.as_str(), "on")));
            refused(error, &format!("/applications/{id}"), &echo)
        }
    }
}

/// `POST /placements/{id}/age`: the student says whether they are under 18.
pub async fn state_age(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    pairs: FormPairs,
) -> Response {
    let form = AgeForm { under_18: pairs.text("under_18"), guardian_email: pairs.text("guardian_email") };
    let (db, ctx) = (&state.db, &caller.ctx);
    match consent::state_age(db, ctx.actor, id, &form, &ctx.site_url, ctx.now).await {
        Ok(PlacementStatus::Active) => done(&page(id), Notice::PlacementActive),
        Ok(_) => done(&page(id), Notice::ConsentSent),
        Err(error) => refused(error, &page(id), &pairs.echo(&["under_18", "guardian_email"])),
    }
}

/// `POST /placements/{id}/consent/resend`
pub async fn resend_consent(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    let (db, ctx) = (&state.db, &caller.ctx);
    match consent::resend(db, ctx.actor, id, &ctx.site_url, ctx.now).await {
        Ok(()) => done(&page(id), Notice::ConsentSent),
        Err(error) => refused(error, &page(id), &[]),
    }
}

/// `POST /placements/{id}/coordinator`: the program's members choose the coordinator.
pub async fn set_coordinator(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    pairs: FormPairs,
) -> Response {
    let (db, ctx) = (&state.db, &caller.ctx);
    match manage::set_coordinator(db, ctx.actor, id, &pairs.text("coordinator"), ctx.now).await {
        Ok(()) => done(&page(id), Notice::CoordinatorSet),
        Err(error) => refused(error, &page(id), &pairs.echo(&["coordinator"])),
    }
}

/// `POST /placements/{id}/end`: any party ends it early, with a reason.
pub async fn end(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    pairs: FormPairs,
) -> Response {
    let (db, ctx) = (&state.db, &caller.ctx);
    match manage::end(db, ctx.actor, id, &pairs.text("reason"), ctx.now).await {
        Ok(_) => done(&page(id), Notice::PlacementEnded),
        Err(error) => refused(error, &page(id), &pairs.echo(&["reason"])),
    }
}

/// `POST /guardian-consent`: the guardian agrees, typing their name (no account needed:
/// the link is the key, and it works once).
pub async fn agree(State(state): State<AppState>, caller: Caller, pairs: FormPairs) -> Response {
    let token = pairs.trimmed("token");
    let back = format!("{CONSENT_PAGE}?token={}", app::model::encode(&token));
    match consent::agree(&state.db, &token, &pairs.text("name"), pairs.has("agree"), caller.ctx.now).await {
        Ok(_) => done(CONSENT_PAGE, Notice::ConsentGiven),
        Err(error) => refused(error, &back, &pairs.echo(&["name"])),
    }
}
