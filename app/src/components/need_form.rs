//! "Post a need" on a verified school program's page. A plain POST form: after a problem
//! the handler redirects back with the message beside its field and the values typed.
use domain::needs::{NeedKind, SkillArea};
use leptos::prelude::*;

use crate::components::form_fields::{
    MarkdownDescription, SelectField, SubmissionKey, TextField, field_error, was_ticked,
};

/// The form posting a need for organisation `id`.
#[component]
pub fn NeedForm(id: i64) -> impl IntoView {
    let kinds: Vec<(&'static str, &'static str)> =
        NeedKind::ALL.iter().map(|k| (k.slug(), k.label())).collect();
    view! {
        <section aria-labelledby="post-need">
            <h2 id="post-need">"Post a need"</h2>
            <form class="account-form need-form" method="post" action=format!("/orgs/{id}/needs")>
                <SubmissionKey />
                <SelectField name="kind" label="What the program needs" options=kinds required=true />
                <TextField name="title" label="Title" maxlength=120 required=true hint="3 to 120 characters, plain text." />
                <MarkdownDescription />
                <TextField name="students" label="Number of students" maxlength=3 required=true input_type="number" hint="1 to 200." />
                <Skills />
                <TextField name="starts_on" label="Start date" maxlength=10 required=true input_type="date" hint="Today or later." />
                <TextField name="ends_on" label="End date" maxlength=10 required=true input_type="date" hint="Not before the start, within two years." />
                <SelectField name="paid" label="Paid or unpaid" options=vec![("paid", "Paid"), ("unpaid", "Unpaid")] required=true />
                <button type="submit">"Post need"</button>
            </form>
        </section>
    }
}

/// One checkbox per skill area (`skill_a1`, …), kept ticked after a problem.
#[component]
fn Skills() -> impl IntoView {
    let error = field_error("skills");
    let boxes = SkillArea::ALL
        .iter()
        .map(|skill| {
            let name = format!("skill_{}", skill.slug());
            let ticked = was_ticked(&name).unwrap_or(false);
            view! {
                <label class="check">
                    <input type="checkbox" name=name value="on" checked=ticked />
                    {skill.label()}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field" aria-describedby="skills-error">
            <legend>"Skill areas"</legend>
            {boxes}
            <p id="skills-error" class="field-error">{error}</p>
        </fieldset>
    }
}
