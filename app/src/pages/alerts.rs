//! `/account/alerts`: the signed-in person's saved searches — each with its page, how often
//! it is e-mailed, when it last found something — renamed, re-timed, paused, resumed or
//! deleted with plain forms (server/src/forms/alerts.rs). `/alerts/unsubscribe`: where an
//! alert mail's "stop these e-mails" link lands, to confirm without signing in.
use domain::alerts::{AlertFrequency, MAX_NAME_CHARS, MAX_SAVED_SEARCHES, SavedSearchView};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::{
    api::alerts::{my_saved_searches, unsubscribe_link_works},
    components::{
        form_fields::{Done, FormError, query},
        layout::Layout,
        page_header::PageHeader,
        refusal::Refusal,
        when::When,
    },
    error::AppError,
    notice,
};

/// `/account/alerts`
#[component]
pub fn AlertsPage() -> impl IntoView {
    let searches = Resource::new(|| (), |_| my_saved_searches());
    view! {
        <Layout>
            <Title text="Saved searches" />
            <PageHeader
                title="Saved searches"
                lede="Searches you saved on the needs, openings, programs and events lists. When something new matches, it appears in your notifications and in one e-mail per period."
            />
            <Done shows=notice::ALERTS />
            <FormError />
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match searches.await {
                        Ok(searches) => view! { <SearchList searches /> }.into_any(),
                        Err(AppError::SignInRequired) => {
                            #[cfg(feature = "ssr")]
                            crate::ssr::redirect_page("/login?next=%2Faccount%2Falerts");
                            view! { <p>"Please " <a href="/login?next=%2Faccount%2Falerts">"sign in"</a> "."</p> }
                                .into_any()
                        }
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
fn SearchList(searches: Vec<SavedSearchView>) -> impl IntoView {
    if searches.is_empty() {
        return view! {
            <p>
                "No saved searches yet. Search "
                <a href="/needs">"needs"</a> ", " <a href="/openings">"openings"</a> ", "
                <a href="/programs">"programs"</a> " or " <a href="/events">"events"</a>
                " and choose “Save this search” under the results."
            </p>
        }
        .into_any();
    }
    let count = searches.len();
    view! {
        <p class="meta">{format!("{count} of at most {MAX_SAVED_SEARCHES}. E-mails about them can be turned off on ")}
            <a href="/notifications">"your notifications page"</a> "."
        </p>
        <ul class="saved-searches">{searches.into_iter().map(|search| view! { <SearchItem search /> }).collect_view()}</ul>
    }
    .into_any()
}

#[component]
fn SearchItem(search: SavedSearchView) -> impl IntoView {
    let SavedSearchView { id, name, page, url, frequency, paused, last_matched, shop_default } = search;
    let state = if paused { "Paused" } else { frequency.label() };
    let last = match last_matched {
        Some(moment) => view! { "Last found something new " <When moment /> }.into_any(),
        None => view! { "Nothing new found yet" }.into_any(),
    };
    let origin = shop_default
        .map(|shop| view! { <p class="meta">{format!("Saved for you as a member of {shop}.")}</p> });
    let toggle = if paused {
        view! {
            <form method="post" action=format!("/account/alerts/{id}/resume") class="inline">
                <button type="submit">"Resume"</button>
            </form>
        }
        .into_any()
    } else {
        view! {
            <form method="post" action=format!("/account/alerts/{id}/pause") class="inline">
                <button type="submit">"Pause"</button>
            </form>
        }
        .into_any()
    };
    let (name_id, frequency_id) = (format!("name-{id}"), format!("frequency-{id}"));
    let options = AlertFrequency::ALL
        .iter()
        .map(|f| view! { <option value=f.slug() selected=*f == frequency>{f.label()}</option> })
        .collect_view();
    view! {
        <li class="saved-search" data-search-id=id>
            <h2><a href=url.clone()>{name.clone()}</a></h2>
            <p class="meta">{page.label()} " · " {state} " · " {last}</p>
            {origin}
            <div class="search-actions">
                {toggle}
                <form method="post" action=format!("/account/alerts/{id}/delete") class="inline">
                    <button type="submit" class="danger">{format!("Delete “{name}”")}</button>
                </form>
            </div>
            <details>
                <summary>"Rename or change how often"</summary>
                <form class="account-form" method="post" action=format!("/account/alerts/{id}")>
                    <div class="field">
                        <label for=name_id.clone()>"Name"</label>
                        <input id=name_id name="name" type="text" maxlength=MAX_NAME_CHARS value=name />
                    </div>
                    <div class="field">
                        <label for=frequency_id.clone()>"E-mail me"</label>
                        <select id=frequency_id name="frequency">{options}</select>
                    </div>
                    <button type="submit">"Save changes"</button>
                </form>
            </details>
        </li>
    }
}

/// `/alerts/unsubscribe?token=…`
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let token = query("token");
    let works = Resource::new(token, |token| async move {
        match token {
            Some(token) => unsubscribe_link_works(token).await,
            None => Ok(false),
        }
    });
    view! {
        <Layout>
            <Title text="Stop alert e-mails" />
            // The link's token is in this page's address: tell nothing to other sites.
            <Meta name="referrer" content="no-referrer" />
            <h1>"Stop alert e-mails"</h1>
            <Done shows=notice::UNSUBSCRIBE />
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let done = query("done")().is_some();
                    match (works.await, token()) {
                        _ if done => view! {
                            <p>"You can also " <a href="/account/alerts">"pause or delete each saved search"</a> "."</p>
                        }
                        .into_any(),
                        (Ok(true), Some(token)) => view! {
                            <p>"Stop the e-mails about new matches of your saved searches? What they find still shows in your notifications, and you can turn the e-mails back on there."</p>
                            <form method="post" action="/alerts/unsubscribe">
                                <input type="hidden" name="token" value=token />
                                <button type="submit">"Stop alert e-mails"</button>
                            </form>
                        }
                        .into_any(),
                        _ => view! {
                            <p>
                                "This link does not work: it is not one of ours, or it is over a year old. Signed in, you can turn alert e-mails off on "
                                <a href="/notifications">"your notifications page"</a> "."
                            </p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
