//! Previous / next links under a list of results, each a URL that keeps the list's filters.
use leptos::prelude::*;

/// The links for page `page` of `pages` (nothing when there is one page); `href` gives a
/// page's URL.
pub fn page_links(page: usize, pages: usize, href: impl Fn(usize) -> String) -> Option<AnyView> {
    (pages > 1).then(|| {
        let previous = (page > 1).then(|| href(page - 1));
        let next = (page < pages).then(|| href(page + 1));
        view! {
            <nav class="pagination" aria-label="Result pages">
                {previous.map(|href| view! { <a href=href rel="prev">"← Previous"</a> })}
                <span aria-current="page">{format!("Page {page} of {pages}")}</span>
                {next.map(|href| view! { <a href=href rel="next">"Next →"</a> })}
            </nav>
        }
        .into_any()
    })
}
