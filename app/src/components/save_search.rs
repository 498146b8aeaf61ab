//! "Save this search" under a list page's results: a signed-in person names the search the
//! page shows (its URL, filters and all) and chooses how often to hear of new matches; a
//! visitor is offered to sign in first and come back to the same search. A plain POST form
//! (server/src/forms/alerts.rs), so it works without JavaScript.
use domain::alerts::{AlertFrequency, MAX_NAME_CHARS, MAX_SAVED_SEARCHES};
use leptos::prelude::*;

use crate::{
    alerts_model::SaveState,
    api::alerts::save_search_state,
    components::form_fields::{Done, SelectField, TextField, field_error, refusal},
    error::AppError,
    model::encode,
    notice,
};

/// What the form needs to know of the visitor, for the page to create beside its own
/// resources (not inside their `Suspend`).
pub type SaveStateResource = Resource<Result<Option<SaveState>, AppError>>;

/// The visitor's saved searches as they concern this very page.
pub fn save_state() -> SaveStateResource {
    let here = crate::components::refusal::this_page();
    Resource::new(move || here.clone(), save_search_state)
}

#[component]
pub fn SaveSearch(saver: SaveStateResource) -> impl IntoView {
    let here = crate::components::refusal::this_page();
    view! {
        <Done shows=notice::SAVED_SEARCH />
        <Suspense fallback=|| ()>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    saver.await.ok().map(|state| view! { <SaveForm state here /> })
                })
            }}
        </Suspense>
    }
}

#[component]
fn SaveForm(state: Option<SaveState>, here: String) -> impl IntoView {
    let Some(SaveState { count, saved_as }) = state else {
        let login = format!("/login?next={}", encode(&here));
        return view! {
            <p class="save-search">
                <a href=login>"Sign in to save this search"</a>
                " and hear when something new matches it."
            </p>
        }
        .into_any();
    };
    if let Some(name) = saved_as {
        return view! {
            <p class="save-search">
                {format!("You saved this search as “{name}”. ")}
                <a href="/account/alerts">"Change or stop it"</a>
            </p>
        }
        .into_any();
    }
    if count >= MAX_SAVED_SEARCHES {
        return view! {
            <p class="save-search">
                {format!("You keep {MAX_SAVED_SEARCHES} saved searches, the most there can be. ")}
                <a href="/account/alerts">"Manage your saved searches"</a>
            </p>
        }
        .into_any();
    }
    let frequencies: Vec<(&'static str, &'static str)> =
        AlertFrequency::ALL.iter().map(|f| (f.slug(), f.label())).collect();
    let url_error = field_error("url");
    // Open after a refusal, so the message and what was typed are in view.
    let open = refusal().is_some();
    view! {
        <details class="save-search" open=open>
            <summary>"Save this search"</summary>
            <form class="account-form" method="post" action="/account/alerts" id="url">
                <input type="hidden" name="url" value=here />
                <p class="field-error" role="alert">{url_error}</p>
                <TextField
                    name="name"
                    label="Name (optional)"
                    maxlength=MAX_NAME_CHARS
                    hint="Shown in your alerts, e.g. “Diesel internships near home”."
                />
                <SelectField name="frequency" label="E-mail me" options=frequencies required=true prefill="daily" />
                <button type="submit">"Save search"</button>
                <p class="hint">
                    "Change or stop it any time on " <a href="/account/alerts">"your saved searches"</a> "."
                </p>
            </form>
        </details>
    }
    .into_any()
}
