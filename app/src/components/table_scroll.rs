use leptos::prelude::*;

/// A table's frame: on a narrow screen a wide table scrolls sideways inside it instead of
/// widening the whole page. Named and focusable, so keyboard users can scroll it with the
/// arrow keys and screen readers announce what it holds (the scrollable-region pattern).
#[component]
pub fn TableScroll(#[prop(into)] label: String, children: Children) -> impl IntoView {
    view! { <div class="table-scroll" role="region" aria-label=label tabindex="0">{children()}</div> }
}
