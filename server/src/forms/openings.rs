//! Form handlers for openings: posting one for a shop, closing or reopening it, and a
//! student expressing or withdrawing interest. The service layer decides who may; each
//! answers with a 303 redirect.
use app::notice::Notice;
use app::ssr::AppState;
use axum::{
    Form,
    extract::{Path, State},
    response::Response,
};
use domain::needs::SkillArea;
use service::openings::{
    interest::{self, InterestForm},
    post::{self, OpeningForm},
};

use crate::forms::reply::{Caller, FormPairs, done, refused};

pub async fn create_opening(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(form): Form<OpeningForm>,
) -> Response {
    match post::create(&state.db, caller.ctx.actor, id, &form, caller.ctx.now).await {
        Ok(opening) => done(&format!("/openings/{opening}"), Notice::OpeningPosted),
        Err(error) => refused(error, &format!("/orgs/{id}"), &form.typed()),
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
    match post::set_status(&state.db, caller.ctx.actor, id, &f.status, caller.ctx.now).await {
        Ok(_) => done(&format!("/openings/{id}"), Notice::OpeningStatus),
        Err(error) => refused(error, &format!("/openings/{id}"), &[]),
    }
}

/// Reads the interest form. Ticks and certifications are one checkbox each (`share_name`,
/// `cert_a5`, …), so a plain form needs no repeated keys.
fn interest_form(pairs: &FormPairs) -> InterestForm {
    let value = |name: &str| pairs.text(name);
    let ticked = |name: &str| pairs.has(name);
    InterestForm {
        share_name: ticked("share_name"),
        name: value("name"),
        share_program: ticked("share_program"),
        program_id: value("program_id"),
        share_completion: ticked("share_completion"),
        expected_completion: value("expected_completion"),
        share_certifications: ticked("share_certifications"),
        certifications: SkillArea::ALL
            .iter()
            .filter(|skill| ticked(&format!("cert_{}", skill.slug())))
            .map(|skill| skill.slug().to_string())
            .collect(),
    }
}

pub async fn express_interest(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    pairs: FormPairs,
) -> Response {
    let form = interest_form(&pairs);
    match interest::express(&state.db, caller.ctx.actor, id, &form, &caller.ctx.site_url, caller.ctx.now)
        .await
    {
        Ok(_) => done(&format!("/openings/{id}"), Notice::Interested),
        Err(error) => {
            // What was typed and ticked goes back into the form (the values are the
            // student's own, shown only to them).
            let echo: Vec<(&str, &str)> = pairs
                .0
                .iter()
                .filter(|(k, _)| {
                    ["name", "program_id", "expected_completion"].contains(&k.as_str())
                        || k.starts_with("share_")
                        || k.starts_with("cert_")
                })
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            refused(error, &format!("/openings/{id}"), &echo)
        }
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct WithdrawFields {
    /// `/account` when withdrawn from the account page, `/applications/{id}` from a
    /// conversation; anything else returns to the opening (never a URL taken from the form
    /// as it is, so this cannot redirect elsewhere).
    back: String,
}

/// Where a withdrawal goes back to: one of the pages it may be made from.
fn withdrawn_to(back: &str, opening_id: i64) -> String {
    let conversation = back
        .strip_prefix("/applications/")
        .filter(|id| !id.is_empty() && id.len() <= 18 && id.bytes().all(|b| b.is_ascii_digit()));
    match (back, conversation) {
        ("/account", _) => "/account".to_string(),
        (_, Some(id)) => format!("/applications/{id}"),
        _ => format!("/openings/{opening_id}"),
    }
}

pub async fn withdraw_interest(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(f): Form<WithdrawFields>,
) -> Response {
    let page = withdrawn_to(&f.back, id);
    match interest::withdraw(&state.db, caller.ctx.actor, id, caller.ctx.now).await {
        Ok(()) => done(&page, Notice::InterestWithdrawn),
        Err(error) => refused(error, &page, &[]),
    }
}

#[cfg(test)]
mod tests {
    use super::withdrawn_to;

    #[test]
    fn a_withdrawal_goes_back_only_to_its_own_pages() {
        assert_eq!(withdrawn_to("/account", 4), "/account");
        assert_eq!(withdrawn_to("/applications/17", 4), "/applications/17");
        for elsewhere in
            ["", "https://evil.example/", "//evil.example", "/applications/", "/applications/1/../x"]
        {
            assert_eq!(withdrawn_to(elsewhere, 4), "/openings/4", "{elsewhere}");
        }
    }
}
