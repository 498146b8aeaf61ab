use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::layout::Layout;

/// The page for any address Bayline does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Layout>
            <NotFound />
        </Layout>
    }
}

/// "Page not found", answered with status 404 (also used inside pages whose data is absent).
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::ssr::set_status(http::StatusCode::NOT_FOUND);
    view! {
        <Title text="Page not found" />
        <section class="not-found" aria-labelledby="not-found-title">
            <h1 id="not-found-title">"Page not found"</h1>
            <p>"There is no page at this address. It may have moved, or the link may be mistyped."</p>
            <p>
                <a href="/">"Go to the home page"</a>
                " or "
                <a href="/programs">"search for programs near a ZIP code"</a>
                "."
            </p>
        </section>
    }
}
