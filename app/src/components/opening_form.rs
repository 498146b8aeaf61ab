//! "Post an opening" on a verified shop's page, and the form a student uses to express
//! interest, choosing what to share. Plain POST forms: after a refusal the page shows
//! every message beside its field and keeps what was typed (components/form_fields.rs).
use domain::{
    needs::SkillArea,
    openings::{OpeningKind, PayPeriod, ProgramChoice, Schedule},
};
use leptos::prelude::*;

use crate::components::form_fields::{
    MarkdownDescription, SelectField, SubmissionKey, TextField, field_error, typed, was_ticked,
};

/// The form posting an opening for shop `id`.
#[component]
pub fn PostOpeningForm(id: i64) -> impl IntoView {
    let kinds: Vec<(&'static str, &'static str)> =
        OpeningKind::ALL.iter().map(|k| (k.slug(), k.label())).collect();
    let periods: Vec<(&'static str, &'static str)> =
        PayPeriod::ALL.iter().map(|p| (p.slug(), p.label())).collect();
    let schedules: Vec<(&'static str, &'static str)> =
        Schedule::ALL.iter().map(|s| (s.slug(), s.label())).collect();
    view! {
        <section aria-labelledby="post-opening">
            <h2 id="post-opening">"Post an opening"</h2>
            <form class="account-form opening-form" method="post" action=format!("/orgs/{id}/openings")>
                <SubmissionKey />
                <SelectField name="kind" label="Kind of opening" options=kinds required=true />
                <TextField name="title" label="Title" maxlength=120 required=true hint="3 to 120 characters, plain text." />
                <MarkdownDescription />
                <TextField name="pay_min" label="Pay from (dollars)" maxlength=14 required=true hint="For example 18.50 an hour or 42000 a year." />
                <TextField name="pay_max" label="Pay up to (dollars)" maxlength=14 required=true hint="The same as “from” for a single figure." />
                <SelectField name="pay_period" label="Pay period" options=periods required=true />
                <SelectField name="schedule" label="Schedule" options=schedules required=true />
                <TextField name="zip" label="Location ZIP code" maxlength=5 required=true hint="Where the work is." />
                <TextField name="starts_on" label="Start date (optional)" maxlength=10 input_type="date" hint="Today or later, within two years." />
                <button type="submit">"Post opening"</button>
            </form>
        </section>
    }
}

/// A "share this" tick, kept ticked after a problem.
#[component]
fn ShareTick(name: &'static str, label: &'static str, ticked: bool) -> impl IntoView {
    let ticked = was_ticked(name).unwrap_or(ticked);
    view! {
        <label class="check">
            <input type="checkbox" name=name value="on" checked=ticked />
            {label}
        </label>
    }
}

/// The interest form: four things a student may share, each with its own tick. Only
/// ticked items are sent on to the shop.
#[component]
pub fn InterestForm(opening_id: i64, choices: Vec<ProgramChoice>, renewing: bool) -> impl IntoView {
    let chosen = typed("program_id")();
    let programs = if choices.is_empty() {
        view! {
            <p class="hint">
                "To share your program, save it first: find it under " <a href="/programs">"Programs"</a>
                " (its instructors must have claimed it on Bayline)."
            </p>
        }
        .into_any()
    } else {
        let options = choices
            .into_iter()
            .map(|c| {
                let selected = chosen.as_deref() == Some(c.id.to_string().as_str());
                view! { <option value=c.id selected=selected>{c.name}</option> }
            })
            .collect_view();
        let error = field_error("program_id");
        view! {
            <div class="field">
                <label for="program_id">"Your program"</label>
                <select id="program_id" name="program_id" aria-describedby="program_id-error">
                    <option value="">"Choose…"</option>
                    {options}
                </select>
                <p id="program_id-error" class="field-error">{error}</p>
            </div>
        }
        .into_any()
    };
    let certs = SkillArea::ALL
        .iter()
        .map(|skill| {
            let name = format!("cert_{}", skill.slug());
            let ticked = was_ticked(&name).unwrap_or(false);
            view! {
                <label class="check">
                    <input type="checkbox" name=name value="on" checked=ticked />
                    {skill.label()}
                </label>
            }
        })
        .collect_view();
    let (share_error, cert_error) = (field_error("share"), field_error("certifications"));
    let button = if renewing { "Update what I share" } else { "Express interest" };
    view! {
        <section aria-labelledby="express-interest">
            <h2 id="express-interest">{if renewing { "Change what you share" } else { "Interested?" }}</h2>
            <p class="hint">"The shop sees only what you tick below — not your email address or anything else about you."</p>
            <form class="account-form interest-form" method="post" action=format!("/openings/{opening_id}/interest")>
                <p id="share-error" class="field-error">{share_error}</p>
                <fieldset class="field">
                    <legend>"Name"</legend>
                    <ShareTick name="share_name" label="Share my name" ticked=true />
                    <TextField name="name" label="Your name" maxlength=100 autocomplete="name" />
                </fieldset>
                <fieldset class="field">
                    <legend>"Program"</legend>
                    <ShareTick name="share_program" label="Share my program" ticked=false />
                    {programs}
                </fieldset>
                <fieldset class="field">
                    <legend>"Expected completion"</legend>
                    <ShareTick name="share_completion" label="Share when I expect to complete" ticked=false />
                    <TextField name="expected_completion" label="Month you expect to complete" maxlength=7 input_type="month" hint="For example 2027-05." />
                </fieldset>
                <fieldset class="field" aria-describedby="certifications-error">
                    <legend>"Certifications"</legend>
                    <ShareTick name="share_certifications" label="Share my certifications" ticked=false />
                    {certs}
                    <p id="certifications-error" class="field-error">{cert_error}</p>
                </fieldset>
                <button type="submit">{button}</button>
            </form>
        </section>
    }
}
