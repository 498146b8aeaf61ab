//! `/placements/{id}/evaluations`: the mentor's midpoint and final evaluations on the
//! placement's ASE task areas (1–4 with comments), the student's self-evaluation beside
//! each, and the form for the viewer's side. Forms post to
//! server/src/forms/placement_records.rs.
use domain::{
    needs::SkillArea,
    placement_records::{
        EvaluationAuthor, EvaluationView, EvaluationsView, MAX_COMMENT, SCORES, StageView, score_label,
    },
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    api::placement_records::placement_evaluations,
    components::{
        form_fields::{Done, FormError, message_for, query, refusal, textarea_text},
        layout::Layout,
        loaded::Loaded,
    },
    notice,
};

#[component]
pub fn PlacementEvaluationsPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.with(|p| p.get("id").unwrap_or_default()), placement_evaluations);
    view! {
        <Layout description="A placement's evaluations: the mentor's, and the student's self-evaluation beside each.">
            <Loaded resource=data let:view><Evaluations view /></Loaded>
        </Layout>
    }
}

#[component]
fn Evaluations(view: EvaluationsView) -> impl IntoView {
    let id = view.placement_id;
    let writes_as = view.writes_as;
    let areas = view.task_areas.clone();
    let stages = view
        .stages
        .into_iter()
        .map(|stage| view! { <Stage id stage writes_as areas=areas.clone() /> })
        .collect_view();
    view! {
        <Title text=format!("Evaluations — placement at {}", view.shop_name) />
        <article class="placement-evaluations">
            <div class="page-header">
                <p class="breadcrumb"><a href=format!("/placements/{id}")>"← The placement"</a></p>
                <h1>"Evaluations"</h1>
                <p class="lede">{format!("{} at {}. The mentor rates each ASE task area from 1 to 4; the student's self-evaluation sits beside it.", view.student_label, view.shop_name)}</p>
            </div>
            <Done shows=notice::PLACEMENT_EVALUATIONS />
            <FormError />
            <p class="hint scale">{SCORES.iter().map(|(n, l)| format!("{n} {l}")).collect::<Vec<_>>().join(" · ")}</p>
            {stages}
        </article>
    }
}

#[component]
fn Stage(
    id: i64,
    stage: StageView,
    writes_as: Option<EvaluationAuthor>,
    areas: Vec<SkillArea>,
) -> impl IntoView {
    let slug = stage.stage.slug();
    let due = stage.due.then(|| view! { <p class="notice warning">{format!("The mentor's {} is due.", stage.stage.label().to_lowercase())}</p> });
    let pending = |who: EvaluationAuthor| {
        view! { <p class="hint">{format!("{}: not written yet.", who.label())}</p> }.into_any()
    };
    let mentor = stage
        .mentor
        .clone()
        .map_or_else(|| pending(EvaluationAuthor::Mentor), |e| view! { <Written e /> }.into_any());
    let student = stage
        .student
        .clone()
        .map_or_else(|| pending(EvaluationAuthor::Student), |e| view! { <Written e /> }.into_any());
    let earlier = (!stage.earlier.is_empty()).then(|| {
        let list = stage.earlier.clone().into_iter().map(|e| view! { <Written e /> }).collect_view();
        view! { <details class="earlier"><summary>"Earlier versions (corrected)"</summary>{list}</details> }
    });
    let own = writes_as.and_then(|who| match who {
        EvaluationAuthor::Mentor => stage.mentor.clone(),
        EvaluationAuthor::Student => stage.student.clone(),
    });
    let form = (stage.may_write && writes_as.is_some())
        .then(|| view! { <EvaluationForm id stage=stage.stage.slug() areas own /> });
    let closed = (!stage.may_write && writes_as.is_some())
        .then(|| view! { <p class="hint">{format!("Opens on {}.", stage.due_on)}</p> });
    view! {
        <section aria-labelledby=format!("stage-{slug}") class=format!("evaluation-stage stage-{slug}")>
            <h2 id=format!("stage-{slug}")>{stage.stage.label()}</h2>
            <p class="hint">{format!("Due from {}.", stage.due_on)}</p>
            {due}
            <div class="evaluation-pair">{mentor}{student}</div>
            {earlier}
            {form}
            {closed}
        </section>
    }
}

