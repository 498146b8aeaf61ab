//! `/account/second-factor` (set up, recovery codes, turn off) and `/login/code` (the code
//! after a right password). Every form posts to a plain handler
//! (server/src/forms/second_factor.rs), so all of it works without JavaScript.
use crate::components::loaded::Loaded;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::second_factor::{
        PendingSetup, SecondFactorView as PageData, second_factor_page, sign_in_challenge_open,
    },
    components::{
        form_fields::{Done, FormError, field_error},
        layout::Layout,
    },
    notice,
};

/// The one-time-code input of every form here. Recovery codes hold letters, so the keyboard
/// is not limited to digits.
#[component]
fn CodeField(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let error = field_error("code");
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                name="code"
                type="text"
                autocomplete="one-time-code"
                autocapitalize="off"
                spellcheck="false"
                maxlength="20"
                required
                aria-invalid=move || error().map(|_| "true")
                aria-describedby=format!("{hint_id} {error_id}")
            />
            <p id=hint_id class="hint">{hint}</p>
            <p id=error_id class="field-error">{error}</p>
        </div>
    }
}

/// `/account/second-factor`
#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| second_factor_page());
    view! {
        <Layout>
            <Title text="Second factor" />
            <h1>"Second factor"</h1>
            <Done shows=notice::SECOND_FACTOR />
            <FormError />
            <Loaded resource=data let:page><SecondFactor page /></Loaded>
            <p><a href="/account">"Back to your account"</a></p>
        </Layout>
    }
}

#[component]
fn SecondFactor(page: PageData) -> impl IntoView {
    let PageData { on, required, pending, recovery_codes_left, new_codes } = page;
    view! {
        {(required && !on).then(|| view! {
            <p class="notice" role="status" data-testid="admin-needs-second-factor">
                "You are an admin: your admin pages open once your second factor is on."
            </p>
        })}
        {(!new_codes.is_empty()).then(|| view! { <NewCodes codes=new_codes /> })}
        {match (on, pending) {
            (true, _) => view! { <FactorOn required recovery_codes_left /> }.into_any(),
            (false, Some(setup)) => view! { <Setup setup /> }.into_any(),
            (false, None) => view! { <Begin /> }.into_any(),
        }}
    }
}

#[component]
fn NewCodes(codes: Vec<String>) -> impl IntoView {
    view! {
        <section class="settings" aria-labelledby="codes-title">
            <h2 id="codes-title">"Your recovery codes"</h2>
            <p>
                "If you lose your phone, each of these signs you in once instead of a code from the app. \
                 Write them down or print this page now: they are shown only this once."
            </p>
            <ul class="recovery-codes" data-testid="recovery-codes">
                {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Begin() -> impl IntoView {
    view! {
        <section class="settings" aria-labelledby="begin-title">
            <h2 id="begin-title">"Protect your account with your phone"</h2>
            <p>
                "With a second factor, signing in needs your password and a six-digit code from an \
                 authenticator app on your phone (such as Google Authenticator, Microsoft Authenticator, \
                 1Password or Aegis). Someone who learns your password still cannot sign in."
            </p>
            <form class="account-form" method="post" action="/account/second-factor/begin">
                <button type="submit">"Set up a second factor"</button>
            </form>
        </section>
    }
}

#[component]
fn Setup(setup: PendingSetup) -> impl IntoView {
    let PendingSetup { secret, uri, qr_svg } = setup;
    view! {
        <section class="settings" aria-labelledby="setup-title">
            <h2 id="setup-title">"Add Bayline to your authenticator app"</h2>
            <ol class="steps">
                <li>
                    "Scan this code with the app,"
                    <div class="qr" role="img" aria-label="QR code for your authenticator app" inner_html=qr_svg></div>
                    "or, on this phone, "
                    <a href=uri>"open it in your app"</a>
                    ", or type this key into the app:"
                    <p><code class="secret" data-testid="totp-secret">{secret}</code></p>
                </li>
                <li>
                    "Type the six digits the app shows for Bayline:"
                    <form class="account-form" method="post" action="/account/second-factor/confirm">
                        <CodeField id="confirm-code" label="Code from the app" />
                        <button type="submit">"Turn on the second factor"</button>
                    </form>
                </li>
            </ol>
            <form class="account-form" method="post" action="/account/second-factor/begin">
                <button type="submit" class="secondary">"Start again with a new key"</button>
            </form>
        </section>
    }
}

#[component]
fn FactorOn(required: bool, recovery_codes_left: usize) -> impl IntoView {
    view! {
        <section class="settings" aria-labelledby="on-title">
            <h2 id="on-title">"Your second factor is on"</h2>
            <p data-testid="recovery-codes-left">
                {format!(
                    "Signing in asks for a code from your app. {recovery_codes_left} of your recovery codes {} unused.",
                    if recovery_codes_left == 1 { "is" } else { "are" }
                )}
            </p>
            <h3>"New recovery codes"</h3>
            <p>"Used most of them, or lost the list? Make ten new ones; the old ones stop working."</p>
            <form class="account-form" method="post" action="/account/second-factor/recovery-codes">
                <CodeField id="codes-code" label="Code from the app" />
                <button type="submit">"Make new recovery codes"</button>
            </form>
            {if required {
                view! { <p>"As an admin you keep your second factor on."</p> }.into_any()
            } else {
                view! {
                    <h3>"Turn it off"</h3>
                    <form class="account-form" method="post" action="/account/second-factor/off">
                        <CodeField id="off-code" label="Code from the app, to turn it off" />
                        <button type="submit" class="danger">"Turn off the second factor"</button>
                    </form>
                }
                .into_any()
            }}
        </section>
    }
}

/// `/login/code`: the second step of signing in.
#[component]
pub fn SignInCodePage() -> impl IntoView {
    let open = Resource::new(|| (), |_| sign_in_challenge_open());
    view! {
        <Layout>
            <Title text="Enter your code" />
            <h1>"Enter your code"</h1>
            <FormError />
            <Loaded resource=open let:data>{match data { true => view! {
                            <form class="account-form" method="post" action="/login/code">
                                <CodeField
                                    id="sign-in-code"
                                    label="Code from your authenticator app"
                                    hint="The six digits the app shows for Bayline, or one of your recovery codes."
                                />
                                <button type="submit">"Sign in"</button>
                            </form>
                        }
                        .into_any(), false => view! {
                            <p>"This sign-in has ended (it lasts five minutes). " <a href="/login">"Sign in again"</a> "."</p>
                        }
                        .into_any() }}</Loaded>
        </Layout>
    }
}
