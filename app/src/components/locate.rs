use leptos::{html::Button, prelude::*};

/// "Use my location": asks the browser for the visitor's position and searches around it
/// (`lat`/`lon` instead of `zip`, keeping the form's other filters). An island: without
/// JavaScript it stays hidden and the ZIP field does the job.
#[island]
pub fn UseMyLocation() -> impl IntoView {
    let button = NodeRef::<Button>::new();
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let locate = move |_| {
        #[cfg(any(feature = "hydrate", feature = "csr"))]
        if let Some(element) = button.get() {
            geolocation::locate_and_search(&element);
        }
    };
    view! {
        <button type="button" class="secondary" node_ref=button hidden=move || !hydrated.get() on:click=locate>
            "Use my location"
        </button>
    }
}

#[cfg(any(feature = "hydrate", feature = "csr"))]
mod geolocation {
    use wasm_bindgen::prelude::wasm_bindgen;

    #[wasm_bindgen(inline_js = "export function locate_and_search(button) {
        const form = button.closest('form');
        const message = form.querySelector('#zip-error');
        const fail = (text) => { button.disabled = false; message.textContent = text; };
        if (!navigator.geolocation) return fail('Your browser cannot share its location; enter a ZIP code instead.');
        button.disabled = true;
        navigator.geolocation.getCurrentPosition((position) => {
            const query = new URLSearchParams(new FormData(form));
            query.delete('zip');
            query.delete('page');
            // Two decimals (about a kilometre): enough for a 10-mile search, and the address
            // bar, history and logs never hold where the person stands to the metre.
            query.set('lat', position.coords.latitude.toFixed(2));
            query.set('lon', position.coords.longitude.toFixed(2));
            window.location.assign(form.getAttribute('action') + '?' + query);
        }, (error) => fail('We could not get your location (' + error.message + '); enter a ZIP code instead.'));
    }")]
    extern "C" {
        pub fn locate_and_search(button: &leptos::web_sys::HtmlButtonElement);
    }
}