#[component]
fn Written(e: EvaluationView) -> impl IntoView {
    let ratings = e
        .ratings
        .into_iter()
        .map(|r| {
            let comment = (!r.comment.is_empty()).then(|| view! { <p class="hint">{r.comment.clone()}</p> });
            view! {
                <li><strong>{r.area.label()}</strong>": " <span class="score">{format!("{} — {}", r.score, score_label(r.score))}</span>{comment}</li>
            }
        })
        .collect_view();
    let by = e.written_by.clone().unwrap_or_else(|| "an account since deleted".into());
    let revision = (e.revision > 1).then(|| format!(" (correction {})", e.revision - 1));
    view! {
        <div class=format!("evaluation by-{}", e.author.slug()) data-evaluation-id=e.id>
            <h3>{e.author.label()}{revision}</h3>
            <ul class="ratings">{ratings}</ul>
            {(!e.comment.is_empty()).then(|| view! { <p>{e.comment.clone()}</p> })}
            <p class="hint">{format!("Written by {by} on {}", e.written_at.text)}</p>
        </div>
    }
}

/// The viewer's form for one stage: a score and a comment for each task area. Writing again
/// after an evaluation exists makes a correction (the first stays on record).
#[component]
fn EvaluationForm(
    id: i64,
    stage: &'static str,
    areas: Vec<SkillArea>,
    own: Option<EvaluationView>,
) -> impl IntoView {
    // After a refusal, this stage's form comes back with what was sent.
    let refused_here = query("write")().as_deref() == Some(stage);
    let sent = refused_here.then(refusal).flatten();
    let typed = move |name: &str| sent.as_ref().and_then(|r| r.typed(name).map(str::to_string));
    let rows = areas
        .into_iter()
        .map(|area| {
            let earlier = own.as_ref().and_then(|e| e.ratings.iter().find(|r| r.area == area).cloned());
            let score = typed(&format!("score_{}", area.slug())).or_else(|| earlier.as_ref().map(|r| r.score.to_string()));
            let comment = typed(&format!("comment_{}", area.slug())).or_else(|| earlier.map(|r| r.comment));
            let name = format!("score_{}", area.slug());
            let radios = SCORES
                .iter()
                .map(|(n, label)| {
                    let checked = score.as_deref() == Some(n.to_string().as_str());
                    view! { <label class="check"><input type="radio" name=name.clone() value=n.to_string() checked=checked required=true />{format!("{n} {label}")}</label> }
                })
                .collect_view();
            let comment_id = format!("{stage}-comment_{}", area.slug());
            view! {
                <fieldset class="field rating">
                    <legend>{area.label()}</legend>
                    <div class="scores">{radios}</div>
                    <label for=comment_id.clone()>"Comment (optional)"</label>
                    <textarea id=comment_id name=format!("comment_{}", area.slug()) rows="2" maxlength=MAX_COMMENT>{comment.map(textarea_text)}</textarea>
                </fieldset>
            }
        })
        .collect_view();
    let error = refused_here.then(|| message_for("ratings")).flatten();
    let overall = typed("comment").or_else(|| own.as_ref().map(|e| e.comment.clone()));
    let (heading, button) = match own {
        Some(_) => ("Correct your evaluation", "Save the correction"),
        None => ("Write your evaluation", "Save the evaluation"),
    };
    view! {
        <details class="evaluation-form" open=refused_here>
            <summary>{heading}</summary>
            <form method="post" action=format!("/placements/{id}/evaluations") class="account-form">
                <input type="hidden" name="stage" value=stage />
                <p class="field-error">{error}</p>
                {rows}
                <div class="field">
                    <label for=format!("{stage}-comment")>"Overall comment (optional)"</label>
                    <textarea id=format!("{stage}-comment") name="comment" rows="4" maxlength=MAX_COMMENT>{overall.map(textarea_text)}</textarea>
                </div>
                <button type="submit">{button}</button>
            </form>
        </details>
    }
}
