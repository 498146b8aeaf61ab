//! The partnership page's placements: for each accepted internship or apprenticeship offer,
//! the placements made from it (no student's name) and, for the verified shop's members,
//! the form to place a student the school sends. One form shows at a time (`?offer=` picks
//! which), so a refusal's messages and typed values belong to one form.
use domain::placements::{OfferPlacements, PersonChoice};
use leptos::prelude::*;

use crate::{
    api::placements::partnership_placements,
    components::{
        form_fields::{TextField, query},
        loaded::Loaded,
        placement_terms::PlacementTermsFields,
    },
};

/// The section, when the partnership has such offers.
#[component]
pub fn OfferPlacementsSection(id: i64) -> impl IntoView {
    let data = Resource::new(move || id.to_string(), partnership_placements);
    view! {
        <Loaded resource=data inline=true let:offers>
            <OfferPlacementsList id offers />
        </Loaded>
    }
}

#[component]
fn OfferPlacementsList(id: i64, offers: Vec<OfferPlacements>) -> impl IntoView {
    if offers.is_empty() {
        return ().into_any();
    }
    let chosen = query("offer");
    // The offer whose form shows: the one asked for, else the first the viewer may place from.
    let first = offers.iter().find(|o| o.mentors.is_some()).map(|o| o.offer_id);
    let shown = Signal::derive(move || chosen().and_then(|o| o.parse::<i64>().ok()).or(first));
    let items = offers.into_iter().map(|offer| view! { <OfferItem id offer shown /> }).collect_view();
    view! {
        <section aria-labelledby="offer-placements" class="offer-placements">
            <h2 id="offer-placements">"Placements from accepted offers"</h2>
            <p class="hint">"The school sends the students; the shop makes a placement for each, and the student joins it from the e-mailed link."</p>
            {items}
        </section>
    }
    .into_any()
}

#[component]
fn OfferItem(id: i64, offer: OfferPlacements, shown: Signal<Option<i64>>) -> impl IntoView {
    let offer_id = offer.offer_id;
    let lines = if offer.placements.is_empty() {
        view! { <p class="hint">"No placement from this offer yet."</p> }.into_any()
    } else {
        let rows = offer
            .placements
            .into_iter()
            .map(|p| {
                view! {
                    <li>
                        <a href=format!("/placements/{}", p.id)>{format!("Placement #{}", p.id)}</a>
                        {format!(" · {} · {} to {}", p.status.label(), p.starts_on, p.ends_on)}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="offer-placement-list">{rows}</ul> }.into_any()
    };
    let form = offer.mentors.map(|mentors| {
        let mentors = StoredValue::new(mentors);
        move || {
            if shown.get() == Some(offer_id) {
                view! { <PlaceStudentForm offer_id mentors=mentors.get_value() /> }.into_any()
            } else {
                let href = format!("/partnerships/{id}?offer={offer_id}#place-student");
                view! { <p><a href=href>"Place a student from this offer"</a></p> }.into_any()
            }
        }
    });
    view! {
        <div class="offer-placement" data-offer-id=offer_id>
            <h3>
                <a href=format!("/needs/{}", offer.need_id)>{offer.need_title}</a>
                {format!(" ({}, {})", offer.need_kind.label(), offer.program_name)}
            </h3>
            {lines}
            {form}
        </div>
    }
}

#[component]
fn PlaceStudentForm(offer_id: i64, mentors: Vec<PersonChoice>) -> impl IntoView {
    let mentors: Vec<(String, String)> = mentors.into_iter().map(|m| (m.id.to_string(), m.name)).collect();
    view! {
        <form method="post" action=format!("/offers/{offer_id}/placements") class="account-form place-student" id="place-student">
            <h4>"Place a student"</h4>
            <TextField name="email" label="The student's e-mail address" maxlength=254 input_type="email" required=true
                autocomplete="off"
                hint="As the school gave it. We e-mail the student a link to join; the placement does not keep the address." />
            <PlacementTermsFields mentors />
            <button type="submit">"Make the placement"</button>
        </form>
    }
}
