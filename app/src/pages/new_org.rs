//! `/shops/new`, `/schools/new` and `/schools/high-school`: adding a shop, claiming an IPEDS
//! program, or adding a program IPEDS does not list. Plain forms (server/src/forms/orgs.rs), so they work without
//! JavaScript; problems come back beside the field they concern.
use domain::{
    ProgramKind,
    orgs::{Accreditation, ShopType, SizeBand},
    schools::ListingPrefill,
    states::STATES,
};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{programs::program_profile, schools::listing_to_claim},
    components::{
        form_fields::{FormError, SelectField, TextField, field_error, query, typed, was_ticked},
        layout::Layout,
        loaded::Loaded,
        signed_in::SignedIn,
    },
};

fn options<T: Copy>(
    all: &[T],
    slug: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|v| (slug(*v), label(*v))).collect()
}

fn state_options() -> Vec<(&'static str, &'static str)> {
    STATES.to_vec()
}

/// Street, city, state and ZIP (the ZIP must be in the state; it places the pin), filled
/// from `from` when the form starts from an imported listing.
#[component]
fn AddressFields(#[prop(default = None)] from: Option<ListingPrefill>) -> impl IntoView {
    let value = |pick: fn(&ListingPrefill) -> &String| from.as_ref().map(|l| pick(l).clone());
    view! {
        <TextField
            name="street"
            label="Street address"
            maxlength=200
            autocomplete="street-address"
            prefill=value(|l| &l.street).unwrap_or_default()
        />
        <TextField
            name="city"
            label="City"
            maxlength=100
            required=true
            autocomplete="address-level2"
            prefill=value(|l| &l.city).unwrap_or_default()
        />
        <SelectField
            name="state"
            label="State"
            options=state_options()
            required=true
            prefill=value(|l| &l.state).unwrap_or_default()
        />
        <TextField
            name="zip"
            label="ZIP code"
            maxlength=5
            required=true
            autocomplete="postal-code"
            hint="The map shows the organisation at the centre of its ZIP code."
            prefill=value(|l| &l.zip).unwrap_or_default()
        />
    }
}

/// `/shops/new`
#[component]
pub fn NewShopPage() -> impl IntoView {
    view! {
        <Layout>
            <Title text="Add your shop" />
            <h1>"Add your shop"</h1>
            <SignedIn>
                <p>
                    "Bayline verifies every shop before students see it. You become its owner and can invite "
                    "your colleagues."
                </p>
                <FormError />
                <form class="account-form" method="post" action="/shops">
                    <TextField name="name" label="Shop name" maxlength=120 required=true autocomplete="organization" />
                    <SelectField
                        name="shop_type"
                        label="Kind of shop"
                        options=options(ShopType::ALL, ShopType::slug, ShopType::label)
                        required=true
                    />
                    <SelectField
                        name="size_band"
                        label="Technicians"
                        options=options(SizeBand::ALL, SizeBand::slug, SizeBand::label)
                        required=true
                    />
                    <AddressFields />
                    <TextField name="website" label="Website (optional)" maxlength=200 input_type="url" />
                    <button type="submit">"Add shop"</button>
                </form>
            </SignedIn>
        </Layout>
    }
}

/// `/schools/new[?unitid=…]`: claiming a college program IPEDS lists. The page names the
/// school (name, place, IPEDS web host) before the button, so nobody claims a number; without
/// a UNITID it asks for one first (a GET form, so it works without JavaScript).
#[component]
pub fn NewSchoolPage() -> impl IntoView {
    let unitid = query("unitid");
    view! {
        <Layout>
            <Title text="Claim your program" />
            <h1>"Claim your program"</h1>
            <SignedIn>
                <FormError />
                {move || match unitid().or_else(typed("unitid")) {
                    Some(unitid) => view! { <ClaimConfirmation unitid /> }.into_any(),
                    None => view! { <FindByUnitid /> }.into_any(),
                }}
                <section aria-labelledby="unlisted">
                    <h2 id="unlisted">"A high-school or other program IPEDS does not list?"</h2>
                    <p>
                        <a href="/schools/high-school">"Add your program"</a>
                        ". An admin verifies it before it appears on the map."
                    </p>
                </section>
            </SignedIn>
        </Layout>
    }
}

/// Asks for the UNITID when the page was opened without one.
#[component]
fn FindByUnitid() -> impl IntoView {
    view! {
        <section aria-labelledby="find">
            <h2 id="find">"Which school?"</h2>
            <p>
                "Find your school on the " <a href="/programs">"program finder"</a>
                " and use “I teach here”, or enter its IPEDS UNITID."
            </p>
            <form class="account-form" method="get" action="/schools/new">
                <TextField name="unitid" label="IPEDS UNITID" maxlength=6 required=true hint="Six digits, for example 172635." />
                <button type="submit">"Find the school"</button>
            </form>
        </section>
    }
}

