use leptos::prelude::*;

use crate::components::sources::Sources;

/// Site chrome: skip link, header with navigation, main landmark and the data-source footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <a class="brand" href="/">"Bayline"</a>
            <nav aria-label="Main">
                <ul>
                    <li><a href="/programs">"Programs"</a></li>
                    <li><a href="/account">"Account"</a></li>
                </ul>
            </nav>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <Sources />
    }
}
