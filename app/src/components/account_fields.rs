//! The email and password inputs of the sign-up, sign-in and reset forms: their values and
//! messages come back after a refused submission (components/form_fields.rs).
use leptos::prelude::*;

use crate::components::form_fields::{field_error, typed};

#[component]
pub fn EmailField(autocomplete: &'static str) -> impl IntoView {
    let (value, error) = (typed("email"), field_error("email"));
    view! {
        <div class="field">
            <label for="email">"Email address"</label>
            <input
                id="email"
                name="email"
                type="email"
                autocomplete=autocomplete
                maxlength="254"
                required
                value=value
                aria-invalid=move || error().map(|_| "true")
                aria-describedby="email-error"
            />
            <p id="email-error" class="field-error">{error}</p>
        </div>
    }
}

#[component]
pub fn PasswordField(autocomplete: &'static str, hint: Option<&'static str>) -> impl IntoView {
    let error = field_error("password");
    view! {
        <div class="field">
            <label for="password">"Password"</label>
            <input
                id="password"
                name="password"
                type="password"
                autocomplete=autocomplete
                maxlength="128"
                required
                aria-invalid=move || error().map(|_| "true")
                aria-describedby="password-hint password-error"
            />
            <p id="password-hint" class="hint">{hint}</p>
            <p id="password-error" class="field-error">{error}</p>
        </div>
    }
}
