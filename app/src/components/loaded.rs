//! The one way a view waits for its data: "Loading…" while the server answers, then the
//! data, or the refusal. A page's own data refused is the page's refusal (its status, a
//! sign-in redirect, the 404 page); a section's data refused (`inline`) is one line in the
//! section, and the rest of the page still shows.
use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

use crate::{components::refusal::Refusal, error::AppError};

#[component]
pub fn Loaded<T, V, F>(
    /// The data, as a server function answers it.
    resource: Resource<Result<T, AppError>>,
    /// The view of the data (`let:data`).
    children: F,
    /// A section's data: a refusal shows as one line instead of as the page's refusal.
    #[prop(optional)]
    inline: bool,
    /// What shows while waiting, when "Loading…" is not the word ("Searching…").
    #[prop(optional)]
    waiting: Option<&'static str>,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let waiting = waiting.unwrap_or("Loading…");
    view! {
        <Suspense fallback=move || view! { <p>{waiting}</p> }>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(data) => children(data).into_any(),
                        Err(error) if inline => view! { <p role="alert" class="error">{error.to_string()}</p> }.into_any(),
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
