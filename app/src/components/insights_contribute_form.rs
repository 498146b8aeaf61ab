//! The pay-data form of a verified shop: numbered pay rows (`row1_role`, `row1_rate`, …),
//! benefits and customer labor rates. A plain POST form (server/src/forms/insights_contribute.rs):
//! after a refusal the page shows each message beside the field of the right row and keeps
//! everything typed (components/form_fields.rs), so it works the same without JavaScript.
use std::collections::HashMap;

use domain::insights::{Certification, ExperienceBand, PayType, Role};
use leptos::prelude::*;

use crate::{
    components::form_fields::{TextField, field_error, message_for, refusal},
    insights_contribute_model::{MAX_ROWS, MORE_ROWS, PayRowView, SubmissionView, row_field, row_slots},
};

/// What the form shows: the values typed before (after a refusal, or after asking for more
/// rows, which the server hands back the same way), or else the shop's latest submission.
#[derive(Clone)]
enum Source {
    Typed(HashMap<String, String>),
    Latest(Option<SubmissionView>),
}

impl Source {
    fn read(latest: Option<SubmissionView>) -> Self {
        match refusal() {
            // The first value of each field, as sent.
            Some(refused) => Self::Typed(refused.typed.iter().rev().cloned().collect()),
            None => Self::Latest(latest),
        }
    }

    /// Row slots that carry something.
    fn filled(&self) -> usize {
        match self {
            Self::Typed(fields) => (1..=MAX_ROWS)
                .filter(|n| {
                    crate::insights_contribute_model::ROW_PARTS
                        .iter()
                        .any(|p| fields.get(&row_field(*n, p)).is_some_and(|v| !v.trim().is_empty()))
                })
                .max()
                .unwrap_or(0),
            Self::Latest(latest) => latest.as_ref().map_or(0, |s| s.rows.len()),
        }
    }

    fn row_value(&self, n: usize, part: &str) -> String {
        match self {
            Self::Typed(fields) => fields.get(&row_field(n, part)).cloned().unwrap_or_default(),
            Self::Latest(latest) => latest
                .as_ref()
                .and_then(|s| s.rows.get(n - 1))
                .map(|r: &PayRowView| r.part(part))
                .unwrap_or_default(),
        }
    }

    /// A benefit or labor value for a text field. Empty when the URL carries typed values,
    /// so the field shows what was typed (a value cleared before a refusal stays cleared).
    fn prefill(&self, pick: impl Fn(&SubmissionView) -> String) -> String {
        match self {
            Self::Typed(_) => String::new(),
            Self::Latest(latest) => latest.as_ref().map(pick).unwrap_or_default(),
        }
    }

    fn ticked(&self, name: &str, pick: impl Fn(&SubmissionView) -> bool) -> bool {
        match self {
            Self::Typed(fields) => fields.contains_key(name),
            Self::Latest(latest) => latest.as_ref().is_some_and(pick),
        }
    }
}

fn options<T: Copy + 'static>(
    all: &'static [T],
    slug: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|v| (slug(*v), label(*v))).collect()
}

/// The form contributing for shop `id`, prefilled from `latest` (the shop's newest
/// submission) unless the page shows typed values. `rows` is how many rows were asked for.
#[component]
pub fn ContributeForm(id: i64, latest: Option<SubmissionView>, rows: Option<usize>) -> impl IntoView {
    let source = Source::read(latest);
    let slots = row_slots(rows, source.filled());
    let row_views = (1..=slots).map(|n| view! { <PayRowFields n source=source.clone() /> }).collect_view();
    let money = |cents: i64| {
        if cents > 0 { crate::insights_contribute_model::dollars_input(cents) } else { String::new() }
    };
    let count = |n: i32| if n > 0 { n.to_string() } else { String::new() };
    let labor = |k: usize| {
        move |s: &SubmissionView| {
            s.labor[k].map(crate::insights_contribute_model::dollars_input).unwrap_or_default()
        }
    };
    let more = (slots < MAX_ROWS).then(|| {
        view! {
            // Posts everything typed so far, which the server hands back to this page with
            // more rows (never through the URL), so asking for more rows loses nothing, with
            // or without JavaScript. It comes after the submit button: pressing Enter submits
            // the form, not this.
            <button type="submit" class="secondary" name="rows" value={(slots + MORE_ROWS).min(MAX_ROWS)}>
                "More pay rows"
            </button>
        }
    });
    // No submission key: a contribution replaces the quarter's earlier one in the same
    // transaction, so a double-submitted form leaves one counted submission (the first
    // stays in the history as superseded) and changes no figure twice.
    view! {
        <form class="account-form contribute-form" method="post" action=format!("/orgs/{id}/pay")>
            <fieldset class="pay-rows">
                <legend>"Pay by role"</legend>
                <p class="hint">
                    "One row for each group of technicians paid alike: a role may have several rows when experience or certification differ. Blank rows are left out."
                </p>
                {row_views}
            </fieldset>
            <fieldset class="benefits">
                <legend>"Benefits"</legend>
                <Tick name="health_insurance" label="Health insurance" ticked=source.ticked("health_insurance", |s| s.benefits.health_insurance) />
                <Tick name="paid_training" label="Paid training" ticked=source.ticked("paid_training", |s| s.benefits.paid_training) />
                <Tick name="ase_reimbursement" label="ASE test reimbursement" ticked=source.ticked("ase_reimbursement", |s| s.benefits.ase_reimbursement) />
                <Tick name="uniforms" label="Uniforms" ticked=source.ticked("uniforms", |s| s.benefits.uniforms) />
                <TextField name="retirement_match_pct" label="Retirement match (%)" maxlength=3 hint="0 to 25; blank for none." prefill=source.prefill(|s| count(s.benefits.retirement_match_pct)) />
                <TextField name="tool_allowance" label="Tool allowance (dollars a year)" maxlength=12 hint="Blank for none." prefill=source.prefill(|s| money(s.benefits.tool_allowance_cents)) />
                <TextField name="pto_days" label="Paid time off (days a year)" maxlength=3 hint="0 to 60." prefill=source.prefill(|s| count(s.benefits.pto_days)) />
                <TextField name="sign_on_bonus" label="Sign-on bonus (dollars)" maxlength=12 hint="Blank for none." prefill=source.prefill(|s| money(s.benefits.sign_on_bonus_cents)) />
            </fieldset>
            <fieldset class="labor-rates">
                <legend>"Customer labor rates (dollars an hour)"</legend>
                <p class="hint">"What you charge customers; leave blank what you do not do. From $40 to $500."</p>
                <TextField name="labor_mechanical" label="Mechanical" maxlength=10 prefill=source.prefill(labor(0)) />
                <TextField name="labor_diesel" label="Diesel" maxlength=10 prefill=source.prefill(labor(1)) />
                <TextField name="labor_body" label="Body" maxlength=10 prefill=source.prefill(labor(2)) />
                <TextField name="labor_paint" label="Paint" maxlength=10 prefill=source.prefill(labor(3)) />
            </fieldset>
            <div class="form-actions">
                <button type="submit">"Submit pay data"</button>
                {more}
            </div>
        </form>
    }
}