/// The school being claimed, then the button.
#[component]
fn ClaimConfirmation(unitid: String) -> impl IntoView {
    let key = unitid.clone();
    let profile = Resource::new(move || key.clone(), |unitid| program_profile(unitid, None));
    view! {
        <Loaded resource=profile inline=true let:found>
            {match found {
                Some(data) => {
                    let p = data.profile;
                    let host = domain::orgs::site_host(&p.website);
                    view! {
                        <section class="claim-school" aria-labelledby="claiming">
                            <h2 id="claiming">"You are claiming"</h2>
                            <dl class="facts">
                                <dt>"School"</dt><dd>{p.name.clone()}</dd>
                                <dt>"Place"</dt><dd>{format!("{}, {}", p.city, p.state)}</dd>
                                <dt>"IPEDS web host"</dt><dd>{host.clone().unwrap_or_else(|| "none listed".into())}</dd>
                                <dt>"IPEDS UNITID"</dt><dd>{p.unitid}</dd>
                            </dl>
                            <p class="hint">
                                {match host {
                                    Some(host) => format!("When your email address is at {host}, the claim is verified at once; otherwise an admin checks it."),
                                    None => "An admin checks the claim.".to_string(),
                                }}
                            </p>
                            <form class="account-form" method="post" action="/schools/claim">
                                <input type="hidden" name="unitid" value=p.unitid />
                                <button type="submit">"Claim this program"</button>
                            </form>
                            <p><a href="/schools/new">"Not your school? Find another"</a></p>
                        </section>
                    }
                    .into_any()
                }
                None => view! {
                    <p class="field-error" role="alert">
                        "IPEDS lists no automotive, diesel, collision or heavy-truck program under that UNITID."
                    </p>
                    <FindByUnitid />
                }
                .into_any(),
            }}
        </Loaded>
    }
}

/// `/schools/high-school`: adding a high-school or other program IPEDS does not list.
#[component]
pub fn NewHighSchoolPage() -> impl IntoView {
    // Opened from a school "not yet on Bayline": the form starts from its imported facts.
    let listing = Resource::new(query("listing"), listing_to_claim);
    view! {
        <Layout>
            <Title text="Add your program" />
            <h1>"Add your program"</h1>
            <SignedIn>
                <p>
                    "For high-school and other programs IPEDS does not list. A college program? "
                    <a href="/schools/new">"Claim it instead"</a>"."
                </p>
                <p>"An admin verifies it before it appears on the map."</p>
                <FormError />
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let from = listing.await.ok().flatten();
                        view! { <HighSchoolForm from /> }
                    })}
                </Suspense>
            </SignedIn>
        </Layout>
    }
}

#[component]
fn HighSchoolForm(from: Option<ListingPrefill>) -> impl IntoView {
    let note = from.as_ref().map(|l| {
        let how = match &l.at_once_host {
            Some(host) => format!(
                "When your verified e-mail address is at {host} (the school's own web host), it is verified at once and replaces the listing; otherwise an admin checks it first."
            ),
            None => "An admin checks it; once verified, it replaces the listing.".to_string(),
        };
        view! {
            <p class="notice">
                {format!(
                    "Starting from “{}” in {}, line {}: check every field, then add it.",
                    l.name, l.source, l.source_line
                )}
            </p>
            <p class="hint">{how}</p>
        }
    });
    let listing_id = from.as_ref().map(|l| l.id.to_string()).unwrap_or_default();
    let (name, website) = from.as_ref().map(|l| (l.name.clone(), l.website.clone())).unwrap_or_default();
    let kinds = from.as_ref().map(|l| l.kinds.clone()).unwrap_or_default();
    view! {
        {note}
        <form class="account-form" method="post" action="/schools/high-school">
            <input type="hidden" name="listing" value=listing_id />
            <TextField name="name" label="Program name" maxlength=120 required=true prefill=name />
            <AddressFields from=from.clone() />
            <KindsField prefill=kinds />
            <SelectField
                name="accreditation"
                label="ASE Education Foundation accreditation"
                options=options(Accreditation::ALL, Accreditation::slug, Accreditation::label)
            />
            <TextField name="website" label="Website (optional)" maxlength=200 input_type="url" prefill=website />
            <button type="submit">"Add program"</button>
        </form>
    }
}

/// One checkbox per program kind (`kind_auto`, `kind_diesel`, …).
#[component]
fn KindsField(
    /// Ticked at first (from an imported listing); a refused form shows what was sent.
    #[prop(optional)]
    prefill: Vec<ProgramKind>,
) -> impl IntoView {
    let error = field_error("kinds");
    let boxes = ProgramKind::ALL
        .iter()
        .map(|kind| {
            let name = format!("kind_{}", kind.slug());
            let ticked = was_ticked(&name).unwrap_or_else(|| prefill.contains(kind));
            view! {
                <label class="check">
                    <input type="checkbox" name=name value="on" checked=ticked />
                    {kind.label()}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field" aria-describedby="kinds-error">
            <legend>"What it teaches"</legend>
            {boxes}
            <p id="kinds-error" class="field-error">{error}</p>
        </fieldset>
    }
}
