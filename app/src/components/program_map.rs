use leptos::{html::Span, prelude::*};

use crate::model::TileSettings;

/// The interactive map: a server-rendered container whose data-* attributes configure the
/// map module, loaded lazily once the page has hydrated (so the first-load WebAssembly stays
/// small). Without JavaScript it stays hidden and the list beside it is the whole answer.
///
/// Only [`LoadProgramMap`] hydrates, and it takes no props: an island's props travel to the
/// browser as JSON, and deserialising them (and re-serialising them, as the island wrapper
/// does on both sides) would compile serde_json and float formatting into the WebAssembly.
#[component]
pub fn ProgramMap(
    /// Accessible name of the map region.
    label: String,
    center: (f64, f64),
    /// Search radius to draw and fit; `None` for a profile's small map.
    radius_mi: Option<u16>,
    /// The finder's filters as a query string (`kind=diesel&award=associate`), passed on to
    /// the clusters so the map shows what the list shows.
    filters: Option<String>,
    /// The id of the list whose items (`data-unitid`, `data-lat`, `data-lon`) the map mirrors.
    list: String,
    tiles: TileSettings,
    /// A compact map (profiles).
    small: bool,
    /// `needs`: markers for the needs in `list` instead of program clusters.
    #[prop(optional)]
    layer: Option<String>,
) -> impl IntoView {
    // The frame is the grid item beside a finder's list (the stylesheet makes it sticky).
    view! {
        <div class="program-map-frame">
            <div
                class=if small { "program-map small" } else { "program-map" }
                role="region"
                aria-label=label
                hidden
                data-lat=center.0
                data-lon=center.1
                data-radius-mi=radius_mi
                data-filters=filters
                data-list=list
                data-layer=layer
                data-tile-url=tiles.url.unwrap_or_default()
                data-tile-attribution=tiles.attribution
            ></div>
            <LoadProgramMap />
        </div>
    }
}

/// Once hydrated, shows the map container of its frame and loads the map module into it.
#[island]
fn LoadProgramMap() -> impl IntoView {
    let marker = NodeRef::<Span>::new();
    Effect::new(move |_| {
        #[cfg(any(feature = "hydrate", feature = "csr"))]
        if let Some(element) = marker.get() {
            lazy::load_program_map(&element);
        }
    });
    view! { <span node_ref=marker hidden></span> }
}

#[cfg(any(feature = "hydrate", feature = "csr"))]
mod lazy {
    use wasm_bindgen::prelude::wasm_bindgen;

    // The map module (and Leaflet, which it imports) is fetched only when a map is shown; its
    // content-hashed address is in the page's head (see `shell`).
    #[wasm_bindgen(inline_js = "export function load_program_map(marker) {
        const el = marker.closest('.program-map-frame').querySelector('.program-map');
        el.hidden = false;
        const meta = document.querySelector('meta[name=\"bayline-map-module\"]');
        return import(meta ? meta.content : '/map/program-map.js')
            .then((m) => m.mount(el))
            .catch((e) => { el.dataset.mapError = String(e); console.warn('map unavailable:', e); });
    }")]
    extern "C" {
        pub fn load_program_map(marker: &leptos::web_sys::HtmlSpanElement);
    }
}
