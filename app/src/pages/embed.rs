use crate::components::loaded::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{api::programs::search_programs, components::finder::Finder, pages::programs::use_search_params};

/// `/embed/programs?…`: the finder without site chrome, for other sites' iframes (it is
/// the one page served with a permissive `frame-ancestors`). Profiles open in a new tab.
#[component]
pub fn EmbedProgramsPage() -> impl IntoView {
    let params = use_search_params();
    let page = Resource::new(move || params.get(), search_programs);
    view! {
        <Title text="Program finder" />
        <leptos_meta::Meta name="description" content="Technician programs near a ZIP code, from IPEDS: Bayline's program finder for another site." />
        <div class="embed">
            <header class="embed-header">
                <h1>"Technician programs near you"</h1>
                <a href="/" target="_blank" rel="noopener">"Bayline"</a>
            </header>
            <Loaded resource=page waiting="Searching…" let:page><Finder page params=params.get_untracked() action="/embed/programs" embedded=true /></Loaded>
            <p class="embed-sources">
                "Data: NCES IPEDS 2023-24 (public domain); ZIP locations contain GeoNames data, www.geonames.org, CC BY 4.0."
            </p>
        </div>
    }
}
