//! `/schools/listings/{id}`: a school from an imported list, so a listing is not a dead end
//! — its facts and where they came from, "not yet on Bayline" (or, once claimed, a link to
//! its organisation), the link for its instructors to add it, how many shops invited it and,
//! for a member of a verified shop, the invitation forms (plain POST forms,
//! server/src/forms/schools.rs). `/schools/listings/{id}/letter?shop=…`: the shop's
//! printable invitation letter.
use domain::school_invites::{InviteLetter, ListingPage, ShopInvites};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::schools::{listing_details, listing_letter},
    components::{
        form_fields::{Done, FormError, field_error},
        layout::Layout,
        loaded::Loaded,
    },
    notice,
};

/// `/schools/listings/{id}`
#[component]
pub fn SchoolListingPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(id, listing_details);
    view! {
        <Layout description="A school from an imported list: where the facts come from, and how its instructors add it to Bayline.">
            <Loaded resource=data let:page>
                <Listing page />
            </Loaded>
        </Layout>
    }
}

#[component]
fn Listing(page: ListingPage) -> impl IntoView {
    let kinds = page.kinds.iter().map(|k| k.label()).collect::<Vec<_>>().join(", ");
    let located = if page.located_by_zip {
        "Placed on the map at the centre of its ZIP code (the list gives no coordinates)."
    } else {
        "Placed on the map where the list says it is."
    };
    let status = match &page.claimed_by {
        Some((org, name)) => view! {
            <p class="notice listing-status">
                "This school is on Bayline: " <a href=format!("/orgs/{org}")>{name.clone()}</a>"."
            </p>
        }
        .into_any(),
        None => view! {
            <p class="listing-status">
                <strong>"Not yet on Bayline."</strong>
                " Nobody from this school has added it yet, so Bayline has not verified anything about it."
            </p>
            <p>
                <a href=format!("/schools/high-school?listing={}", page.id)>"Teach here? Add this school to Bayline"</a>
            </p>
        }
        .into_any(),
    };
    let invited = match page.shops_invited {
        0 => "No shop has invited this school yet.".to_string(),
        1 => "1 shop has invited this school to Bayline.".to_string(),
        n => format!("{n} shops have invited this school to Bayline."),
    };
    let invites = match (&page.claimed_by, page.my_shops.is_empty()) {
        (Some(_), _) => None,
        (None, true) => Some(
            view! { <p class="hint">"Members of verified shops on Bayline can invite this school from this page."</p> }
                .into_any(),
        ),
        (None, false) => Some(
            view! { <InviteSection id=page.id has_address=page.has_address shops=page.my_shops.clone() /> }
                .into_any(),
        ),
    };
    view! {
        <Title text=page.name.clone() />
        <article class="profile listing-page" data-listing-id=page.id>
            <Done shows=notice::SCHOOL_LISTING />
            <FormError />
            <h1>{page.name.clone()}</h1>
            <dl class="facts">
                <dt>"Place"</dt><dd>{format!("{}, {}", page.city, page.state)}</dd>
                <dt>"Kind of school"</dt><dd>{page.level.label()}</dd>
                <dt>"Teaches"</dt><dd>{kinds}</dd>
                <dt>"Source"</dt><dd>{format!("From {}, line {}.", page.source, page.source_line)}</dd>
            </dl>
            <p class="hint">{located}</p>
            {status}
            <p class="invited-count">{invited}</p>
            {invites}
        </article>
    }
}

