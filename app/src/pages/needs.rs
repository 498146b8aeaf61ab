//! `/needs`: open needs of verified school programs near a ZIP code, nearest first (a GET
//! form, so every state is a URL and it works without JavaScript). `/needs/{id}`: one need.
use crate::components::{loaded::Loaded, zip_finder_form::ZipFinderForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::{
        needs::{need_page, search_needs},
        partnerships::need_offers,
    },
    components::{
        form_fields::{Done, FormError},
        layout::Layout,
        need_list::{NeedDetails, NeedList, NeedStatusButtons},
        offers::NeedOffers,
        program_map::ProgramMap,
    },
    needs_model::{NEEDS_PER_PAGE, NeedSearchPage, NeedSearchParams},
    notice,
};

/// `/needs?zip=…&radius=…&kind=…&page=…`
#[component]
pub fn NeedsPage() -> impl IntoView {
    let query = use_query_map();
    let params = Memo::new(move |_| query.with(|q| NeedSearchParams::from_lookup(|name| q.get(name))));
    let page = Resource::new(move || params.get(), search_needs);
    view! {
        <Layout>
            <Title text="School needs near you" />
            <h1>"School needs near you"</h1>
            <p class="lede">
                "Internship hosts, guest speakers, equipment and more, asked for by school programs Bayline has verified."
            </p>
            <Loaded resource=page waiting="Searching…" let:page><NeedFinder page params=params.get_untracked() /></Loaded>
        </Layout>
    }
}

#[component]
fn NeedFinder(page: NeedSearchPage, params: NeedSearchParams) -> impl IntoView {
    let form = view! { <ZipFinderForm params=params.clone() problem=page.problem.clone() /> };
    let Some(origin) = page.origin.clone() else {
        let prompt = page.problem.is_none().then(
            || view! { <p class="prompt">"Enter a ZIP code to see open needs near it, nearest first."</p> },
        );
        return view! { {form} {prompt} }.into_any();
    };
    let radius = page.radius_mi;
    let summary = match page.total {
        0 => format!("No open needs within {radius} miles of {origin}"),
        1 => format!("1 open need within {radius} miles of {origin}"),
        n => format!("{n} open needs within {radius} miles of {origin}"),
    };
    let pages = page.page_count();
    let start = (page.page - 1) * NEEDS_PER_PAGE + 1;
    let previous = (page.page > 1).then(|| params.href_for_page(page.page - 1));
    let next = (page.page < pages).then(|| params.href_for_page(page.page + 1));
    let pagination = (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label="Result pages">
                {previous.map(|href| view! { <a href=href rel="prev">"← Previous"</a> })}
                <span aria-current="page">{format!("Page {} of {pages}", page.page)}</span>
                {next.map(|href| view! { <a href=href rel="next">"Next →"</a> })}
            </nav>
        }
    });
    view! {
        {form}
        <h2 class="summary" aria-live="polite">{summary}</h2>
        <div class="results">
            {(!page.results.is_empty()).then(|| {
                let (lat, lon) = page.center.unwrap_or_default();
                view! {
                    <ProgramMap
                        label=format!("Map of the needs on this page, within {radius} miles of {origin}")
                        center=(lat, lon)
                        radius_mi=Some(radius)
                        kind=None
                        list="need-results".to_string()
                        tiles=page.tiles.clone()
                        small=false
                        layer="needs".to_string()
                    />
                }
            })}
            <div class="list" id="need-results">
                <NeedList needs=page.results show_org=true start />
                {pagination}
            </div>
        </div>
    }
    .into_any()
}

/// `/needs/{id}`
#[component]
pub fn NeedPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(id, need_page);
    // Created here, beside the page's own resource, not inside its Suspend.
    let offers = Resource::new(id, need_offers);
    view! {
        <Layout>
            <Loaded resource=data let:page>{{
                            let need = page.need;
                            let (id, title) = (need.id, need.title.clone());
                            let buttons = page.is_member.then(|| view! {
                                <p class="need-actions">
                                    <NeedStatusButtons id=need.id current=need.status title=need.title.clone() />
                                </p>
                            });
                            let report = (!page.is_member).then(|| view! {
                                <p class="report-link">
                                    <a href=format!("/report?target=need&id={id}")>"Report this need"</a>
                                </p>
                            });
                            view! {
                                <Title text=title.clone() />
                                <article class="profile need" data-need-id=id>
                                    <Done shows=notice::NEED />
                                    <FormError />
                                    <h1>{title}</h1>
                                    <NeedDetails need />
                                    {buttons}
                                    <NeedOffers need_id=id offers />
                                    {report}
                                </article>
                            }
                            .into_any()
                        }}</Loaded>
        </Layout>
    }
}
