//! Form handlers for organisations: adding shops and programs, members and invitations,
//! the admins' verification decisions, and saved programs. Each one identifies the caller,
//! lets the service layer decide what they may do, and answers with a 303 redirect.
use app::notice::Notice;
use app::ssr::AppState;
use axum::{
    Form,
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use domain::ProgramKind;
use serde::Deserialize;
use service::orgs::{
    create::{self, SchoolProgramForm, ShopForm},
    members, saved, verification,
};

use crate::forms::reply::{Caller, done, refused, rotate_session};

pub async fn create_shop(
    State(state): State<AppState>,
    caller: Caller,
    Form(form): Form<ShopForm>,
) -> Response {
    match create::create_shop(&state.db, caller.ctx.actor, &form, caller.ctx.now).await {
        // The creator is now an owner: a new session id for the new rights.
        Ok(created) => {
            rotate_session(&state, &caller, done(&format!("/orgs/{}", created.id), Notice::OrgCreated)).await
        }
        Err(error) => refused(error, "/shops/new", &form.typed()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SchoolFields {
    name: String,
    street: String,
    city: String,
    state: String,
    zip: String,
    website: String,
    accreditation: String,
    /// The imported listing the program is, when added from "not yet on Bayline".
    #[serde(default)]
    listing: String,
    kind_auto: Option<String>,
    kind_diesel: Option<String>,
    kind_collision: Option<String>,
    kind_heavy_truck: Option<String>,
}

impl SchoolFields {
    /// The ticked kinds (one checkbox per kind, so plain forms need no repeated keys).
    fn kinds(&self) -> Vec<String> {
        [
            (ProgramKind::Auto, &self.kind_auto),
            (ProgramKind::Diesel, &self.kind_diesel),
            (ProgramKind::Collision, &self.kind_collision),
            (ProgramKind::HeavyTruck, &self.kind_heavy_truck),
        ]
        .into_iter()
        .filter(|(_, ticked)| ticked.is_some())
        .map(|(kind, _)| kind.slug().to_string())
        .collect()
    }
}

pub async fn add_high_school_program(
    State(state): State<AppState>,
    caller: Caller,
    Form(f): Form<SchoolFields>,
) -> Response {
    let form = SchoolProgramForm {
        name: f.name.clone(),
        street: f.street.clone(),
        city: f.city.clone(),
        state: f.state.clone(),
        zip: f.zip.clone(),
        website: f.website.clone(),
        kinds: f.kinds(),
        accreditation: f.accreditation.clone(),
        listing: f.listing.clone(),
    };
    match create::add_school_program(&state.db, caller.ctx.actor, &form, caller.ctx.now).await {
        Ok(created) => {
            // From a listing at the instructor's own school host it is verified at once; the
            // page says which happened.
            let notice = match created.status {
                domain::orgs::OrgStatus::Verified => Notice::DomainVerified,
                _ => Notice::OrgCreated,
            };
            rotate_session(&state, &caller, done(&format!("/orgs/{}", created.id), notice)).await
        }
        Err(error) => {
            let ticked: Vec<String> = form.kinds.iter().map(|slug| format!("kind_{slug}")).collect();
            let mut typed = vec![
                ("name", f.name.as_str()),
                ("street", &f.street),
                ("city", &f.city),
                ("state", &f.state),
                ("zip", &f.zip),
                ("website", &f.website),
                ("accreditation", &f.accreditation),
            ];
            typed.extend(ticked.iter().map(|name| (name.as_str(), "on")));
            // Back to the same form, the listing it was opened from included.
            let page = match f.listing.trim().parse::<i64>() {
                Ok(listing) => format!("/schools/high-school?listing={listing}"),
                Err(_) => "/schools/high-school".to_string(),
            };
            refused(error, &page, &typed)
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EmailField {
    email: String,
}

pub async fn invite(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(f): Form<EmailField>,
) -> Response {
    let page = format!("/orgs/{id}");
    match members::invite(&state.db, caller.ctx.actor, id, &f.email, &caller.ctx.site_url, caller.ctx.now)
        .await
    {
        Ok(()) => done(&page, Notice::Invited),
        Err(error) => refused(error, &page, &[("email", &f.email)]),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MemberField {
    user_id: i64,
}

pub async fn remove_member(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(f): Form<MemberField>,
) -> Response {
    let page = format!("/orgs/{id}");
    match members::remove(&state.db, caller.ctx.actor, id, f.user_id, caller.ctx.now).await {
        Ok(()) => done(&page, Notice::MemberRemoved),
        Err(error) => refused(error, &page, &[]),
    }
}

pub async fn transfer_ownership(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(f): Form<MemberField>,
) -> Response {
    let page = format!("/orgs/{id}");
    match members::transfer_ownership(&state.db, caller.ctx.actor, id, f.user_id, caller.ctx.now).await {
        // The caller lost rights: their session is replaced too.
        Ok(()) => rotate_session(&state, &caller, done(&page, Notice::Transferred)).await,
        Err(error) => refused(error, &page, &[]),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TokenField {
    token: String,
}

pub async fn accept_invitation(
    State(state): State<AppState>,
    caller: Caller,
    Form(f): Form<TokenField>,
) -> Response {
    match members::accept(&state.db, caller.ctx.actor, &f.token, caller.ctx.now).await {
        Ok(id) => rotate_session(&state, &caller, done(&format!("/orgs/{id}"), Notice::Joined)).await,
        Err(error) => {
            let page = format!("/invitations/accept?token={}", app::model::encode(f.token.trim()));
            refused(error, &page, &[])
        }
    }
}

pub async fn verify_organisation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> Response {
    match verification::verify(&state.db, caller.ctx.actor, id, &caller.ctx.site_url, caller.ctx.now).await {
        Ok(()) => done("/admin", Notice::OrgVerified),
        Err(error) => refused(error, "/admin", &[]),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReasonField {
    reason: String,
}

pub async fn reject_organisation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(f): Form<ReasonField>,
) -> Response {
    match verification::reject(&state.db, caller.ctx.actor, id, &f.reason, caller.ctx.now).await {
        Ok(()) => done("/admin", Notice::OrgRejected),
        Err(error) => refused(error, "/admin", &[]),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SavedFields {
    unitid: String,
    /// The page to return to (a local path only).
    back: String,
}

impl SavedFields {
    fn back(&self) -> &str {
        crate::forms::reply::local_path(&self.back, 200, "/account")
    }
}

pub async fn save_program(
    State(state): State<AppState>,
    caller: Caller,
    Form(f): Form<SavedFields>,
) -> Response {
    let index = match state.programs.current(&state.db).await {
        Ok(snapshot) => snapshot,
        Err(error) => return refused(error.into(), f.back(), &[]),
    };
    match saved::save(&state.db, caller.ctx.actor, &index.index, &f.unitid, caller.ctx.now).await {
        Ok(_) => Redirect::to(f.back()).into_response(),
        Err(error) => refused(error, f.back(), &[]),
    }
}

pub async fn unsave_program(
    State(state): State<AppState>,
    caller: Caller,
    Form(f): Form<SavedFields>,
) -> Response {
    match saved::remove(&state.db, caller.ctx.actor, &f.unitid).await {
        Ok(_) => Redirect::to(f.back()).into_response(),
        Err(error) => refused(error, f.back(), &[]),
    }
}
