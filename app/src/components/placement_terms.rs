//! The terms every placement form asks (mentor, dates, hours, pay, ASE task areas), shared
//! by the form from a hired application and the one from an accepted offer; a refused
//! submission's messages and ticked boxes come back in them.
use domain::needs::SkillArea;
use leptos::prelude::*;

use crate::components::form_fields::{SelectField, TextField, field_error, was_ticked};

/// The terms every placement form asks (mentor, dates, hours, pay, ASE task areas): the
/// form from an application and the one from an accepted offer.
#[component]
pub fn PlacementTermsFields(mentors: Vec<(String, String)>) -> impl IntoView {
    let error = field_error("task_areas");
    let boxes = SkillArea::ALL
        .iter()
        .map(|area| {
            let name = format!("area_{}", area.slug());
            let ticked = was_ticked(&name).unwrap_or(false);
            view! { <label class="check"><input type="checkbox" name=name value="on" checked=ticked />{area.label()}</label> }
        })
        .collect_view();
    let paid: Vec<(&'static str, &'static str)> = vec![("paid", "Paid"), ("unpaid", "Unpaid")];
    view! {
        <SelectField name="mentor" label="Mentor (a member of your shop)" options=mentors required=true />
        <TextField name="starts_on" label="Starts" maxlength=10 input_type="date" required=true />
        <TextField name="ends_on" label="Ends" maxlength=10 input_type="date" required=true />
        <TextField name="weekly_hours" label="Hours a week planned" maxlength=2 input_type="number" required=true />
        <SelectField name="paid" label="Pay" options=paid required=true />
        <fieldset class="field" aria-describedby="task_areas-error">
            <legend id="task_areas">"ASE task areas it covers"</legend>
            {boxes}
            <p id="task_areas-error" class="field-error">{error}</p>
        </fieldset>
    }
}
