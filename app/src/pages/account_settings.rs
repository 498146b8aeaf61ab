//! Account self-service: a forgotten password, and on the account page changing the
//! password or email address, downloading one's data and deleting the account. Every form
//! posts to a plain handler (server/src/forms/account.rs) that answers with a redirect, so
//! all of it works without JavaScript; messages come back server-side (never in the URL:
//! components/form_fields.rs), with `form=` in the page's address saying which of the
//! account page's forms they belong to.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::account::reset_link_valid,
    components::account_fields::{EmailField, PasswordField},
    components::{
        form_fields::{field_error, field_label, query, refusal, sentence, typed},
        layout::Layout,
    },
};

/// The message for one field of one form, when the last submission was refused on it.
fn form_error(form: &'static str, field: &'static str) -> impl Fn() -> Option<String> + Copy {
    let (which, error) = (query("form"), field_error(field));
    move || (which().as_deref() == Some(form)).then(error).flatten()
}

/// Every message of a refused form, at the top of the form it belongs to (`form=` of the
/// page's address, or the page's only form when `form` is `""`), each field's also beside it.
fn general_error(form: &'static str) -> impl Fn() -> Option<String> + Copy {
    let which = query("form");
    let refused = StoredValue::new(refusal());
    move || {
        if which().unwrap_or_default() != form {
            return None;
        }
        let words: Vec<String> = refused.with_value(|r| {
            r.iter()
                .flat_map(|r| r.messages.iter())
                .map(|m| match &m.field {
                    Some(field) => format!("{}: {}", field_label(field), sentence(&m.message)),
                    None => sentence(&m.message),
                })
                .collect()
        });
        (!words.is_empty()).then(|| words.join(" "))
    }
}

/// One labelled input of the account page's forms; `id` is unique on the page.
#[component]
fn Field(
    form: &'static str,
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] value: Option<String>,
) -> impl IntoView {
    let error = form_error(form, name);
    let (id, hint_id, error_id) =
        (format!("{form}-{name}"), format!("{form}-{name}-hint"), format!("{form}-{name}-error"));
    let maxlength = if kind == "email" { "254" } else { "128" };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                maxlength=maxlength
                required
                value=value
                aria-invalid=move || error().map(|_| "true")
                aria-describedby=format!("{hint_id} {error_id}")
            />
            <p id=hint_id class="hint">{hint}</p>
            <p id=error_id class="field-error">{error}</p>
        </div>
    }
}

/// `/forgot-password`: asks for an address and always answers the same.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let (sent, general) = (query("sent"), general_error(""));
    view! {
        <Layout>
            <Title text="Forgotten password" />
            <h1>"Forgotten password"</h1>
            {move || match sent() {
                Some(_) => view! {
                    <p class="notice" role="status">
                        "If an account exists for that address, we have sent it a link to choose a new "
                        "password. The link works for an hour."
                    </p>
                }
                .into_any(),
                None => view! {
                    <p>"Enter the address you signed up with and we will email you a link to choose a new password."</p>
                    <p class="field-error" role="alert">{general}</p>
                    <form class="account-form" method="post" action="/forgot-password">
                        <EmailField autocomplete="email" />
                        <button type="submit">"Send me a link"</button>
                    </form>
                }
                .into_any(),
            }}
            <p><a href="/login">"Back to sign in"</a></p>
        </Layout>
    }
}

