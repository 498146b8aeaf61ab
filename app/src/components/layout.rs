use leptos::prelude::*;
use leptos_meta::Meta;

use crate::{api::session::signed_in_as, components::sources::Sources};

/// What a page says about itself to search engines and link previews, unless it says more.
pub const SITE_DESCRIPTION: &str = "Bayline connects repair shops, dealerships and fleets with      automotive, diesel and collision technician programs, and shows honest pay data from public      sources.";

/// Site chrome: skip link, header with navigation, main landmark and the data-source footer.
/// `description` is the page's meta description (one per page; the site's by default).
#[component]
pub fn Layout(#[prop(optional)] description: Option<&'static str>, children: Children) -> impl IntoView {
    view! {
        <Meta name="description" content=description.unwrap_or(SITE_DESCRIPTION) />
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <a class="brand" href="/">"Bayline"</a>
            // On a phone the menu folds behind this toggle, which works without JavaScript;
            // the stylesheet shows the nav after it only while it is open. The nav is its
            // sibling, not its child, so on a desktop it is an ordinary, always-shown nav.
            <details class="site-menu">
                <summary aria-controls="site-nav">"Menu"</summary>
            </details>
            <nav id="site-nav" aria-label="Main">
                <ul>
                    <li><a href="/programs">"Programs"</a></li>
                    <li><a href="/careers">"Careers"</a></li>
                    <li><a href="/needs">"Needs"</a></li>
                    <li><a href="/openings">"Openings"</a></li>
                    <li><a href="/events">"Events"</a></li>
                    <li><a href="/insights">"Pay & rates"</a></li>
                    <li><a href="/resources">"Resources"</a></li>
                    <li><a href="/membership">"Membership"</a></li>
                    <AccountLinks />
                </ul>
            </nav>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <Sources />
    }
}

/// Sign in / create account, or the signed-in person's links and a sign-out button.
#[component]
fn AccountLinks() -> impl IntoView {
    // Most page views are visitors' and carry no session cookie: their links render at once,
    // with no resource to wait for (a tenth of the home page's work when it always waited).
    #[cfg(feature = "ssr")]
    if !crate::ssr::carries_session() {
        return view! { <SignInLinks /> }.into_any();
    }
    let me = Resource::new(|| (), |_| signed_in_as());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match me.await.ok().flatten() {
                    Some(me) => view! {
                        {me.is_admin.then(|| view! { <li><a href="/admin">"Admin"</a></li> })}
                        <li>
                            <a href="/notifications" data-testid="notifications">
                                {match me.unread {
                                    0 => "Notifications".to_string(),
                                    n => format!("Notifications ({n} unread)"),
                                }}
                            </a>
                        </li>
                        <li><a href="/account" data-testid="signed-in-as">{format!("Account ({})", me.name)}</a></li>
                        <li>
                            <form method="post" action="/logout" class="inline">
                                <button type="submit" class="link-button">"Sign out"</button>
                            </form>
                        </li>
                    }
                    .into_any(),
                    None => view! { <SignInLinks /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn SignInLinks() -> impl IntoView {
    view! {
        <li><a href="/login">"Sign in"</a></li>
        <li><a href="/signup">"Create account"</a></li>
    }
}
