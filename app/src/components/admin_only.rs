//! What the admin pages show when the server refuses their data.
use leptos::prelude::*;

use crate::error::AppError;

/// Instead of an admin page's content: sign in first (the page answers with a redirect to
/// `login`), "for admins only" with a 403, or the error's words.
pub fn admin_refusal(error: AppError, login: &'static str) -> AnyView {
    match error {
        AppError::SignInRequired => {
            #[cfg(feature = "ssr")]
            crate::ssr::redirect_page(login);
            view! { <p>"Please " <a href=login>"sign in"</a> "."</p> }.into_any()
        }
        AppError::Forbidden => {
            #[cfg(feature = "ssr")]
            crate::ssr::set_status(http::StatusCode::FORBIDDEN);
            view! { <p role="alert" class="error">"This area is for Bayline's admins."</p> }.into_any()
        }
        error => view! { <p role="alert" class="error">{error.to_string()}</p> }.into_any(),
    }
}
