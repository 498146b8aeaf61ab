//! `/shops/new` and `/schools/new`: adding a shop, claiming an IPEDS program, or adding a
//! program IPEDS does not list. Plain forms (server/src/forms/orgs.rs), so they work without
//! JavaScript; problems come back beside the field they concern.
use domain::{
    ProgramKind,
    orgs::{Accreditation, ShopType, SizeBand},
    states::STATES,
};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{
    form_fields::{FormError, SelectField, TextField, field_error, query},
    layout::Layout,
    signed_in::SignedIn,
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

/// Street, city, state and ZIP (the ZIP must be in the state; it places the pin).
#[component]
fn AddressFields() -> impl IntoView {
    view! {
        <TextField name="street" label="Street address" maxlength=200 autocomplete="street-address" />
        <TextField name="city" label="City" maxlength=100 required=true autocomplete="address-level2" />
        <SelectField name="state" label="State" options=state_options() required=true />
        <TextField
            name="zip"
            label="ZIP code"
            maxlength=5
            required=true
            autocomplete="postal-code"
            hint="The map shows the organisation at the centre of its ZIP code."
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
            <SignedIn next="/shops/new".to_string()>
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

/// `/schools/new[?unitid=…]`
#[component]
pub fn NewSchoolPage() -> impl IntoView {
    let unitid = query("unitid");
    view! {
        <Layout>
            <Title text="Add your program" />
            <h1>"Add your program"</h1>
            <SignedIn next="/schools/new".to_string()>
                <FormError />
                <section aria-labelledby="claim">
                    <h2 id="claim">"A college program listed by IPEDS"</h2>
                    <p>
                        "Find your school on the " <a href="/programs">"program finder"</a>
                        " and use “I teach here”, or enter its IPEDS UNITID. When your email address is at the "
                        "school's own web domain, the claim is verified at once; otherwise an admin checks it."
                    </p>
                    <form class="account-form" method="post" action="/schools/claim">
                        <TextField
                            name="unitid"
                            label="IPEDS UNITID"
                            maxlength=6
                            required=true
                            prefill=unitid().unwrap_or_default()
                        />
                        <button type="submit">"Claim this program"</button>
                    </form>
                </section>
                <section aria-labelledby="unlisted">
                    <h2 id="unlisted">"A high-school or other program IPEDS does not list"</h2>
                    <p>"An admin verifies it before it appears on the map."</p>
                    <form class="account-form" method="post" action="/schools/high-school">
                        <TextField name="name" label="Program name" maxlength=120 required=true />
                        <AddressFields />
                        <KindsField />
                        <SelectField
                            name="accreditation"
                            label="ASE Education Foundation accreditation"
                            options=options(Accreditation::ALL, Accreditation::slug, Accreditation::label)
                        />
                        <TextField name="website" label="Website (optional)" maxlength=200 input_type="url" />
                        <button type="submit">"Add program"</button>
                    </form>
                </section>
            </SignedIn>
        </Layout>
    }
}

/// One checkbox per program kind (`kind_auto`, `kind_diesel`, …).
#[component]
fn KindsField() -> impl IntoView {
    let error = field_error("kinds");
    let boxes = ProgramKind::ALL
        .iter()
        .map(|kind| {
            let name = format!("kind_{}", kind.slug());
            view! {
                <label class="check">
                    <input type="checkbox" name=name value="on" />
                    {kind.label()}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field" aria-describedby="kinds-error">
            <legend>"What it teaches"</legend>
            {boxes}
            <p id="kinds-error" class="field-error" role="alert">{error}</p>
        </fieldset>
    }
}
