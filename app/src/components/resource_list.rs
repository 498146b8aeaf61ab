//! Articles of the resources library as a list, and one article's line of facts. Bodies
//! arrive as HTML the server rendered from Markdown and cleaned with ammonia; only that HTML
//! is set as inner HTML. Everything else is text, escaped by the view.
use domain::resources::{ArticleSummary, Visibility};
use leptos::prelude::*;

/// "Retention · Published 2026-11-30", with a "Members" badge on members-only articles
/// (only members and admins ever receive those) and "Unpublished" on drafts (admins only).
#[component]
pub fn ArticleFacts(article: ArticleSummary) -> impl IntoView {
    let published = match &article.published_on {
        Some(date) => format!(" · Published {date}"),
        None => String::new(),
    };
    let members = (article.visibility == Visibility::Members)
        .then(|| view! { <span class="badge badge-members">"Members"</span> });
    let draft = article.published_on.is_none().then(|| view! { <span class="badge">"Unpublished"</span> });
    view! {
        <p class="meta">
            {format!("{}{published}", article.category.label())}
            " "
            {members}
            {draft}
        </p>
    }
}

/// Articles, newest first, each linking to its own page.
#[component]
pub fn ArticleList(articles: Vec<ArticleSummary>, start: usize) -> impl IntoView {
    let items = articles
        .into_iter()
        .map(|article| {
            let href = format!("/resources/{}", article.slug);
            view! {
                <li class="resource" data-slug=article.slug.clone()>
                    <h3><a href=href>{article.title.clone()}</a></h3>
                    <ArticleFacts article=article.clone() />
                    <p class="summary-text">{article.summary.clone()}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="resource-list" start=start.max(1)>{items}</ol> }
}
