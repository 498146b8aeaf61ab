//! `/needs`: open needs of verified school programs near a ZIP code, nearest first (a GET
//! form, so every state is a URL and it works without JavaScript). `/needs/{id}`: one need.
use crate::components::loaded::Loaded;
use domain::{needs::NeedKind, programs::ParamError};
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
        zip_search::ZipInput,
    },
    needs_model::{
        DEFAULT_NEED_RADIUS_MI, NEED_RADIUS_CHOICES, NEEDS_PER_PAGE, NeedSearchPage, NeedSearchParams,
    },
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
    let form = view! { <NeedSearchForm params=params.clone() problem=page.problem.clone() /> };
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

#[component]
fn NeedSearchForm(params: NeedSearchParams, problem: Option<ParamError>) -> impl IntoView {
    let error_for = {
        let problem = problem.clone();
        move |field: &str| problem.as_ref().filter(|p| p.param == field).map(|p| p.message.clone())
    };
    let zip_error = error_for("zip");
    let other_error = problem.filter(|p| p.param != "zip").map(|p| p.to_string());
    let radius =
        params.radius.clone().filter(|r| !r.is_empty()).unwrap_or_else(|| DEFAULT_NEED_RADIUS_MI.to_string());
    let radii = NEED_RADIUS_CHOICES
        .map(|r| {
            let r = r.to_string();
            let selected = r == radius;
            view! { <option value=r.clone() selected=selected>{format!("{r} miles")}</option> }
        })
        .collect_view();
    let kinds = NeedKind::ALL
        .iter()
        .map(|k| {
            let selected = params.kind.as_deref() == Some(k.slug());
            view! { <option value=k.slug() selected=selected>{k.label()}</option> }
        })
        .collect_view();
    view! {
        <form class="search-form" method="get" action="/needs" role="search" aria-label="Need search">
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
                <label for="kind">"Kind of need"</label>
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
