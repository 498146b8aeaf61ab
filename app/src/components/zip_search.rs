use leptos::prelude::*;

/// A plain GET form to the program finder: it works without JavaScript and every search
/// is a shareable URL.
#[component]
pub fn ZipSearch() -> impl IntoView {
    view! {
        <form class="zip-search" method="get" action="/programs" role="search" aria-label="Program search">
            <label for="zip">"ZIP code"</label>
            <ZipInput value=String::new() required=true described_by="zip-hint" invalid=false />
            <label for="radius">"Within"</label>
            <select id="radius" name="radius">
                <option value="10">"10 miles"</option>
                <option value="25" selected>"25 miles"</option>
                <option value="50">"50 miles"</option>
                <option value="100">"100 miles"</option>
            </select>
            <button type="submit">"Find programs"</button>
            <p id="zip-hint" class="hint">"Five digits, e.g. 48201 for Detroit."</p>
        </form>
    }
}

/// The ZIP code field shared by every search form (`id` and `name` are `zip`).
#[component]
pub fn ZipInput(value: String, required: bool, described_by: &'static str, invalid: bool) -> impl IntoView {
    view! {
        <input
            id="zip"
            name="zip"
            type="text"
            inputmode="numeric"
            autocomplete="postal-code"
            pattern="[0-9]{5}"
            maxlength="5"
            value=value
            required=required
            aria-invalid=invalid.then_some("true")
            aria-describedby=described_by
        />
    }
}