/// One numbered pay row, in its own group so each control's label is short and the
/// group's name ("Pay row 2") says which row it belongs to.
#[component]
fn PayRowFields(n: usize, source: Source) -> impl IntoView {
    let legend = format!("Pay row {n}");
    view! {
        <fieldset class="pay-row">
            <legend>{legend}</legend>
            <RowChoice n part="role" label="Role" value=source.row_value(n, "role") options=options(Role::ALL, Role::slug, Role::label) />
            <RowChoice n part="pay_type" label="Pay type" value=source.row_value(n, "pay_type") options=options(PayType::ALL, PayType::slug, PayType::label) />
            <RowText n part="rate" label="Rate (dollars)" value=source.row_value(n, "rate") hint="Per hour, per flagged hour, or per year for a salary." />
            <RowText n part="flat_hours" label="Flat-rate hours a week" value=source.row_value(n, "flat_hours") hint="Flagged hours paid a week; flat rate only." />
            <RowText n part="technicians" label="Technicians" value=source.row_value(n, "technicians") hint="How many this row covers." />
            <RowChoice n part="experience" label="Experience" value=source.row_value(n, "experience") options=options(ExperienceBand::ALL, ExperienceBand::slug, ExperienceBand::label) />
            <RowChoice n part="certification" label="ASE certification" value=source.row_value(n, "certification") options=options(Certification::ALL, Certification::slug, Certification::label) />
        </fieldset>
    }
}

/// The message for one row field, when the last submission was refused on it.
fn row_error(name: &str) -> Option<String> {
    message_for(name)
}

#[component]
fn RowText(
    n: usize,
    part: &'static str,
    label: &'static str,
    value: String,
    hint: &'static str,
) -> impl IntoView {
    let name = row_field(n, part);
    let error = row_error(&name);
    let (error_id, hint_id) = (format!("{name}-error"), format!("{name}-hint"));
    view! {
        <div class="field">
            <label for=name.clone()>{label}</label>
            <input
                id=name.clone()
                name=name
                maxlength="12"
                inputmode="decimal"
                value=value
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=format!("{hint_id} {error_id}")
            />
            <p id=hint_id class="hint">{hint}</p>
            <p id=error_id class="field-error">{error}</p>
        </div>
    }
}

#[component]
fn RowChoice(
    n: usize,
    part: &'static str,
    label: &'static str,
    value: String,
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let name = row_field(n, part);
    let error = row_error(&name);
    let error_id = format!("{name}-error");
    let options = options
        .into_iter()
        .map(|(slug, text)| view! { <option value=slug selected={value == slug}>{text}</option> })
        .collect_view();
    view! {
        <div class="field">
            <label for=name.clone()>{label}</label>
            <select
                id=name.clone()
                name=name
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=error_id.clone()
            >
                <option value="">"—"</option>
                {options}
            </select>
            <p id=error_id class="field-error">{error}</p>
        </div>
    }
}

/// A benefit offered or not.
#[component]
fn Tick(name: &'static str, label: &'static str, ticked: bool) -> impl IntoView {
    let error = field_error(name);
    view! {
        <label class="check">
            <input type="checkbox" name=name value="on" checked=ticked />
            {label}
        </label>
        <p class="field-error">{error}</p>
    }
}
