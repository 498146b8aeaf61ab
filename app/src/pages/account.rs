//! Sign-up, sign-in, email verification and the account page. Every form posts to a plain
//! handler (server/src/forms/session.rs) that answers with a redirect, so all of it works without
//! JavaScript; messages come back in the query string.
use crate::components::form_fields::{Done, FormError, TextField};
use crate::components::loaded::Loaded;
use crate::components::page_header::PageHeader;
use crate::components::{
    account_fields::{EmailField, PasswordField},
    devices::{SecondFactorSummaryPanel, SignedInDevices},
};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::{
        account::my_account,
        careers::saved_paths,
        needs::needs_near_my_shops,
        openings::my_applications,
        orgs::{my_organisations, saved_programs},
    },
    components::{
        account_orgs::{MyOrganisations, SavedPaths, SavedPrograms, SavedSearchesLink},
        claims::{MyClaims, my_claims_resource},
        form_fields::query,
        layout::Layout,
        needs_near_you::NeedsNearYou,
        opening_list::MyApplications,
    },
    notice,
    pages::account_settings::{AccountSettings, NameForm, TimeZoneForm},
};

/// `/signup`
#[component]
pub fn SignUpPage() -> impl IntoView {
    let sent = query("sent");
    view! {
        <Layout>
            <Title text="Create an account" />
            <h1>"Create an account"</h1>
            {move || match sent() {
                Some(_) => view! {
                    <p class="notice" role="status">
                        "Check your email: we have sent a link to confirm your address. "
                        "It works for 24 hours."
                    </p>
                }
                .into_any(),
                None => view! {
                    <FormError />
                    <form class="account-form" method="post" action="/signup">
                        <TextField
                            name="display_name"
                            label="Your name"
                            maxlength=80
                            required=true
                            autocomplete="name"
                            hint="Shops, schools and students you work with see this name, never your email address."
                        />
                        <EmailField autocomplete="email" />
                        <PasswordField
                            autocomplete="new-password"
                            hint=Some("8 to 128 characters; a few unrelated words make a strong password.")
                        />
                        <button type="submit">"Create account"</button>
                    </form>
                    <p>"Already have an account? " <a href="/login">"Sign in"</a></p>
                }
                .into_any(),
            }}
        </Layout>
    }
}

/// `/login`
#[component]
pub fn LoginPage() -> impl IntoView {
    let (verified, signed_out, reset) = (query("verified"), query("signed_out"), query("reset"));
    view! {
        <Layout>
            <Title text="Sign in" />
            <h1>"Sign in"</h1>
            {move || verified().map(|_| view! { <p class="notice" role="status">"Your email address is confirmed. Sign in to continue."</p> })}
            {move || signed_out().map(|_| view! { <p class="notice" role="status">"You are signed out."</p> })}
            {move || reset().map(|_| view! { <p class="notice" role="status">"Your password is changed. Sign in with the new one."</p> })}
            <Done shows=notice::ACCOUNT />
            <FormError />
            <form class="account-form" method="post" action="/login">
                <input type="hidden" name="next" value=query("next") />
                <EmailField autocomplete="username" />
                <PasswordField autocomplete="current-password" hint=None />
                <button type="submit">"Sign in"</button>
            </form>
            <p><a href="/forgot-password">"Forgot your password?"</a></p>
            <p>"New to Bayline? " <a href="/signup">"Create an account"</a></p>
        </Layout>
    }
}

/// `/verify-email?token=…`: opening the emailed link changes nothing by itself (no state
/// change over GET); the button posts the token.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let token = query("token");
    view! {
        <Layout>
            <Title text="Confirm your email address" />
            <h1>"Confirm your email address"</h1>
            <FormError />
            {move || match token() {
                Some(token) => view! {
                    <form class="account-form" method="post" action="/verify-email">
                        <input type="hidden" name="token" value=token />
                        <button type="submit">"Confirm my email address"</button>
                    </form>
                }
                .into_any(),
                None => view! { <p>"Open the link in the email we sent you. " <a href="/signup">"Sign up again"</a> " if it has expired."</p> }.into_any(),
            }}
        </Layout>
    }
}

/// `/account`: who is signed in, signing out, and self-service.
#[component]
pub fn AccountPage() -> impl IntoView {
    let account = Resource::new(|| (), |_| my_account());
    let orgs = Resource::new(|| (), |_| my_organisations());
    let saved = Resource::new(|| (), |_| saved_programs());
    let paths = Resource::new(|| (), |_| saved_paths());
    let near = Resource::new(|| (), |_| needs_near_my_shops());
    let applications = Resource::new(|| (), |_| my_applications());
    let claims = my_claims_resource();
    view! {
        <Layout>
            <Title text="Your account" />
            <PageHeader title="Your account" lede="Your applications, organisations and saved programs, and how you sign in." />
            <Done shows=notice::ACCOUNT />
            <Loaded resource=account let:data>{match data { Some(me) => view! {
                            <p>"Signed in as " <strong data-testid="account-email">{me.email}</strong></p>
                            <NameForm current=me.display_name />
                            <TimeZoneForm chosen=me.time_zone in_use=me.time_zone_in_use />
                            <MyOrganisations orgs />
                            <MyClaims claims />
                            <NeedsNearYou shops=near />
                            <MyApplications list=applications />
                            <SavedPrograms saved />
                            <SavedPaths saved=paths />
                            <SavedSearchesLink />
                            <SecondFactorSummaryPanel />
                            <SignedInDevices />
                            <AccountSettings />
                        }
                        .into_any(), None => {
                            #[cfg(feature = "ssr")]
                            crate::ssr::redirect_page("/login?next=%2Faccount");
                            view! { <p>"Please " <a href="/login?next=%2Faccount">"sign in"</a> "."</p> }.into_any()
                        } }}</Loaded>
        </Layout>
    }
}
