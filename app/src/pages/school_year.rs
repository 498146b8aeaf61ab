//! The school's year: `/orgs/{id}/year-update` (a school's members post or change the
//! running year's update), `/recognition` (the badge rules and the year's holders) and
//! `/admin/recognition` (who qualifies; revoke or restore). Forms post to
//! server/src/forms/school_year.rs.
use domain::{
    ProgramKind,
    school_year::{BadgeKind, MAX_UPDATE_TEXT, Qualifier, SCHOOL_BADGE_FILLED_NEEDS, SchoolYear},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    api::school_year::{admin_recognition, recognition, yearly_update_form},
    components::{
        admin_only::admin_refusal,
        form_fields::{Done, FormError, TextArea, TextField, query},
        layout::Layout,
        loaded::Loaded,
        page_header::PageHeader,
        table_scroll::TableScroll,
    },
    notice,
    school_year_model::{RecognitionData, UpdateFormData},
};

/// `/orgs/{id}/year-update`
#[component]
pub fn YearlyUpdatePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(id, yearly_update_form);
    view! {
        <Layout>
            <Title text="This school year's update" />
            <Loaded resource=data let:form><UpdateForm form /></Loaded>
        </Layout>
    }
}

fn count(value: Option<u32>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

#[component]
fn UpdateForm(form: UpdateFormData) -> impl IntoView {
    let UpdateFormData { organisation_id: id, school_name, year, update } = form;
    let enrolled = |kind: ProgramKind| {
        count(update.as_ref().and_then(|u| u.enrolled.iter().find(|(k, _)| *k == kind).map(|(_, n)| *n)))
    };
    let lede = format!(
        "One update for the {} school year, shown on {school_name}'s page; shops see “Updated this year” on the map and in the finder. You can change it until {}.",
        year.label(),
        domain::time::long_date(&year.last_day())
    );
    let title = format!("{} update", year.label());
    view! {
        <div class="page-header">
            <p class="breadcrumb"><a href=format!("/orgs/{id}")>{format!("← {school_name}")}</a></p>
            <h1>{title}</h1>
            <p class="lede">{lede}</p>
        </div>
        <FormError />
        <form class="account-form" method="post" action=format!("/orgs/{id}/year-update")>
            <input type="hidden" name="year" value=year.0 />
            <fieldset>
                <legend>"Students enrolled this year, by program (leave blank what you do not teach)"</legend>
                <TextField name="enrolled_auto" label="Automotive" maxlength=4 input_type="number" prefill=enrolled(ProgramKind::Auto) />
                <TextField name="enrolled_diesel" label="Diesel" maxlength=4 input_type="number" prefill=enrolled(ProgramKind::Diesel) />
                <TextField name="enrolled_collision" label="Collision" maxlength=4 input_type="number" prefill=enrolled(ProgramKind::Collision) />
                <TextField name="enrolled_heavy_truck" label="Heavy truck" maxlength=4 input_type="number" prefill=enrolled(ProgramKind::HeavyTruck) />
            </fieldset>
            <TextField name="completions" label="Students who completed the program this year" maxlength=4 input_type="number" required=true
                prefill=count(update.as_ref().map(|u| u.completions)) hint="As your school counts them; 0 if none yet." />
            <TextArea name="changes" label="What changed this year" maxlength=MAX_UPDATE_TEXT required=true
                prefill=update.as_ref().map(|u| u.changes.clone()).unwrap_or_default()
                hint="New equipment, staff, certifications, curriculum: what a shop should know." />
            <TextArea name="asks" label="What you need from industry" maxlength=MAX_UPDATE_TEXT
                prefill=update.as_ref().map(|u| u.asks.clone()).unwrap_or_default()
                hint="Optional. Post each request as a need too, so shops can offer and you can record who filled it." />
            <button type="submit">{if update.is_some() { "Save the changes" } else { "Post the update" }}</button>
        </form>
    }
}

fn year_links(data: &RecognitionData, base: &'static str) -> impl IntoView + use<> {
    let current = data.current;
    let previous = data.year.previous();
    let next = SchoolYear(data.year.0 + 1);
    view! {
        <nav class="year-links" aria-label="School years">
            <a href=format!("{base}?year={}", previous.0)>{format!("← {}", previous.label())}</a>
            {(next <= current).then(|| view! { " " <a href=format!("{base}?year={}", next.0)>{format!("{} →", next.label())}</a> })}
        </nav>
    }
}

/// `/recognition`
#[component]
pub fn RecognitionPage() -> impl IntoView {
    let year = query("year");
    let data = Resource::new(year, recognition);
    view! {
        <Layout description="How schools and shops earn Bayline's yearly badges, and who holds them.">
            <Title text="Recognition" />
            <PageHeader title="Recognition" lede="Each school year Bayline recognises the schools that show their year and get real help from industry, and the shops that give it." />
            <Rules />
            <Loaded resource=data let:data><Holders data /></Loaded>
        </Layout>
    }
}

#[component]
fn Rules() -> impl IntoView {
    view! {
        <section aria-labelledby="rules">
            <h2 id="rules">"The rules"</h2>
            <p>"A school year runs from July 1 to June 30."</p>
            <ul>
                <li><strong>{BadgeKind::School.name()}</strong>
                    {format!(": a school program verified by Bayline posts its yearly update and records at least {SCHOOL_BADGE_FILLED_NEEDS} of its needs as filled by shops in the school year.")}</li>
                <li><strong>{BadgeKind::Shop.name()}</strong>
                    ": a verified shop that filled at least one need, in that school year, of a school that earned its badge."</li>
            </ul>
            <p>"A school names the shop when it marks a need filled, choosing from the shops that partnered with it. The shop is told and can dispute the record; a disputed record, or a need Bayline's moderators hid, counts for nobody. Badges follow the records as they stand, so a dispute or a removed record takes a badge away at once."</p>
            <p>"Bayline's admins check the list of who qualifies every year and can revoke a badge that the records do not bear out; a shop's badge earned at a school whose badge is revoked goes with it."</p>
        </section>
    }
}

fn holder_list(holders: &[Qualifier], kind: BadgeKind) -> impl IntoView + use<> {
    let items: Vec<_> = holders
        .iter()
        .filter(|q| q.kind == kind)
        .map(|q| view! { <li><a href=format!("/orgs/{}", q.organisation_id)>{q.name.clone()}</a></li> })
        .collect();
    if items.is_empty() {
        view! { <p>"None yet."</p> }.into_any()
    } else {
        view! { <ul class="badge-holders">{items}</ul> }.into_any()
    }
}

#[component]
fn Holders(data: RecognitionData) -> impl IntoView {
    let links = year_links(&data, "/recognition");
    view! {
        <section aria-labelledby="holders">
            <h2 id="holders">{format!("Badges of {}", data.year.label())}</h2>
            {links}
            <h3>"Schools"</h3>
            {holder_list(&data.holders, BadgeKind::School)}
            <h3>"Shops"</h3>
            {holder_list(&data.holders, BadgeKind::Shop)}
        </section>
    }
}

/// `/admin/recognition`
#[component]
pub fn AdminRecognitionPage() -> impl IntoView {
    let year = query("year");
    let data = Resource::new(year, admin_recognition);
    view! {
        <Layout>
            <Title text="Recognition · Admin" />
            <PageHeader title="Who qualifies" back=("/admin", "Admin")
                lede="Schools and shops that earn a badge by the records. Revoke one the records do not bear out (with a reason); a revoked school takes the badges its shops earned there." />
            <Done shows=notice::RECOGNITION_ADMIN />
            <FormError />
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <Qualifiers data /> }.into_any(),
                        Err(error) => admin_refusal(error),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
fn Qualifiers(data: RecognitionData) -> impl IntoView {
    let links = year_links(&data, "/admin/recognition");
    let year = data.year;
    let rows = data
        .holders
        .into_iter()
        .map(|q| {
            let what = match q.kind {
                BadgeKind::School => format!(
                    "School · update {} · {} filled{}",
                    if q.has_update { "posted" } else { "missing" },
                    q.counted_fills,
                    if q.disputed_fills > 0 {
                        format!(", {} disputed", q.disputed_fills)
                    } else {
                        String::new()
                    }
                ),
                BadgeKind::Shop => format!("Shop · {} filled at badge schools", q.counted_fills),
            };
            let action = match q.revoked.clone() {
                Some(reason) => view! {
                    <p class="field-error">{format!("Revoked: {reason}")}</p>
                    <form method="post" action="/admin/recognition/restore" class="inline">
                        <input type="hidden" name="organisation" value=q.organisation_id />
                        <input type="hidden" name="year" value=year.0 />
                        <button type="submit" class="secondary">"Take the revocation back"</button>
                    </form>
                }
                .into_any(),
                None => {
                    let field = format!("reason-{}", q.organisation_id);
                    view! {
                        <form method="post" action="/admin/recognition/revoke" class="inline">
                            <input type="hidden" name="organisation" value=q.organisation_id />
                            <input type="hidden" name="year" value=year.0 />
                            <label for=field.clone()>"Reason"</label>
                            <input id=field name="reason" type="text" maxlength="500" required=true />
                            <button type="submit" class="danger">"Revoke"</button>
                        </form>
                    }
                    .into_any()
                }
            };
            view! {
                <tr data-org-id=q.organisation_id>
                    <td><a href=format!("/orgs/{}", q.organisation_id)>{q.name.clone()}</a></td>
                    <td>{what}</td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>{format!("{} school year", year.label())}</h2>
        {links}
        <TableScroll label="Who qualifies"><table class="qualifiers">
            <thead><tr><th scope="col">"Organisation"</th><th scope="col">"Records"</th><th scope="col">"Badge"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table></TableScroll>
    }
}
