//! Placements: `/placements/{id}` (the student, the shop's and the program's members, and
//! admins) and `/guardian-consent?token=…` (a minor's guardian reads the terms and agrees).
//! Forms post to server/src/forms/placements.rs.
use domain::{
    needs::SkillArea,
    placements::{
        ConsentTerms, MAX_END_REASON, PersonChoice, PlacementFormData, PlacementSide, PlacementStatus,
        PlacementView, StudentDetails,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::placement_join::WaitingForStudent;
use crate::{
    api::placements::{application_placement, placement_consent_terms, placement_page},
    components::{
        form_fields::{
            Done, FormError, SelectField, TextArea, TextField, field_error, query, typed, was_ticked,
        },
        layout::Layout,
        loaded::Loaded,
        opening_list::SharedList,
        placement_terms::PlacementTermsFields,
    },
    notice,
};

fn hours(n: u32) -> String {
    if n == 1 { "1 hour a week".into() } else { format!("{n} hours a week") }
}

fn areas(list: &[SkillArea]) -> String {
    list.iter().map(|a| a.label()).collect::<Vec<_>>().join(", ")
}

/// `/placements/{id}`
#[component]
pub fn PlacementPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.with(|p| p.get("id").unwrap_or_default()), placement_page);
    view! {
        <Layout description="A work-based-learning placement: the student, the shop, the school program and the terms.">
            <Loaded resource=data let:view><Placement view /></Loaded>
        </Layout>
    }
}

#[component]
fn Placement(view: PlacementView) -> impl IntoView {
    let id = view.id;
    let lede = match view.side {
        PlacementSide::Student => format!("Your placement at {}", view.shop_name),
        _ if view.waiting_for_student() => format!("A student the school sends, at {}", view.shop_name),
        _ => format!("{} at {}", view.student_label, view.shop_name),
    };
    let back = match (view.interest_id, view.origin.as_ref().and_then(|o| o.partnership_id)) {
        (Some(i), _) => Some(
            view! { <p class="breadcrumb"><a href=format!("/applications/{i}")>"← The application"</a></p> }
                .into_any(),
        ),
        (None, Some(p)) => Some(
            view! { <p class="breadcrumb"><a href=format!("/partnerships/{p}")>"← The partnership"</a></p> }
                .into_any(),
        ),
        (None, None) => None,
    };
    let origin = view.origin.clone().map(|o| {
        view! { <dt>"Made from"</dt><dd><a href=format!("/needs/{}", o.need_id)>{format!("An offer on “{}”", o.need_title)}</a></dd> }
    });
    let terms = view! {
        <dl class="placement-terms">
            <dt>"Shop"</dt><dd><a href=format!("/orgs/{}", view.shop_id)>{view.shop_name.clone()}</a></dd>
            <dt>"School program"</dt><dd><a href=format!("/orgs/{}", view.program_id)>{view.program_name.clone()}</a></dd>
            <dt>"Mentor"</dt><dd>{view.mentor.clone().unwrap_or_else(|| "Not named".into())}</dd>
            <dt>"Coordinator"</dt><dd>{view.coordinator.clone().unwrap_or_else(|| "Not chosen yet".into())}</dd>
            <dt>"Dates"</dt><dd>{format!("{} to {}", view.starts_on, view.ends_on)}</dd>
            <dt>"Planned"</dt><dd>{hours(view.weekly_hours)}</dd>
            <dt>"Pay"</dt><dd>{if view.paid { "Paid" } else { "Unpaid" }}</dd>
            <dt>"ASE task areas"</dt><dd>{areas(&view.task_areas)}</dd>
            {origin}
        </dl>
    };
    let ended = view.ended.clone().map(|e| {
        view! {
            <p class="notice">"Ended early on " {e.at.text} ": " {e.reason}</p>
        }
    });
    let student_form =
        view.student_to_answer().then(|| view! { <AgeForm id student=view.student.clone() /> });
    let coordinator = (view.side == PlacementSide::Program && view.open())
        .then(|| view! { <CoordinatorForm id choices=view.coordinator_choices.clone() /> });
    let end = view.may_end().then(|| view! { <EndForm id /> });
    // Hours and evaluations are kept once the placement is active (and after it ended).
    let records = matches!(view.status, PlacementStatus::Active | PlacementStatus::Ended).then(|| view! {
        <section aria-labelledby="records" class="placement-records">
            <h2 id="records">"Hours and evaluations"</h2>
            <ul>
                <li><a href=format!("/placements/{id}/hours")>"Hours: log, confirm, totals against the plan"</a></li>
                <li><a href=format!("/placements/{id}/evaluations")>"Evaluations: midpoint and final"</a></li>
            </ul>
        </section>
    });
    let student = if view.waiting_for_student() {
        view! { <WaitingForStudent id side=view.side /> }.into_any()
    } else {
        // A placement made from an offer has no application: nothing was shared in one.
        let shared = view.interest_id.is_some() || view.origin.is_none();
        view! {
            <section aria-labelledby="student">
                <h2 id="student">"The student"</h2>
                {shared.then(|| view! {
                    <p class="hint">"What the student shared with the shop in their application:"</p>
                    <SharedList shared=view.shared.clone() />
                })}
                <Consent side=view.side student=view.student.clone() shared />
            </section>
        }
        .into_any()
    };
    view! {
        <Title text=format!("Placement at {}", view.shop_name) />
        <article class="profile placement" data-placement-id=id>
            <Done shows=notice::PLACEMENT />
            <FormError />
            <div class="page-header">
                {back}
                <h1>"Placement"</h1>
                <p class="lede">{lede}</p>
            </div>
            <p class=format!("placement-status status-{}", view.status.slug())>
                "Status: " <strong>{view.status.label()}</strong>
            </p>
            {ended}
            <section aria-labelledby="terms"><h2 id="terms">"Terms"</h2>{terms}</section>
            {records}
            {student}
            {student_form}
            {coordinator}
            {end}
        </article>
    }
}

