use crate::components::loaded::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::programs::search_programs,
    components::{
        finder::Finder,
        layout::Layout,
        save_search::{SaveSearch, save_state},
    },
    model::SearchParams,
};

/// Reads the finder's parameters from the URL.
pub fn use_search_params() -> Memo<SearchParams> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| SearchParams::from_lookup(|name| q.get(name))))
}

/// `/programs?zip=…&radius=…&kind=…`: programs near a place, nearest first.
#[component]
pub fn ProgramsPage() -> impl IntoView {
    let params = use_search_params();
    let page = Resource::new(move || params.get(), search_programs);
    let saver = save_state();
    view! {
        <Layout description="Technician programs near a ZIP code: automotive, diesel, collision and heavy-truck, with their awards and completions from IPEDS, on a map and in a list.">
            <Title text="Technician programs near you" />
            <h1>"Technician programs near you"</h1>
            <p class="lede">
                "Automotive, diesel, collision and medium/heavy truck programs that reported completions to IPEDS for 2023-24."
            </p>
            <Loaded resource=page waiting="Searching…" let:page>{
                // Alerts follow a ZIP code (a "use my location" point is not kept).
                let save = page.origin.as_ref().is_some_and(|o| o.zip.is_some()).then(|| view! { <SaveSearch saver /> });
                view! { <Finder page params=params.get_untracked() action="/programs" embedded=false />{save} }
            }</Loaded>
        </Layout>
    }
}
