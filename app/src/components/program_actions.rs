//! On a program's profile: save it (signed-in people), see its instructors' organisation
//! when they are on Bayline, or claim it ("I teach here").
use leptos::prelude::*;

use crate::{api::orgs::ProgramActionState as Actions, error::AppError, model::encode};

/// The page creates `actions` (with `program_actions`) beside its other resources.
#[component]
pub fn ProgramActions(unitid: i32, actions: Resource<Result<Actions, AppError>>) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                actions.await.ok().map(|actions| view! { <ActionBar unitid actions /> })
            })}
        </Suspense>
    }
}

#[component]
fn ActionBar(unitid: i32, actions: Actions) -> impl IntoView {
    // This very page, its `?zip=` included, so saving (or signing in first) brings the person
    // back to the distances they were reading.
    let here = crate::components::refusal::this_page();
    let save = if !actions.signed_in {
        let login = format!("/login?next={}", encode(&here));
        view! { <p><a href=login>"Sign in to save this program"</a></p> }.into_any()
    } else if actions.saved {
        view! {
            <form method="post" action="/saved-programs/remove" class="inline">
                <input type="hidden" name="unitid" value=unitid />
                <input type="hidden" name="back" value=here.clone() />
                <span class="saved-mark">"Saved to your account. "</span>
                <button type="submit">"Remove from saved"</button>
            </form>
        }
        .into_any()
    } else {
        view! {
            <form method="post" action="/saved-programs" class="inline">
                <input type="hidden" name="unitid" value=unitid />
                <input type="hidden" name="back" value=here.clone() />
                <button type="submit">"Save this program"</button>
            </form>
        }
        .into_any()
    };
    let claim = match actions.claimed_by {
        Some(org) => view! {
            <p class="claimed">
                "Its instructors are on Bayline: " <a href=format!("/orgs/{org}")>"see the program's page"</a>
            </p>
        }
        .into_any(),
        None => view! {
            <p><a href=format!("/schools/new?unitid={unitid}")>"I teach here: claim this program"</a></p>
        }
        .into_any(),
    };
    view! { <div class="program-actions">{save}{claim}</div> }
}
