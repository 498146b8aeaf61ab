//! What the admin pages show when the server refuses their data, and the pair of forms an
//! admin decides a request with.
use leptos::prelude::*;

use crate::{components::refusal::Refusal, error::AppError};

/// Instead of an admin page's content: sign in first (a redirect to sign in and back to this
/// very page, by `Refusal`), "for admins only" with a 403, or the error's words.
pub fn admin_refusal(error: AppError) -> AnyView {
    match error {
        AppError::Forbidden => {
            #[cfg(feature = "ssr")]
            crate::ssr::set_status(http::StatusCode::FORBIDDEN);
            view! { <p role="alert" class="error">"This area is for Bayline's admins."</p> }.into_any()
        }
        error => view! { <Refusal error /> }.into_any(),
    }
}

/// An admin's decision on a request (an organisation waiting for verification, a school
/// claim): one button that approves it, and one that refuses it with a reason that is
/// emailed. Plain forms, so they work without JavaScript.
#[component]
pub fn DecisionForms(
    approve_action: String,
    approve_label: String,
    refuse_action: String,
    refuse_label: String,
    reason_label: &'static str,
    reason_id: String,
) -> impl IntoView {
    view! {
        <form method="post" action=approve_action class="inline">
            <button type="submit">{approve_label}</button>
        </form>
        <form method="post" action=refuse_action class="inline">
            <label for=reason_id.clone()>{reason_label}</label>
            <input id=reason_id name="reason" maxlength="500" required />
            <button type="submit" class="danger">{refuse_label}</button>
        </form>
    }
}
