//! The need page's "Who filled it?" for the school's members: name the shop (one that
//! partnered with the program) and the day; change or remove the record; see a shop's
//! dispute. Everyone else is shown nothing here.
use leptos::prelude::*;

use crate::{
    components::{
        form_fields::{SelectField, TextField},
        loaded::Loaded,
    },
    school_year_model::NeedFillData,
};

/// `data` is created by the page beside its own resource (not inside its Suspend).
#[component]
pub fn NeedFill(
    id: i64,
    data: Resource<Result<Option<NeedFillData>, crate::error::AppError>>,
) -> impl IntoView {
    view! {
        <Loaded resource=data inline=true let:found>
            {found.map(|data| view! { <FillSection id data /> })}
        </Loaded>
    }
}

#[component]
fn FillSection(id: i64, data: NeedFillData) -> impl IntoView {
    let NeedFillData { fill, candidates, today } = data;
    let current = fill.as_ref().map(|f| {
        let disputed = f.dispute.clone().map(|reason| view! {
            <p class="field-error disputed">
                {format!("{} disputes this: {reason}. It counts for no badge until you name another shop or remove the record, or the shop withdraws its dispute.", f.shop_name)}
            </p>
        });
        view! {
            <p class="filled-by">
                "Filled by " <a href=format!("/orgs/{}", f.shop_id)>{f.shop_name.clone()}</a>
                {format!(" on {}.", domain::time::long_date(&f.filled_on))}
            </p>
            {disputed}
            <form method="post" action=format!("/needs/{id}/fill/remove") class="inline">
                <button type="submit" class="secondary">"Remove this record"</button>
            </form>
        }
    });
    let prefill_shop = fill.as_ref().map(|f| f.shop_id.to_string()).unwrap_or_default();
    let form = if candidates.is_empty() {
        view! {
            <p class="hint">
                "You can name a shop once it has partnered with your program: accept its offer on one of your needs, or its partnership proposal."
            </p>
        }
        .into_any()
    } else {
        let options: Vec<(String, String)> =
            candidates.into_iter().map(|c| (c.id.to_string(), c.name)).collect();
        let words = if fill.is_some() { "Name another shop" } else { "Record who filled it" };
        view! {
            <form method="post" action=format!("/needs/{id}/fill") class="account-form">
                <SelectField name="shop" label="The shop that filled it" options required=true prefill=prefill_shop />
                <TextField name="filled_on" label="Filled on" maxlength=10 input_type="date" prefill=today
                    hint="Counts for the school year of this day (July 1 to June 30)." />
                <button type="submit">{words}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="who-filled">
            <h2 id="who-filled">"Who filled it?"</h2>
            <p class="hint">"Shops you name are told, are listed on your page and theirs for the school year, and count towards both your badges."</p>
            {current}
            {form}
        </section>
    }
}
