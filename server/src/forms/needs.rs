//! Form handlers for needs: posting one for a school program, and changing its status.
//! The service layer decides who may; each answers with a 303 redirect.
use app::notice::Notice;
use app::ssr::AppState;
use axum::{
    Form,
    extract::{Path, State},
    response::Response,
};
use domain::needs::SkillArea;
use service::needs::{
    create::{self, NeedForm},
    status,
};

use crate::forms::reply::{Caller, FormPairs, done, refused};

/// The plain text fields the need form echoes back after a problem.
const ECHOED: [&str; 7] = ["kind", "title", "description", "students", "starts_on", "ends_on", "paid"];

/// Reads the need form. Skill areas are one checkbox each (`skill_<slug>`), so a plain
/// form needs no repeated keys; the pairs keep any unknown field out of the way.
fn need_form(pairs: &FormPairs) -> NeedForm {
    let value = |name: &str| pairs.text(name);
    let skills = SkillArea::ALL
        .iter()
        .filter(|skill| pairs.has(&format!("skill_{}", skill.slug())))
        .map(|skill| skill.slug().to_string())
        .collect();
    NeedForm {
        kind: value("kind"),
        title: value("title"),
        description: value("description"),
        students: value("students"),
        skills,
        starts_on: value("starts_on"),
        ends_on: value("ends_on"),
        paid: value("paid"),
        submission: value("submission"),
    }
}

pub async fn create_need(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    pairs: FormPairs,
) -> Response {
    let form = need_form(&pairs);
    match create::create(&state.db, caller.ctx.actor, id, &form, caller.ctx.now).await {
        Ok(need) => done(&format!("/needs/{need}"), Notice::NeedPosted),
        Err(error) => {
            let ticked: Vec<String> = form.skills.iter().map(|s| format!("skill_{s}")).collect();
            let mut echo = pairs.echo(&ECHOED);
            echo.extend(ticked.iter().map(|name| (name.as_str(), "on")));
            refused(error, &format!("/orgs/{id}"), &echo)
        }
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct StatusField {
    status: String,
}

pub async fn change_status(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(f): Form<StatusField>,
) -> Response {
    match status::set_status(&state.db, caller.ctx.actor, id, &f.status, caller.ctx.now).await {
        Ok(organisation) => done(&format!("/orgs/{organisation}"), Notice::NeedStatus),
        Err(error) => refused(error, &format!("/needs/{id}"), &[]),
    }
}
