use leptos::prelude::*;

/// A table's frame: on a narrow screen a wide table scrolls sideways inside it instead of
/// widening the whole page. Named and focusable, so keyboard users can scroll it with the
/// arrow keys and screen readers announce what it holds (the scrollable-region pattern).
/// The region's name says it is the table, so it never repeats the name of the section around
/// it (two landmarks with one name confuse screen-reader navigation; axe's landmark-unique).
#[component]
pub fn TableScroll(#[prop(into)] label: String, children: Children) -> impl IntoView {
    let name = format!("{label} (table)");
    view! { <div class="table-scroll" role="region" aria-label=name tabindex="0">{children()}</div> }
}