/// The student's age statement and the guardian's consent, as the side may read them.
#[component]
fn Consent(side: PlacementSide, student: Option<StudentDetails>, shared: bool) -> impl IntoView {
    let Some(student) = student else {
        let words = if side == PlacementSide::Shop && shared {
            "The student's details show here once consent is settled: until then you see only what they shared."
        } else if side == PlacementSide::Shop {
            "The student's details show here once consent is settled: the student says whether they are under 18, and a minor's parent or guardian agrees."
        } else {
            "The student's account is deleted; the school's record stays without their name."
        };
        return view! { <p class="notice">{words}</p> }.into_any();
    };
    let age = match student.under_18 {
        None => "Not said yet whether they are under 18.",
        Some(true) => "Under 18: a parent or guardian's consent is needed.",
        Some(false) => "18 or over: no guardian's consent is needed.",
    };
    let guardian = student.guardian_email.map(|email| view! { <dt>"Guardian's e-mail"</dt><dd>{email}</dd> });
    let consent = match student.consent {
        Some(c) => view! { <dt>"Consent"</dt><dd class="consent-given">{format!("Agreed by {} on {}", c.name, c.at.text)}</dd> }.into_any(),
        None if student.under_18 == Some(true) => view! { <dt>"Consent"</dt><dd>"Not given yet"</dd> }.into_any(),
        None => ().into_any(),
    };
    view! {
        <dl class="student-details">
            <dt>"Name on Bayline"</dt><dd>{student.name}</dd>
            <dt>"Age"</dt><dd>{age}</dd>
            {guardian}
            {consent}
        </dl>
    }
    .into_any()
}

