//! The browser entry points: `hydrate` for server-rendered pages' islands (production), and a
//! client-only start for Trunk's UI loop (feature `csr`, see Trunk.toml).

// Links the app crate, whose `#[island]` components export their hydration functions.
use app as _;

/// Called by the script `<HydrationScripts>` puts in the page once the module has loaded:
/// hydrates the page's islands (the rest is server-rendered HTML).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    mark_interactive();
}

/// Trunk's client-only build renders the whole app in the browser.
#[cfg(all(feature = "csr", not(feature = "hydrate")))]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
    mark_interactive();
}

/// A marker for tests and styles: interactive controls now work.
fn mark_interactive() {
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-hydrated", "");
    }
}
