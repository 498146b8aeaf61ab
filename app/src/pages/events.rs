//! `/events`: upcoming events and webinars (soonest first) and past ones (most recent
//! first, with their recordings). `/events/{id}`: one event, its time in its own zone, the
//! places left, and registering or cancelling (plain POST forms that work without
//! JavaScript). Admins publish from the list and edit or cancel from the event's page.
use crate::components::loaded::Loaded;
use domain::events::{EventView, MyRegistration};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    api::events::{event_details, list_events},
    components::{
        event_form::EventForm,
        form_fields::{Done, FormError},
        layout::Layout,
        save_search::{SaveSearch, save_state},
    },
    events_model::{EventPageData, EventsListData},
    model::encode,
    notice,
};

/// `/events`
#[component]
pub fn EventsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_events());
    let saver = save_state();
    view! {
        <Layout description="Talks, workshops and webinars for automotive technicians, instructors, students and repair shops.">
            <Title text="Events and webinars" />
            <h1>"Events and webinars"</h1>
            <p class="lede">"Talks, workshops and webinars for technicians, instructors, students and shops."</p>
            <Done shows=notice::EVENT />
            <FormError />
            <Loaded resource=data let:data><EventLists data /></Loaded>
            <SaveSearch saver />
        </Layout>
    }
}

#[component]
fn EventLists(data: EventsListData) -> impl IntoView {
    let EventsListData { upcoming, past, is_admin } = data;
    let upcoming = if upcoming.is_empty() {
        view! { <p>"No events are planned right now. Check back soon."</p> }.into_any()
    } else {
        view! { <ul class="event-list">{upcoming.into_iter().map(|e| view! { <EventItem event=e /> }).collect_view()}</ul> }
            .into_any()
    };
    let past = (!past.is_empty()).then(|| {
        view! {
            <section aria-labelledby="past-events">
                <h2 id="past-events">"Past events"</h2>
                <ul class="event-list past">{past.into_iter().map(|e| view! { <EventItem event=e /> }).collect_view()}</ul>
            </section>
        }
    });
    view! {
        <section aria-labelledby="upcoming-events">
            <h2 id="upcoming-events">"Upcoming events"</h2>
            {upcoming}
        </section>
        {past}
        {is_admin.then(|| view! { <EventForm event=None /> })}
    }
}

#[component]
fn EventItem(event: EventView) -> impl IntoView {
    let recording = event.recording_url.clone().filter(|_| event.past && !event.cancelled).map(|href| {
        view! {
            <a class="recording" href=href rel="noopener nofollow">
                {format!("Watch the recording: {}", event.title)}
            </a>
        }
    });
    view! {
        <li class="event-item">
            <a href=format!("/events/{}", event.id)>{event.title.clone()}</a>
            {event.cancelled.then(|| view! { <strong class="badge">" Cancelled"</strong> })}
            <p class="meta">{format!("{} · {}", event.kind.label(), event.when)}</p>
            {recording}
        </li>
    }
}

/// `/events/{id}`
#[component]
pub fn EventPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(id, event_details);
    view! {
        <Layout description="A talk, workshop or webinar for the automotive trade: when, where, and how to register.">
            <Loaded resource=data let:page><OneEvent page /></Loaded>
        </Layout>
    }
}

#[component]
fn OneEvent(page: EventPageData) -> impl IntoView {
    let EventPageData { event, mine, signed_in, is_admin, waiting } = page;
    let id = event.id;
    let place = match (&event.online_url, &event.address) {
        (Some(url), _) => view! { <a href=url.clone() rel="noopener nofollow">{url.clone()}</a> }.into_any(),
        (None, Some(address)) => view! { <span>{address.clone()}</span> }.into_any(),
        (None, None) => view! { <span>"To be announced"</span> }.into_any(),
    };
    let places = event.spots_text().unwrap_or_else(|| "No limit".into());
    let recording = event.recording_url.clone().map(|href| {
        view! { <p><a class="recording" href=href rel="noopener nofollow">"Watch the recording"</a></p> }
    });
    let edit = (is_admin && !event.cancelled).then(|| {
        let title = event.title.clone();
        view! {
            <EventForm event=Some(event.clone()) />
            <form method="post" action=format!("/events/{id}/cancel") class="inline">
                <button type="submit" aria-label=format!("Cancel this event: {title}")>"Cancel this event"</button>
            </form>
        }
    });
    view! {
        <Title text=event.title.clone() />
        <article class="profile event" data-event-id=id>
            <Done shows=notice::EVENT />
            <FormError />
            <h1>{event.title.clone()}</h1>
            {event.cancelled.then(|| view! { <p class="notice cancelled">"This event is cancelled."</p> })}
            <dl class="facts">
                <dt>"When"</dt>
                <dd class="event-when">{event.when.clone()}</dd>
                <dt>{if event.online_url.is_some() { "Where (online)" } else { "Where" }}</dt>
                <dd>{place}</dd>
                <dt>"Places"</dt>
                <dd class="event-places">{places}</dd>
                {(waiting > 0).then(|| view! { <dt>"Waiting list"</dt><dd>{format!("{waiting} waiting")}</dd> })}
            </dl>
            <div class="need-description" inner_html=event.description_html.clone()></div>
            <p><a href=format!("/events/{id}/calendar.ics") download="">"Add to your calendar (.ics file)"</a></p>
            {recording}
            <Registration event=event.clone() mine signed_in />
            {edit}
        </article>
    }
}

#[component]
fn Registration(event: EventView, mine: MyRegistration, signed_in: bool) -> impl IntoView {
    let id = event.id;
    let here = format!("/events/{id}");
    let body = if event.cancelled {
        view! { <p>"Registration is closed: this event is cancelled."</p> }.into_any()
    } else if event.past {
        view! { <p>"Registration is closed: this event has started."</p> }.into_any()
    } else if !signed_in {
        view! { <p><a href=format!("/login?next={}", encode(&here))>"Sign in"</a> " to register."</p> }
            .into_any()
    } else {
        let leave = |label: &'static str| {
            view! {
                <form method="post" action=format!("/events/{id}/unregister") class="inline">
                    <button type="submit">{label}</button>
                </form>
            }
        };
        match mine {
            MyRegistration::Registered => view! {
                <p class="registration-state">"You're registered."</p>
                {leave("Cancel my registration")}
            }
            .into_any(),
            MyRegistration::Waitlisted { position } => view! {
                <p class="registration-state">{format!("You're on the waiting list: number {position} in line.")}</p>
                {leave("Leave the waiting list")}
            }
            .into_any(),
            MyRegistration::None => {
                let full = event.spots_left() == Some(0);
                view! {
                    <form method="post" action=format!("/events/{id}/register") class="inline">
                        <button type="submit">{if full { "Join the waiting list" } else { "Register" }}</button>
                    </form>
                }
                .into_any()
            }
        }
    };
    view! {
        <section aria-labelledby="registration" class="registration">
            <h2 id="registration">"Your place"</h2>
            {body}
        </section>
    }
}