/// The student says whether they are under 18 and, if so, gives a guardian's address.
#[component]
fn AgeForm(id: i64, student: Option<StudentDetails>) -> impl IntoView {
    let minor = student.as_ref().and_then(|s| s.under_18) == Some(true);
    let email = student.and_then(|s| s.guardian_email);
    let chosen = typed("under_18");
    let error = field_error("under_18");
    let question = if minor {
        view! {
            <input type="hidden" name="under_18" value="yes" />
            <p>"You said you are under 18, so your parent or guardian agrees before the placement starts. Change their address here if it was wrong."</p>
        }
        .into_any()
    } else {
        let checked = move |v: &'static str| chosen().as_deref() == Some(v);
        view! {
            <fieldset class="field" aria-describedby="under_18-error">
                <legend id="under_18">"Are you under 18?"</legend>
                <label class="check"><input type="radio" name="under_18" value="yes" checked=checked("yes") />"Yes, I am under 18"</label>
                <label class="check"><input type="radio" name="under_18" value="no" checked=checked("no") />"No, I am 18 or over"</label>
                <p id="under_18-error" class="field-error">{error}</p>
            </fieldset>
        }
        .into_any()
    };
    let resend = minor.then(|| view! {
        <form method="post" action=format!("/placements/{id}/consent/resend") class="inline">
            <p class="hint">"Did the e-mail not arrive? Send the link again (earlier links stop working)."</p>
            <button type="submit" class="secondary">"Send the link again"</button>
        </form>
    });
    view! {
        <section aria-labelledby="your-age" class="your-choices">
            <h2 id="your-age">"Before your placement starts"</h2>
            <p class="hint">"Bayline keeps only your answer, never your date of birth."</p>
            <form method="post" action=format!("/placements/{id}/age") class="account-form">
                {question}
                <TextField name="guardian_email" label="Your parent or guardian's e-mail address" maxlength=254 input_type="email"
                    autocomplete="off" prefill=email.unwrap_or_default()
                    hint="Only if you are under 18: we e-mail them a link to read the terms and agree. The shop never sees it." />
                <button type="submit">{if minor { "Send to this address" } else { "Save my answer" }}</button>
            </form>
            {resend}
        </section>
    }
}

/// The program's members choose the coordinator.
#[component]
fn CoordinatorForm(id: i64, choices: Vec<PersonChoice>) -> impl IntoView {
    let options: Vec<(String, String)> = choices.into_iter().map(|c| (c.id.to_string(), c.name)).collect();
    view! {
        // The heading's id differs from the select's, which its label points at.
        <section aria-labelledby="coordinator-heading">
            <h2 id="coordinator-heading">"Coordinator"</h2>
            <form method="post" action=format!("/placements/{id}/coordinator") class="account-form">
                <SelectField name="coordinator" label="The program's coordinator for this placement" options required=true />
                <button type="submit" class="secondary">"Save the coordinator"</button>
            </form>
        </section>
    }
}

/// Any party ends the placement early, with a reason.
#[component]
fn EndForm(id: i64) -> impl IntoView {
    view! {
        <section aria-labelledby="end">
            <h2 id="end">"End early"</h2>
            <form method="post" action=format!("/placements/{id}/end") class="account-form">
                <TextArea name="reason" label="Why the placement ends early" maxlength=MAX_END_REASON required=true
                    hint="Everyone on the placement reads it. The record stays for the school." />
                <button type="submit" class="danger">"End the placement"</button>
            </form>
        </section>
    }
}

/// `/guardian-consent?token=…`
#[component]
pub fn GuardianConsentPage() -> impl IntoView {
    let token = query("token");
    let done = query("done");
    let data = Resource::new(token, placement_consent_terms);
    view! {
        <Layout description="A parent or guardian's consent to a student's work-based-learning placement.">
            <Title text="Consent to a placement" />
            <div class="page-header"><h1>"Consent to a placement"</h1></div>
            <Done shows=notice::GUARDIAN_CONSENT />
            {move || done().is_none().then(|| view! {
                <Loaded resource=data let:terms><Terms terms token=token().unwrap_or_default() /></Loaded>
            })}
        </Layout>
    }
}

