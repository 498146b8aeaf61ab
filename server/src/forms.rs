//! Every route that acts for a signed-in person (the forms' POSTs, and private downloads),
//! in one list, and what those handlers share.
//!
//! Mutations are plain POST handlers (not server functions) so that they work without
//! JavaScript, can set cookies, and answer with a 303 redirect carrying any message in the
//! query string. The authorization test enumerates [`routes`]: a new form route without an
//! entry in its table fails that test.
use app::{model::encode, ssr::AppState};
use axum::{
    extract::FromRequestParts,
    http::{HeaderValue, StatusCode, header, request::Parts},
    response::{Html, IntoResponse, Redirect, Response},
    routing::{MethodRouter, get, post},
};
use chrono::Utc;
use service::{
    accounts::sessions,
    authz::{self, Actor},
    error::ServiceError,
};

use crate::{
    account_forms, auth, career_forms, claim_forms, event_forms, insights_download, insights_forms,
    membership_forms, moderation_forms, need_forms, notification_forms, opening_forms, org_forms,
    partnership_forms, resource_forms, second_factor_forms,
};

/// The form routes (POST) and private downloads (GET).
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/signup", post(auth::sign_up)),
        ("/login", post(auth::sign_in)),
        ("/logout", post(auth::sign_out)),
        ("/verify-email", post(auth::verify_email)),
        ("/shops", post(org_forms::create_shop)),
        ("/schools/claim", post(claim_forms::claim_program)),
        ("/claims/{id}/accept", post(claim_forms::accept)),
        ("/claims/{id}/refuse", post(claim_forms::decline)),
        ("/schools/high-school", post(org_forms::add_high_school_program)),
        ("/orgs/{id}/invite", post(org_forms::invite)),
        ("/orgs/{id}/remove-member", post(org_forms::remove_member)),
        ("/orgs/{id}/transfer", post(org_forms::transfer_ownership)),
        ("/orgs/{id}/needs", post(need_forms::create_need)),
        ("/needs/{id}/status", post(need_forms::change_status)),
        ("/needs/{id}/offers", post(partnership_forms::make_offer)),
        ("/offers/{id}/accept", post(partnership_forms::accept_offer)),
        ("/offers/{id}/decline", post(partnership_forms::decline_offer)),
        ("/orgs/{id}/partnerships", post(partnership_forms::propose)),
        ("/partnerships/{id}/accept", post(partnership_forms::accept)),
        ("/partnerships/{id}/decline", post(partnership_forms::decline)),
        ("/partnerships/{id}/end", post(partnership_forms::end)),
        ("/partnerships/{id}/complete", post(partnership_forms::complete)),
        ("/partnerships/{id}/messages", post(partnership_forms::message)),
        ("/notifications/{id}/open", post(notification_forms::open)),
        ("/notifications/read", post(notification_forms::mark_all_read)),
        ("/notifications/emails", post(notification_forms::choose_emails)),
        ("/orgs/{id}/openings", post(opening_forms::create_opening)),
        ("/openings/{id}/status", post(opening_forms::change_status)),
        ("/openings/{id}/interest", post(opening_forms::express_interest)),
        ("/openings/{id}/withdraw", post(opening_forms::withdraw_interest)),
        ("/invitations/accept", post(org_forms::accept_invitation)),
        ("/admin/claims/{id}/verify", post(claim_forms::verify)),
        ("/admin/claims/{id}/refuse", post(claim_forms::refuse)),
        ("/admin/orgs/{id}/verify", post(org_forms::verify_organisation)),
        ("/admin/orgs/{id}/reject", post(org_forms::reject_organisation)),
        ("/admin/orgs/{id}/suspend", post(moderation_forms::suspend)),
        ("/admin/orgs/{id}/lift", post(moderation_forms::lift)),
        ("/orgs/{id}/pay", post(insights_forms::contribute)),
        ("/admin/insights/{id}/accept", post(insights_forms::accept)),
        ("/admin/insights/{id}/reject", post(insights_forms::reject)),
        ("/admin/resources", post(resource_forms::create)),
        ("/admin/resources/{id}", post(resource_forms::update)),
        ("/admin/resources/{id}/publish", post(resource_forms::publish)),
        ("/admin/resources/{id}/delete", post(resource_forms::delete)),
        ("/admin/reports/hide", post(moderation_forms::hide)),
        ("/admin/reports/dismiss", post(moderation_forms::dismiss)),
        ("/reports", post(moderation_forms::file_report)),
        ("/saved-programs", post(org_forms::save_program)),
        ("/saved-programs/remove", post(org_forms::unsave_program)),
        ("/saved-paths", post(career_forms::save_path)),
        ("/saved-paths/remove", post(career_forms::unsave_path)),
        ("/forgot-password", post(account_forms::forgot_password)),
        ("/reset-password", post(account_forms::reset_password)),
        ("/confirm-email-change", post(account_forms::confirm_email_change)),
        ("/login/code", post(second_factor_forms::answer_challenge)),
        ("/account/second-factor/begin", post(second_factor_forms::begin)),
        ("/account/second-factor/confirm", post(second_factor_forms::confirm)),
        ("/account/second-factor/recovery-codes", post(second_factor_forms::new_recovery_codes)),
        ("/account/second-factor/off", post(second_factor_forms::turn_off)),
        ("/account/sessions/end", post(second_factor_forms::end_session)),
        ("/account/sessions/end-others", post(second_factor_forms::end_other_sessions)),
        ("/account/password", post(account_forms::change_password)),
        ("/account/email", post(account_forms::change_email)),
        ("/account/delete", post(account_forms::delete_account)),
        ("/account/export.json", post(account_forms::export)),
        ("/admin/plans", post(membership_forms::create_plan)),
        ("/admin/plans/{id}/retire", post(membership_forms::retire_plan)),
        ("/admin/plans/{id}/offer", post(membership_forms::offer_plan)),
        ("/admin/discount-codes", post(membership_forms::create_code)),
        ("/orgs/{id}/membership", post(membership_forms::confirm_checkout)),
        ("/invoices/{id}/cancel", post(membership_forms::cancel_invoice)),
        ("/admin/invoices/{id}/paid", post(membership_forms::mark_paid)),
        ("/insights.csv", get(insights_download::csv)),
        ("/events", post(event_forms::create)),
        ("/events/{id}/edit", post(event_forms::edit)),
        ("/events/{id}/cancel", post(event_forms::cancel_event)),
        ("/events/{id}/register", post(event_forms::register)),
        ("/events/{id}/unregister", post(event_forms::unregister)),
        ("/events/{id}/calendar.ics", get(event_forms::calendar)),
    ]
}

