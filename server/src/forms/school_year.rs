//! Form handlers of the school's year: the yearly update, who filled a need (recorded by the
//! school, disputed by the shop named) and the admins' revocations of badges. The service
//! decides who may; each answers with a 303.
use app::{notice::Notice, ssr::AppState};
use axum::{
    extract::{Path, State},
    response::Response,
};
use domain::school_year::SchoolYear;
use service::error::ServiceError;
use service::school_year::{
    badges,
    fills::{self, FillForm},
    update::{self, UpdateForm},
};

use crate::forms::reply::{Caller, FormPairs, back, done, refused};

fn update_form(pairs: &FormPairs) -> UpdateForm {
    UpdateForm {
        year: pairs.text("year"),
        enrolled_auto: pairs.text("enrolled_auto"),
        enrolled_diesel: pairs.text("enrolled_diesel"),
        enrolled_collision: pairs.text("enrolled_collision"),
        enrolled_heavy_truck: pairs.text("enrolled_heavy_truck"),
        completions: pairs.text("completions"),
        changes: pairs.text("changes"),
        asks: pairs.text("asks"),
    }
}

/// `POST /orgs/{id}/year-update`: posts or changes the running year's update.
pub async fn save_update(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    pairs: FormPairs,
) -> Response {
    match update::save(&state.db, caller.ctx.actor, id, &update_form(&pairs), caller.ctx.now).await {
        Ok(_) => done(&format!("/orgs/{id}"), Notice::YearlyUpdateSaved),
        Err(error) => refused(error, &format!("/orgs/{id}/year-update"), &pairs.echo(&UpdateForm::FIELDS)),
    }
}

/// `POST /needs/{id}/fill`: the school names the shop that filled its need.
pub async fn record_fill(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    pairs: FormPairs,
) -> Response {
    let form = FillForm { shop: pairs.text("shop"), filled_on: pairs.text("filled_on") };
    let (db, ctx) = (&state.db, &caller.ctx);
    match fills::record(db, ctx.actor, id, &form, &ctx.site_url, ctx.now).await {
        Ok(()) => done(&format!("/needs/{id}"), Notice::NeedFillRecorded),
        Err(error) => refused(error, &format!("/needs/{id}"), &pairs.echo(&["shop", "filled_on"])),
    }
}

/// `POST /needs/{id}/fill/remove`
pub async fn remove_fill(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    match fills::remove(&state.db, caller.ctx.actor, id, caller.ctx.now).await {
        Ok(()) => done(&format!("/needs/{id}"), Notice::NeedFillRemoved),
        Err(error) => refused(error, &format!("/needs/{id}"), &[]),
    }
}

/// Where a shop's member goes back to: the shop's page, given by the form (the service
/// checks the person speaks for the shop the record names).
fn shop_page(pairs: &FormPairs) -> String {
    match pairs.trimmed("shop").parse::<i64>() {
        Ok(shop) => format!("/orgs/{shop}"),
        Err(_) => "/account".into(),
    }
}

/// `POST /needs/{id}/fill/dispute`: the shop named says it did not fill the need.
pub async fn dispute_fill(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    pairs: FormPairs,
) -> Response {
    let (db, ctx) = (&state.db, &caller.ctx);
    match fills::dispute(db, ctx.actor, id, &pairs.text("reason"), &ctx.site_url, ctx.now).await {
        Ok(shop) => done(&format!("/orgs/{shop}"), Notice::NeedFillDisputed),
        Err(error) => refused(error, &shop_page(&pairs), &pairs.echo(&["reason"])),
    }
}

/// `POST /needs/{id}/fill/withdraw-dispute`
pub async fn withdraw_dispute(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    pairs: FormPairs,
) -> Response {
    match fills::withdraw_dispute(&state.db, caller.ctx.actor, id, caller.ctx.now).await {
        Ok(shop) => done(&format!("/orgs/{shop}"), Notice::NeedFillDisputeWithdrawn),
        Err(error) => refused(error, &shop_page(&pairs), &[]),
    }
}

const ADMIN_PAGE: &str = "/admin/recognition";

/// A revoke or restore form: admins only, checked before the form is read (nobody else
/// learns what it would accept); then the badge it names (organisation and year), changed by
/// `change`, and back to that year's list.
async fn change_badge(
    caller: &Caller,
    pairs: &FormPairs,
    notice: Notice,
    echo: &[&str],
    change: impl AsyncFnOnce(i64, SchoolYear) -> Result<(), ServiceError>,
) -> Response {
    if let Err(error) = service::authz::admin(caller.ctx.actor) {
        return refused(error, ADMIN_PAGE, &[]);
    }
    let year = SchoolYear::parse(&pairs.text("year"));
    let org = pairs.trimmed("organisation").parse::<i64>().ok();
    let (Some(org), Some(year)) = (org, year) else {
        return back(ADMIN_PAGE, "choose a badge from the list", None, &[]);
    };
    let page = format!("{ADMIN_PAGE}?year={}", year.0);
    match change(org, year).await {
        Ok(()) => done(&page, notice),
        Err(error) => refused(error, &page, &pairs.echo(echo)),
    }
}

/// `POST /admin/recognition/revoke`
pub async fn revoke(State(state): State<AppState>, caller: Caller, pairs: FormPairs) -> Response {
    let (actor, now, reason) = (caller.ctx.actor, caller.ctx.now, pairs.text("reason"));
    let revoke = async |org, year| badges::revoke(&state.db, actor, org, year, &reason, now).await;
    change_badge(&caller, &pairs, Notice::BadgeRevoked, &["reason"], revoke).await
}

/// `POST /admin/recognition/restore`
pub async fn restore(State(state): State<AppState>, caller: Caller, pairs: FormPairs) -> Response {
    let (actor, now) = (caller.ctx.actor, caller.ctx.now);
    let restore = async |org, year| badges::restore(&state.db, actor, org, year, now).await;
    change_badge(&caller, &pairs, Notice::BadgeRestored, &[], restore).await
}
