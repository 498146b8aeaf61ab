//! What a page shows when the server refuses its data: the status the refusal means (a page
//! that refuses is never a 200, and never a 500 unless the fault is ours), words a person
//! understands, and where to go next, so no refusal is a dead end.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

use crate::{error::AppError, model::encode, pages::not_found::NotFound};

/// Instead of a page's content when its data was refused. Signing in is a step, not a
/// refusal: that page answers with a redirect to `/login?next=<this page>`.
#[component]
pub fn Refusal(error: AppError) -> impl IntoView {
    let here = this_page();
    match error {
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        AppError::SignInRequired => {
            let login = format!("/login?next={}", encode(&here));
            #[cfg(feature = "ssr")]
            crate::ssr::redirect_page(&login);
            view! {
                <Title text="Sign in to see this page" />
                <section class="refusal" aria-labelledby="refusal-title">
                    <h1 id="refusal-title">"Sign in to see this page"</h1>
                    <p>
                        <a href=login>"Sign in"</a>
                        " and you come back here, or "
                        <a href="/signup">"create an account"</a>
                        "."
                    </p>
                </section>
            }
            .into_any()
        }
        AppError::Forbidden => {
            #[cfg(feature = "ssr")]
            crate::ssr::set_status(error.status());
            view! {
                <Title text="Not yours to see" />
                <section class="refusal" aria-labelledby="refusal-title">
                    <h1 id="refusal-title">"This page is not yours to see"</h1>
                    <p>
                        "It belongs to other people on Bayline, such as the members of a shop or a school \
                         program. If you should see it, ask one of them to invite you."
                    </p>
                    <p>
                        <a href="/account">"Go to your account"</a>
                        " or "
                        <a href="/">"the home page"</a>
                        "."
                    </p>
                </section>
            }
            .into_any()
        }
        error => {
            #[cfg(feature = "ssr")]
            crate::ssr::set_status(error.status());
            // Asking again helps only when the fault was passing (ours, or too many at once).
            let passing =
                matches!(error, AppError::Internal | AppError::RateLimited(_) | AppError::Transport(_));
            view! {
                <section class="refusal">
                    <p role="alert" class="error">{error.to_string()}</p>
                    <p>
                        {passing.then(|| view! { <a href=here.clone()>"Try again"</a> " or go to " })}
                        <a href="/">"the home page"</a>
                        "."
                    </p>
                </section>
            }
            .into_any()
        }
    }
}

/// The page being rendered, as a local path with its query (`/programs/1?zip=48201`): where
/// signing in, or a form's `back`, returns to. The router's `search` carries no `?`.
pub fn this_page() -> String {
    let location = use_location();
    let (path, search) = (location.pathname.get_untracked(), location.search.get_untracked());
    let search = search.trim_start_matches('?');
    if search.is_empty() { path } else { format!("{path}?{search}") }
}