/// The person behind the request's session cookie, if any; also the cookie's token so a
/// handler can replace the session when the person's rights change.
pub struct Caller {
    pub actor: Option<Actor>,
    pub token: Option<String>,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Some(token) = state.session_cookie.read(&parts.headers) else {
            return Ok(Self { actor: None, token: None });
        };
        let lookup = async {
            match sessions::resume(&state.db, &token, Utc::now()).await? {
                Some(user_id) => authz::actor(&state.db, user_id).await,
                None => Ok(None),
            }
        };
        match lookup.await {
            Ok(actor) => Ok(Self { actor, token: Some(token) }),
            Err(error) => {
                tracing::error!(%error, "could not read the session");
                Err(StatusCode::INTERNAL_SERVER_ERROR.into_response())
            }
        }
    }
}

/// The answer to a refused or failed form: sign in first, a 403 page, or back to the form
/// with the message, the field it concerns and the values typed (`echo`; never secrets).
pub fn refused(error: ServiceError, form_page: &str, echo: &[(&str, &str)]) -> Response {
    match error {
        ServiceError::SignInRequired => {
            Redirect::to(&format!("/login?next={}", encode(form_page))).into_response()
        }
        ServiceError::Forbidden => forbidden(),
        ServiceError::NotFound => {
            (StatusCode::NOT_FOUND, Html(plain_page("Not found", "There is nothing here."))).into_response()
        }
        ServiceError::Invalid { field, message } => back(form_page, &message, Some(field), echo),
        ServiceError::Conflict(message) => back(form_page, &message, None, echo),
        // Shown beside the form, with what was typed, like any other refusal of the input.
        limited @ ServiceError::RateLimited { .. } => back(form_page, &limited.to_string(), None, echo),
        ServiceError::Database(error) => {
            tracing::error!(%error, "database error in a form");
            back(form_page, "something went wrong on our side; please try again", None, echo)
        }
    }
}

