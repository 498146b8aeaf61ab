//! The search form of the ZIP finders (`/needs`, `/openings`): ZIP code, radius and kind,
//! a plain GET form (every search is a URL, and it works without JavaScript). What differs
//! between the finders comes from their [`Finder`]; [`zip_finder_page`] lays out the rest
//! of their page around the results, with a valid search's Atom feed (announced in the
//! head and linked beside the results).
use domain::params::ParamError;
use leptos::prelude::*;
use leptos_meta::Link;

use crate::{
    components::{page_links::page_links, zip_search::ZipInput},
    finder_params::{Finder, FinderPage, FinderParams},
};

#[component]
pub fn ZipFinderForm<F>(params: FinderParams<F>, problem: Option<ParamError>) -> impl IntoView
where
    F: Finder + Send + Sync + 'static,
{
    let zip_error = problem.as_ref().filter(|p| p.param == "zip").map(|p| p.message.clone());
    let other_error = problem.filter(|p| p.param != "zip").map(|p| p.to_string());
    let radius =
        params.radius.clone().filter(|r| !r.is_empty()).unwrap_or_else(|| F::DEFAULT_RADIUS_MI.to_string());
    let radii = F::RADIUS_CHOICES
        .map(|r| {
            let r = r.to_string();
            let selected = r == radius;
            view! { <option value=r.clone() selected=selected>{format!("{r} miles")}</option> }
        })
        .collect_view();
    let kinds = F::kinds()
        .into_iter()
        .map(|(slug, label)| {
            let selected = params.kind.as_deref() == Some(slug);
            view! { <option value=slug selected=selected>{label}</option> }
        })
        .collect_view();
    view! {
        <form class="search-form" method="get" action=F::PATH role="search" aria-label=F::SEARCH_LABEL>
            <div class="field">
                <label for="zip">"ZIP code"</label>
                <ZipInput
                    value=params.zip.clone().unwrap_or_default()
                    required=true
                    described_by="zip-error"
                    invalid=zip_error.is_some()
                />
                <p id="zip-error" class="field-error" role="alert">{zip_error}</p>
            </div>
            <div class="field">
                <label for="radius">"Within"</label>
                <select id="radius" name="radius">{radii}</select>
            </div>
            <div class="field">
                <label for="kind">{F::KIND_LABEL}</label>
                <select id="kind" name="kind">
                    <option value="">"Any kind"</option>
                    {kinds}
                </select>
            </div>
            <button type="submit">"Search"</button>
            <p class="field-error" role="alert">{other_error}</p>
        </form>
    }
}

/// A finder's page below its heading: the form, then the prompt, or the summary and the
/// results, which `results` lays out from the page and its page links.
pub fn zip_finder_page<F, R>(
    page: FinderPage<R>,
    params: FinderParams<F>,
    results: impl FnOnce(FinderPage<R>, Option<AnyView>) -> AnyView,
) -> AnyView
where
    F: Finder + Clone + Send + Sync + 'static,
{
    let form = view! { <ZipFinderForm params=params.clone() problem=page.problem.clone() /> };
    let Some(summary) = page.summary::<F>() else {
        let prompt = page.problem.is_none().then(|| view! { <p class="prompt">{F::PROMPT}</p> });
        return view! { {form} {prompt} }.into_any();
    };
    let links = page_links(page.page, page.page_count(), |n| params.href_for_page(n));
    // Nothing near: say what to do next, not only that there is nothing.
    let empty = (page.total == 0).then(|| {
        let wider = params.wider(page.radius_mi).map(|(radius, href)| {
            view! { <a href=href>{format!("Widen the search to {radius} miles")}</a> " or " }
        });
        view! {
            <p class="empty">
                {wider}
                <a href=F::PATH>"search another ZIP code"</a>
                {format!(". New {} appear here as soon as they are posted.", F::MANY)}
            </p>
        }
    });
    // A valid search can be followed in a feed reader: announced in the head for readers
    // that look there, and linked beside the results for people.
    let feed = params.feed_href();
    let feed_title = params.feed_title(page.radius_mi, page.origin.as_deref().unwrap_or_default());
    view! {
        <Link rel="alternate" type_="application/atom+xml" title=feed_title href=feed.clone() />
        {form}
        <h2 class="summary" aria-live="polite">{summary}</h2>
        <p class="feed-link"><a href=feed type="application/atom+xml">"Follow these results (Atom feed)"</a></p>
        {empty}
        {results(page, links)}
    }
    .into_any()
}
