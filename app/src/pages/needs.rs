//! `/needs`: open needs of verified school programs near a ZIP code, nearest first (a GET
//! form, so every state is a URL and it works without JavaScript). `/needs/{id}`: one need.
use crate::components::{loaded::Loaded, zip_finder_form::zip_finder_page};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::{
        needs::{need_page, search_needs},
        partnerships::need_offers,
        school_year::need_fill,
    },
    components::{
        form_fields::{Done, FormError},
        layout::Layout,
        need_fill::NeedFill,
        need_list::{NeedDetails, NeedList, NeedStatusButtons},
        offers::NeedOffers,
        program_map::ProgramMap,
        save_search::{SaveSearch, SaveStateResource, save_state},
    },
    needs_model::{NeedSearchPage, NeedSearchParams},
    notice,
};

/// `/needs?zip=…&radius=…&kind=…&page=…`
#[component]
pub fn NeedsPage() -> impl IntoView {
    let query = use_query_map();
    let params = Memo::new(move |_| query.with(|q| NeedSearchParams::from_lookup(|name| q.get(name))));
    let page = Resource::new(move || params.get(), search_needs);
    let saver = save_state();
    view! {
        <Layout description="What technician programs near you ask shops for: internships, guest speakers, shop tours, equipment and advisory committee members.">
            <Title text="School needs near you" />
            <h1>"School needs near you"</h1>
            <p class="lede">
                "Internship hosts, guest speakers, equipment and more, asked for by school programs Bayline has verified."
            </p>
            <Loaded resource=page waiting="Searching…" let:page><NeedFinder page params=params.get_untracked() saver /></Loaded>
        </Layout>
    }
}

#[component]
fn NeedFinder(page: NeedSearchPage, params: NeedSearchParams, saver: SaveStateResource) -> impl IntoView {
    zip_finder_page(page, params, move |page, links| {
        let save = page.origin.is_some().then(|| view! { <SaveSearch saver /> });
        let (start, radius) = (page.first_number(), page.radius_mi);
        let origin = page.origin.clone().unwrap_or_default();
        // Drawn when there is something on it, with the tiles the server is configured for.
        let tiles = page.tiles.clone().filter(|_| !page.results.is_empty());
        let map = tiles.map(|tiles| {
            view! {
                <ProgramMap
                    label=format!("Map of the needs on this page, within {radius} miles of {origin}")
                    center=page.center.unwrap_or_default()
                    radius_mi=Some(radius)
                    filters=None
                    list="need-results".to_string()
                    tiles
                    small=false
                    layer="needs".to_string()
                />
            }
        });
        view! {
            <div class="results">
                {map}
                <div class="list" id="need-results">
                    <NeedList needs=page.results show_org=true start />
                    {links}
                    {save}
                </div>
            </div>
        }
        .into_any()
    })
}

/// `/needs/{id}`
#[component]
pub fn NeedPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(id, need_page);
    // Created here, beside the page's own resource, not inside its Suspend.
    let offers = Resource::new(id, need_offers);
    let fill = Resource::new(id, need_fill);
    view! {
        <Layout description="A technician program's request to local shops, and how a shop offers to help.">
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
                                    {page.is_member.then(|| view! { <NeedFill id data=fill /> })}
                                    <NeedOffers need_id=id offers />
                                    {report}
                                </article>
                            }
                            .into_any()
                        }}</Loaded>
        </Layout>
    }
}
