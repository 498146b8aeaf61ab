//! `/resources`: the library of articles for shops, newest first, with a category filter
//! and a search box (a GET form, so every search is a URL and it works without
//! JavaScript). `/resources/{slug}`: one article. Members-only articles reach only current
//! paying members and admins; everyone else is told, in general words, that members read
//! more, and a members-only article's address shows them the not-found page.
use crate::components::loaded::Loaded;
use crate::components::{page_links::page_links, refusal::Refusal};
use domain::resources::{RESOURCES_PER_PAGE, ResourceCategory, ResourceListPage, ResourceSearchParams};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::resources::{resource_article, search_resources},
    components::{
        form_fields::Done,
        layout::Layout,
        resource_list::{ArticleFacts, ArticleList},
    },
    error::AppError,
    notice,
    pages::not_found::NotFound,
};

/// `/resources?q=…&category=…&page=…`
#[component]
pub fn ResourcesPage() -> impl IntoView {
    let query = use_query_map();
    let params = Memo::new(move |_| query.with(|q| ResourceSearchParams::from_lookup(|name| q.get(name))));
    let page = Resource::new(move || params.get(), search_resources);
    view! {
        <Layout description="Guides for shops and schools on hiring, training and keeping technicians.">
            <Title text="Resources for shops" />
            <h1>"Resources for shops"</h1>
            <p class="lede">"Guides on leadership, keeping and hiring technicians, training, and working with schools."</p>
            <Loaded resource=page let:page><Library page params=params.get_untracked() /></Loaded>
        </Layout>
    }
}

#[component]
fn Library(page: ResourceListPage, params: ResourceSearchParams) -> impl IntoView {
    let searched = params.q.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(str::to_string);
    let filtered = searched.is_some() || params.category.as_deref().is_some_and(|c| !c.is_empty());
    let summary = match (page.total, &searched) {
        _ if page.problem.is_some() => None,
        (0, Some(q)) => Some(format!("No articles match “{q}”.")),
        (0, None) if filtered => Some("No articles in this category yet.".to_string()),
        (0, None) => Some("No articles yet.".to_string()),
        (1, _) => Some("1 article".to_string()),
        (n, _) => Some(format!("{n} articles")),
    };
    let nothing = page.total == 0 && page.problem.is_none();
    let help = (nothing && filtered).then(|| {
        view! {
            <p class="prompt">
                "Try other words or another category, or "
                <a href="/resources">"see every article"</a>
                "."
            </p>
        }
    });
    let members_note = (!page.members_view).then(|| {
        view! {
            <p class="members-note">
                "Members also read members-only guides. "
                <a href="/membership">"About membership"</a>
            </p>
        }
    });
    let admin_link = page.is_admin.then(|| {
        view! { <p><a href="/admin/resources">"Write or edit articles"</a></p> }
    });
    let pages = page.page_count();
    let start = (page.page - 1) * RESOURCES_PER_PAGE + 1;
    let beyond = (page.problem.is_none() && page.page > pages.max(1)).then(|| {
        view! { <p class="prompt">"There are fewer pages. " <a href=params.href_for_page(1)>"Go to the first page"</a></p> }
    });
    let pagination = page_links(page.page, pages, |n| params.href_for_page(n));
    view! {
        {admin_link}
        <SearchForm params=params.clone() page=page.clone() />
        {members_note}
        {summary.map(|text| view! { <h2 class="summary" aria-live="polite">{text}</h2> })}
        {help}
        {beyond}
        <ArticleList articles=page.results start />
        {pagination}
    }
}

#[component]
fn SearchForm(params: ResourceSearchParams, page: ResourceListPage) -> impl IntoView {
    let problem =
        |param: &'static str| page.problem.as_ref().filter(|p| p.param == param).map(|p| p.message.clone());
    let (q_error, category_error, page_error) = (problem("q"), problem("category"), problem("page"));
    let chosen = params.category.clone().unwrap_or_default();
    let categories = ResourceCategory::ALL
        .iter()
        .map(|c| view! { <option value=c.slug() selected=chosen == c.slug()>{c.label()}</option> })
        .collect_view();
    view! {
        <form class="search-form" method="get" action="/resources" role="search" aria-label="Search the resources">
            <div class="field">
                <label for="q">"Search articles"</label>
                <input id="q" name="q" type="search" maxlength="100" value=params.q.clone().unwrap_or_default()
                    aria-invalid=q_error.as_ref().map(|_| "true") aria-describedby="q-error" />
                <p id="q-error" class="field-error" role="alert">{q_error}</p>
            </div>
            <div class="field">
                <label for="category">"Category"</label>
                <select id="category" name="category" aria-invalid=category_error.as_ref().map(|_| "true") aria-describedby="category-error">
                    <option value="">"All categories"</option>
                    {categories}
                </select>
                <p id="category-error" class="field-error" role="alert">{category_error}</p>
            </div>
            <button type="submit">"Search"</button>
            <p class="field-error" role="alert">{page_error}</p>
        </form>
    }
}

/// `/resources/{slug}`
#[component]
pub fn ResourcePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let article = Resource::new(slug, resource_article);
    view! {
        <Layout description="A guide for shops and schools on hiring, training and keeping technicians.">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match article.await {
                        Ok(article) => view! { <Article article /> }.into_any(),
                        // Unknown, unpublished and members-only-for-someone-else all read
                        // the same: there is nothing here.
                        Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
fn Article(article: domain::resources::ArticleView) -> impl IntoView {
    let domain::resources::ArticleView { summary, body_html, editable } = article;
    let edit = editable.then(|| {
        view! { <p><a href=format!("/admin/resources/{}", summary.id)>"Edit this article"</a></p> }
    });
    view! {
        <Title text=summary.title.clone() />
        <article class="resource-article">
            <p><a href="/resources">"← All resources"</a></p>
            <Done shows=notice::ARTICLE />
            <h1>{summary.title.clone()}</h1>
            <ArticleFacts article=summary.clone() />
            <p class="lede">{summary.summary.clone()}</p>
            {edit}
            <div class="article-body" inner_html=body_html></div>
        </article>
    }
}
