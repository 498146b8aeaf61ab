//! Offers on a need's page: the form a verified shop's member offers with, and the offers
//! the viewer may see, with accept and decline forms for the program's members. Messages
//! are plain text, shown escaped.
use crate::components::when::When;
use domain::partnerships::{OfferStatus, OfferView, OffersOnNeed};
use leptos::prelude::*;

use crate::{
    components::form_fields::{ShopPicker, TextArea},
    error::AppError,
};

/// The offers section of need `need_id`; the page creates the resource.
#[component]
pub fn NeedOffers(need_id: i64, offers: Resource<Result<OffersOnNeed, AppError>>) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                // Errors here (a hidden need) are the page's to show, not this section's.
                let OffersOnNeed { offers, can_offer } = offers.await.unwrap_or_default();
                let form = (!can_offer.is_empty()).then(|| view! { <OfferForm need_id shops=can_offer /> });
                let list = (!offers.is_empty()).then(|| view! {
                    <section aria-labelledby="offers">
                        <h2 id="offers">"Offers"</h2>
                        <ul class="offer-list">{offers.into_iter().map(|offer| view! { <Offer offer /> }).collect_view()}</ul>
                    </section>
                });
                view! { {form} {list} }
            })}
        </Suspense>
    }
}

#[component]
fn OfferForm(need_id: i64, shops: Vec<domain::partnerships::ShopChoice>) -> impl IntoView {
    view! {
        <section aria-labelledby="offer-help">
            <h2 id="offer-help">"Offer to help"</h2>
            <form class="account-form offer-form" method="post" action=format!("/needs/{need_id}/offers")>
                <ShopPicker shops />
                <TextArea name="message" label="Your message" maxlength=2000 required=true hint="Plain text, up to 2,000 characters." />
                <button type="submit">"Send offer"</button>
            </form>
        </section>
    }
}

#[component]
fn Offer(offer: OfferView) -> impl IntoView {
    let OfferView {
        id,
        need_id,
        shop_name,
        message,
        status,
        decline_reason,
        partnership_id,
        created_at,
        can_decide,
        ..
    } = offer;
    let reason = (!decline_reason.is_empty())
        .then(|| view! { <p class="meta">{format!("Reason: {decline_reason}")}</p> });
    let link = partnership_id
        .map(|p| view! { <p><a href=format!("/partnerships/{p}")>"See the partnership"</a></p> });
    let decide = (can_decide && status == OfferStatus::Pending).then(|| {
        view! {
            <form method="post" action=format!("/offers/{id}/accept") class="inline">
                <input type="hidden" name="need_id" value=need_id />
                <button type="submit">{format!("Accept the offer from {shop_name}")}</button>
            </form>
            <form method="post" action=format!("/offers/{id}/decline") class="inline decline">
                <input type="hidden" name="need_id" value=need_id />
                <label>"Reason (optional)" <input name="reason" maxlength="500" /></label>
                <button type="submit" class="danger">{format!("Decline the offer from {shop_name}")}</button>
            </form>
        }
    });
    view! {
        <li class="offer" data-offer-id=id>
            <h3>{shop_name.clone()}</h3>
            <p class="meta">{format!("{} · ", status.label())} <When moment=created_at /></p>
            <p class="message-body">{message}</p>
            {reason}
            {link}
            {decide}
        </li>
    }
}
