//! `/admin/resources`: every article of the library (drafts too) and the form for a new
//! one; `/admin/resources/{id}`: editing an article, publishing or unpublishing it, and
//! deleting it. The server functions refuse anyone who is not an admin; the pages then say
//! so. Every action is a plain POST form handled in server/src/forms/resources.rs.
use crate::components::page_header::PageHeader;
use domain::resources::{ArticleDraft, ArticleSummary};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    api::resources::{admin_resources, resource_draft},
    components::{
        admin_only::admin_refusal,
        form_fields::{Done, FormError, field_error},
        layout::Layout,
        resource_form::ArticleForm,
        resource_list::ArticleFacts,
    },
    error::AppError,
    notice,
    pages::not_found::NotFound,
};

/// `/admin/resources`
#[component]
pub fn AdminResourcesPage() -> impl IntoView {
    let articles = Resource::new(|| (), |_| admin_resources());
    view! {
        <Layout>
            <Title text="Resources · Admin" />
            <PageHeader title="Resources library" back=("/admin", "Admin") lede="Write, publish and retire the articles of the library." />
            <p><a href="/resources">"The library as readers see it"</a></p>
            <Done shows=notice::ARTICLE />
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match articles.await {
                        Ok(articles) => view! { <Articles articles /> }.into_any(),
                        Err(error) => admin_refusal(error),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
fn Articles(articles: Vec<ArticleSummary>) -> impl IntoView {
    let list = if articles.is_empty() {
        view! { <p>"No articles yet. Write the first one below."</p> }.into_any()
    } else {
        let items = articles
            .into_iter()
            .map(|article| {
                view! {
                    <li class="resource">
                        <h3><a href=format!("/admin/resources/{}", article.id)>{format!("Edit “{}”", article.title)}</a></h3>
                        <ArticleFacts article=article.clone() />
                        <p class="meta">{format!("/resources/{}", article.slug)}</p>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="resource-list">{items}</ul> }.into_any()
    };
    view! {
        <section aria-labelledby="all-articles">
            <h2 id="all-articles">"Articles"</h2>
            {list}
        </section>
        <section aria-labelledby="new-article">
            <h2 id="new-article">"Write an article"</h2>
            <FormError />
            <ArticleForm draft=None />
        </section>
    }
}

/// `/admin/resources/{id}`
#[component]
pub fn EditResourcePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let draft = Resource::new(id, resource_draft);
    view! {
        <Layout>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match draft.await {
                        Ok(draft) => view! { <Edit draft /> }.into_any(),
                        Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                        Err(error) => admin_refusal(error),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
fn Edit(draft: ArticleDraft) -> impl IntoView {
    let article = draft.summary.clone();
    let id = article.id;
    let published = article.published_on.is_some();
    let confirm_error = field_error("confirm");
    view! {
        <Title text=format!("Edit {}", article.title) />
        <h1>{format!("Edit “{}”", article.title)}</h1>
        <p><a href="/admin/resources">"← All articles"</a></p>
        <Done shows=notice::ARTICLE />
        <FormError />
        <ArticleFacts article=article.clone() />
        {published.then(|| view! { <p><a href=format!("/resources/{}", article.slug)>"Read it as published"</a></p> })}
        <ArticleForm draft=Some(draft) />
        <section aria-labelledby="publication">
            <h2 id="publication">"Publication"</h2>
            <form method="post" action=format!("/admin/resources/{id}/publish") class="inline">
                <input type="hidden" name="published" value=if published { "no" } else { "yes" } />
                <button type="submit">{if published { "Unpublish" } else { "Publish" }}</button>
            </form>
        </section>
        <section aria-labelledby="delete-article">
            <h2 id="delete-article">"Delete"</h2>
            <form method="post" action=format!("/admin/resources/{id}/delete") class="account-form">
                <label class="check">
                    <input type="checkbox" name="confirm" value="yes" aria-describedby="confirm-error" />
                    "Yes, delete this article for good"
                </label>
                <p id="confirm-error" class="field-error" role="alert">{confirm_error}</p>
                <button type="submit">"Delete article"</button>
            </form>
        </section>
    }
}