/// The invitation forms of each of the viewer's verified shops.
#[component]
fn InviteSection(id: i64, has_address: bool, shops: Vec<ShopInvites>) -> impl IntoView {
    let error = field_error("channel");
    let address = if has_address {
        "The list gives an address for this school: your shop can e-mail it one invitation (the address is not shown to you)."
    } else {
        "The list gives no e-mail address for this school: print a letter and post it or hand it over."
    };
    let action = format!("/schools/listings/{id}/invite");
    let per_shop = shops
        .into_iter()
        .map(|shop| {
            let action = action.clone();
            let emailed = match (&shop.emailed_on, has_address) {
                (Some(day), _) => {
                    view! { <p class="invited">{format!("Invited by your shop on {day}.")}</p> }.into_any()
                }
                (None, true) => view! {
                    <form class="inline-form" method="post" action=action.clone()>
                        <input type="hidden" name="shop" value=shop.shop_id />
                        <input type="hidden" name="channel" value="email" />
                        <button type="submit" aria-describedby="channel-error">
                            {format!("Invite by e-mail as {}", shop.shop_name)}
                        </button>
                    </form>
                }
                .into_any(),
                (None, false) => ().into_any(),
            };
            let letter_note = shop
                .letter_on
                .as_ref()
                .map(|day| view! { <p class="hint">{format!("Your shop made a letter on {day}.")}</p> });
            view! {
                <li class="shop-invite" data-shop-id=shop.shop_id>
                    <h3>{shop.shop_name.clone()}</h3>
                    {emailed}
                    {letter_note}
                    <form class="inline-form" method="post" action=action>
                        <input type="hidden" name="shop" value=shop.shop_id />
                        <input type="hidden" name="channel" value="letter" />
                        <button type="submit" class="secondary">"Print a letter"</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="listing-invite" aria-labelledby="invite-heading">
            <h2 id="invite-heading">"Invite this school to Bayline"</h2>
            <p>{address}</p>
            <p id="channel-error" class="field-error">{error}</p>
            <ul class="shop-invites">{per_shop}</ul>
        </section>
    }
}

/// `/schools/listings/{id}/letter?shop=…`
#[component]
pub fn SchoolLetterPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || (params.with(|p| p.get("id").unwrap_or_default()), query.with(|q| q.get("shop")));
    let data = Resource::new(key, |(id, shop)| listing_letter(id, shop));
    view! {
        <Layout description="A printable letter inviting a school to Bayline.">
            <Loaded resource=data let:letter>
                <Letter letter />
            </Loaded>
        </Layout>
    }
}

#[component]
fn Letter(letter: InviteLetter) -> impl IntoView {
    let lines = |lines: Vec<String>| {
        lines.into_iter().map(|line| view! { <span class="line">{line}</span> }).collect_view()
    };
    let school = letter.school_name.clone();
    let shop = letter.shop_name.clone();
    let title = format!("Letter to {school}");
    let label = format!("Letter from {shop} to {school}");
    let heading = format!("An invitation to Bayline from {shop}");
    let hello = format!(
        "We are {shop}, a repair shop near you, and we would like to work with {school}'s technician students."
    );
    let listed = format!(
        "{school} is on a list of schools that Bayline's operator imported, but nobody from the school has added it yet. To add your program, go to:"
    );
    view! {
        <Title text=title />
        <div class="screen-only letter-tools">
            <p>
                "Print this page (your browser's Print command, Ctrl+P or ⌘P) and post it to the school or hand it over. "
                <a href=format!("/schools/listings/{}", letter.listing_id)>"Back to the school"</a>
            </p>
        </div>
        <article class="letter" aria-label=label>
            <address class="letter-from">
                <strong class="line">{shop.clone()}</strong>
                {lines(letter.shop_address)}
            </address>
            <p class="letter-date">{letter.dated}</p>
            <address class="letter-to">
                <span class="line">"To the automotive instructors of"</span>
                <strong class="line">{school.clone()}</strong>
                {lines(letter.school_address)}
            </address>
            <h1 class="letter-title">{heading}</h1>
            <p>"Dear instructors,"</p>
            <p>{hello}</p>
            <p>
                "Bayline is a free website that connects repair shops, dealerships and fleets with high-school and "
                "college automotive, diesel, collision and heavy-truck programs. A program lists what its students "
                "need — a guest speaker, a shop tour, equipment, internships — and shops nearby offer to help. "
                "Bayline verifies every shop and every program before students see them."
            </p>
            <p>{listed}</p>
            <p class="claim-url">{letter.claim_url}</p>
            <p>
                "With an e-mail address at your school's own web address, your program can be verified at once; "
                "otherwise Bayline's admins check it first."
            </p>
            <p>"We hope to hear from you."</p>
            <p class="letter-sign">"Sincerely,"<span class="line">{shop}</span></p>
        </article>
    }
}