pub fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        Html(plain_page(
            "Not allowed",
            "Your account does not have access to this. <a href=\"/account\">Back to your account</a>",
        )),
    )
        .into_response()
}

fn plain_page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} · Bayline</title>\
         <link rel=\"stylesheet\" href=\"/pkg/bayline.css\"></head><body><main><h1>{title}</h1><p>{body}</p></main></body></html>"
    )
}

/// A 303 back to `page` with `error`, `field` and the echoed values in the query string.
pub fn back(page: &str, message: &str, field: Option<&str>, echo: &[(&str, &str)]) -> Response {
    let mut url = format!("{page}{}error={}", separator(page), encode(message));
    if let Some(field) = field {
        url.push_str(&format!("&field={}", encode(field)));
    }
    for (name, value) in echo {
        // Long values are not echoed: the URL would grow without bound.
        if value.len() <= 500 {
            url.push_str(&format!("&{name}={}", encode(value)));
        }
    }
    Redirect::to(&url).into_response()
}

/// `candidate` when it is a path on this site, else `fallback`. A path starts with one `/`,
/// holds no backslash and no control character (browsers drop TAB and newlines from URLs, so
/// `/\t/evil.example` would become `//evil.example`, another site; a control character in a
/// `Location` header would also fail the response), and is at most `max` bytes.
pub fn local_path<'a>(candidate: &'a str, max: usize, fallback: &'a str) -> &'a str {
    let path = candidate.trim_matches(' ');
    let local = path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && path.len() <= max;
    if local { path } else { fallback }
}

/// A 303 to `page` after success, with a message key (`done=…`) the page turns into words.
pub fn done(page: &str, what: &str) -> Response {
    Redirect::to(&format!("{page}{}done={}", separator(page), encode(what))).into_response()
}

fn separator(page: &str) -> &'static str {
    if page.contains('?') { "&" } else { "?" }
}

pub fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// Replaces the caller's session by a new one (a new id whenever their rights change) and
/// sets its cookie on `response`.
pub async fn rotate_session(state: &AppState, caller: &Caller, response: Response) -> Response {
    let Some(actor) = caller.actor else { return response };
    let now = Utc::now();
    let mut device = sessions::Device::default();
    if let Some(token) = &caller.token {
        // The new id is for the same browser: its place in the list of devices stays.
        device = sessions::device_of(&state.db, token).await.unwrap_or_default();
        if let Err(error) = sessions::end(&state.db, token).await {
            tracing::error!(%error, "could not end the old session");
        }
    }
    match sessions::start_on(&state.db, actor.user_id, &device, now).await {
        Ok(session) => {
            let max_age = (session.expires_at - now).num_seconds();
            with_cookie(response, &state.session_cookie.set(&session.token, max_age))
        }
        Err(error) => {
            tracing::error!(%error, "could not start a new session");
            with_cookie(response, &state.session_cookie.clear())
        }
    }
}

#[cfg(test)]
mod local_path_tests {
    use super::local_path;

    #[test]
    fn only_plain_paths_on_this_site_are_followed() {
        assert_eq!(local_path("/programs?zip=48201", 200, "/account"), "/programs?zip=48201");
        for off_site in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\u{7f}/x",
            "/\u{1}",
            "/\r\nSet-Cookie: x",
            "https://evil.example",
            "evil",
            "",
        ] {
            assert_eq!(local_path(off_site, 200, "/account"), "/account", "{off_site:?}");
        }
        assert_eq!(local_path(&format!("/{}", "a".repeat(300)), 200, "/account"), "/account");
    }
}