#[component]
fn Terms(terms: Option<ConsentTerms>, token: String) -> impl IntoView {
    let Some(t) = terms else {
        return view! {
            <p class="notice">"This consent link is not valid: it was used already, replaced by a newer one, or is more than 14 days old. Ask the student to send a new one from their placement page."</p>
        }
        .into_any();
    };
    let ticked = was_ticked("agree").unwrap_or(false);
    let agree_error = field_error("agree");
    view! {
        <FormError />
        <p class="lede">{format!("A work-based-learning placement of {} at {}, arranged with {}. Because the student is under 18, it starts only when you agree.", t.student_label, t.shop_name, t.program_name)}</p>
        <section aria-labelledby="terms">
            <h2 id="terms">"The terms"</h2>
            <dl class="placement-terms">
                <dt>"Shop"</dt><dd>{t.shop_name.clone()}</dd>
                <dt>"School program"</dt><dd>{t.program_name.clone()}</dd>
                <dt>"Mentor at the shop"</dt><dd>{t.mentor.clone().unwrap_or_else(|| "Not named".into())}</dd>
                <dt>"Dates"</dt><dd>{format!("{} to {}", t.starts_on, t.ends_on)}</dd>
                <dt>"Planned"</dt><dd>{hours(t.weekly_hours)}</dd>
                <dt>"Pay"</dt><dd>{if t.paid { "Paid" } else { "Unpaid" }}</dd>
                <dt>"ASE task areas"</dt><dd>{areas(&t.task_areas)}</dd>
            </dl>
        </section>
        <form method="post" action="/guardian-consent" class="account-form">
            <input type="hidden" name="token" value=token />
            <TextField name="name" label="Your full name, as your signature" maxlength=100 required=true autocomplete="name" />
            <div class="field">
                <label class="check" id="agree">
                    <input type="checkbox" name="agree" value="on" checked=ticked required=true />
                    "I am the student's parent or guardian, and I agree to this placement on these terms."
                </label>
                <p class="field-error">{agree_error}</p>
            </div>
            <button type="submit">"I agree"</button>
        </form>
    }
    .into_any()
}

/// The application page's placement section: a link to the placement, or the shop's form
/// to make one once the application is hired.
#[component]
pub fn ApplicationPlacementSection(id: i64) -> impl IntoView {
    let data = Resource::new(move || id.to_string(), application_placement);
    view! {
        <Loaded resource=data inline=true let:found>
            {match (found.placement, found.form) {
                (Some(p), _) => Some(view! {
                    <section aria-labelledby="placement" class="placement-link">
                        <h2 id="placement">"Placement"</h2>
                        <p><a href=format!("/placements/{p}")>"Open the placement"</a></p>
                    </section>
                }.into_any()),
                (None, Some(form)) => Some(view! { <PlacementForm id form /> }.into_any()),
                (None, None) => None,
            }}
        </Loaded>
    }
}

#[component]
fn PlacementForm(id: i64, form: PlacementFormData) -> impl IntoView {
    let mentors: Vec<(String, String)> =
        form.mentors.into_iter().map(|m| (m.id.to_string(), m.name)).collect();
    let program = match form.program {
        Some(p) => {
            view! { <p>"School program: " <strong>{p.name}</strong> " (named by the student)"</p> }.into_any()
        }
        None => {
            let options: Vec<(String, String)> =
                form.programs.into_iter().map(|p| (p.id.to_string(), p.name)).collect();
            view! {
                <SelectField name="program" label="School program (the student did not name one: ask them which)" options required=true />
            }
            .into_any()
        }
    };
    view! {
        <section aria-labelledby="placement" class="placement-form">
            <h2 id="placement">"Make the placement"</h2>
            <p class="hint">"The student says next whether they are under 18; a minor's parent or guardian agrees before it starts. Until then you see only what the student shared."</p>
            <form method="post" action=format!("/applications/{id}/placement") class="account-form">
                {program}
                <PlacementTermsFields mentors />
                <button type="submit">"Make the placement"</button>
            </form>
        </section>
    }
}
