//! The top of a page, the same everywhere: where it sits (a link back up), its title, and one
//! sentence on what it is for.
use leptos::prelude::*;

#[component]
pub fn PageHeader(
    #[prop(into)] title: String,
    /// What the page is for, in one sentence.
    #[prop(optional)]
    lede: Option<&'static str>,
    /// The page above this one: `(href, label)`.
    #[prop(optional)]
    back: Option<(&'static str, &'static str)>,
) -> impl IntoView {
    view! {
        <div class="page-header">
            {back.map(|(href, label)| view! { <p class="breadcrumb"><a href=href>{format!("← {label}")}</a></p> })}
            <h1>{title}</h1>
            {lede.map(|lede| view! { <p class="lede">{lede}</p> })}
        </div>
    }
}