/// `/reset-password?token=…`: the emailed link opens a form; nothing changes until it is
/// submitted. A used or expired link says so at once.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let (token, general) = (query("token"), general_error(""));
    let valid = Resource::new(token, |token| async move {
        match token {
            Some(token) => reset_link_valid(token).await.unwrap_or(false),
            None => false,
        }
    });
    view! {
        <Layout>
            <Title text="Choose a new password" />
            <h1>"Choose a new password"</h1>
            <p class="field-error" role="alert">{general}</p>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match (valid.await, token()) {
                        (true, Some(token)) => view! {
                            <form class="account-form" method="post" action="/reset-password">
                                <input type="hidden" name="token" value=token />
                                <PasswordField
                                    autocomplete="new-password"
                                    hint=Some("8 to 128 characters; a few unrelated words make a strong password.")
                                />
                                <button type="submit">"Set my new password"</button>
                            </form>
                        }
                        .into_any(),
                        (_, token) => view! {
                            {token.map(|_| view! {
                                <p class="field-error" role="alert">
                                    "This link is not valid any more: it may have been used or have expired."
                                </p>
                            })}
                            <p><a href="/forgot-password">"Ask for a new link"</a></p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

/// `/confirm-email-change?token=…`: a button confirms (no state change over GET).
#[component]
pub fn ConfirmEmailChangePage() -> impl IntoView {
    let (token, error) = (query("token"), general_error(""));
    view! {
        <Layout>
            <Title text="Confirm your new email address" />
            <h1>"Confirm your new email address"</h1>
            <p class="field-error" role="alert">{error}</p>
            {move || token().map(|token| view! {
                <form class="account-form" method="post" action="/confirm-email-change">
                    <input type="hidden" name="token" value=token />
                    <button type="submit">"Confirm my new email address"</button>
                </form>
            })}
        </Layout>
    }
}

/// The name others see on Bayline (threads, claims, member lists), never the e-mail address.
#[component]
pub fn NameForm(current: String) -> impl IntoView {
    let value = typed("display_name")().unwrap_or(current.clone());
    let missing = current.is_empty().then(|| {
        view! {
            <p class="notice warning">
                "Add your name: until you do, people you work with see “a Bayline member”."
            </p>
        }
    });
    let error = form_error("name", "display_name");
    view! {
        <section class="settings" aria-labelledby="name-title">
            <h2 id="name-title">"Your name"</h2>
            {missing}
            <form class="account-form" method="post" action="/account/name">
                <div class="field">
                    <label for="name-display_name">"Name shown to others"</label>
                    <input
                        id="name-display_name"
                        name="display_name"
                        maxlength="80"
                        required
                        autocomplete="name"
                        value=value
                        aria-invalid=move || error().map(|_| "true")
                        aria-describedby="name-display_name-error"
                    />
                    <p id="name-display_name-error" class="field-error">{error}</p>
                </div>
                <button type="submit">"Save name"</button>
            </form>
        </section>
    }
}

/// The zone the person reads times in: their choice, or automatic (their organisation's
/// state, else their browser's, else US Eastern). `in_use` names the zone used now.
#[component]
pub fn TimeZoneForm(chosen: String, in_use: String) -> impl IntoView {
    let chosen = typed("time_zone")().unwrap_or(chosen);
    let error = form_error("time_zone", "time_zone");
    // A short label: a phone's select shows one line, so the rule goes in the hint below.
    let options = std::iter::once(("", "Automatic"))
        .chain(domain::events::US_TIME_ZONES.iter().copied())
        .map(|(value, label)| {
            let selected = value == chosen;
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    view! {
        <section class="settings" aria-labelledby="time-zone-title">
            <h2 id="time-zone-title">"Your time zone"</h2>
            <p>"Times on Bayline show in " <strong>{in_use}</strong> "."</p>
            <form class="account-form" method="post" action="/account/time-zone">
                <div class="field">
                    <label for="time_zone">"Show times in"</label>
                    <select
                        id="time_zone"
                        name="time_zone"
                        aria-invalid=move || error().map(|_| "true")
                        aria-describedby="time_zone-hint time_zone-error"
                    >
                        {options}
                    </select>
                    <p id="time_zone-hint" class="hint">
                        "Automatic uses your organisation's state, else your browser's zone, else US Eastern."
                    </p>
                    <p id="time_zone-error" class="field-error">{error}</p>
                </div>
                <button type="submit">"Save time zone"</button>
            </form>
        </section>
    }
}

/// The account page's self-service sections.
#[component]
pub fn AccountSettings() -> impl IntoView {
    let new_email = typed("new_email");
    view! {
        <section class="settings" aria-labelledby="password-title">
            <h2 id="password-title">"Change your password"</h2>
            <p class="field-error" role="alert">{general_error("password")}</p>
            <form class="account-form" method="post" action="/account/password">
                <Field form="password" name="current_password" label="Current password" kind="password" autocomplete="current-password" />
                <Field
                    form="password"
                    name="new_password"
                    label="New password"
                    kind="password"
                    autocomplete="new-password"
                    hint="8 to 128 characters; a few unrelated words make a strong password."
                />
                <button type="submit">"Change password"</button>
            </form>
        </section>
        <section class="settings" aria-labelledby="email-title">
            <h2 id="email-title">"Change your email address"</h2>
            <p class="field-error" role="alert">{general_error("email")}</p>
            <form class="account-form" method="post" action="/account/email">
                <Field form="email" name="new_email" label="New email address" kind="email" autocomplete="email" value=new_email().unwrap_or_default() />
                <Field form="email" name="email_password" label="Current password" kind="password" autocomplete="current-password" />
                <button type="submit">"Send a confirmation link"</button>
            </form>
        </section>
        <section class="settings" aria-labelledby="data-title">
            <h2 id="data-title">"Your data"</h2>
            <p>"Download everything Bayline holds about you, as a JSON file."</p>
            <form method="post" action="/account/export.json">
                <button type="submit">"Download my data"</button>
            </form>
        </section>
        <section class="settings danger" aria-labelledby="delete-title">
            <h2 id="delete-title">"Delete your account"</h2>
            <p>
                "This deletes your account, your saved programs and your memberships at once, and "
                "cannot be undone. Organisations you own pass to their longest-standing member."
            </p>
            <p class="field-error" role="alert">{general_error("delete")}</p>
            <form class="account-form" method="post" action="/account/delete">
                <Field form="delete" name="delete_password" label="Current password" kind="password" autocomplete="current-password" />
                <button type="submit" class="danger">"Delete my account for good"</button>
            </form>
        </section>
    }
}
