//! `/placements/{id}/hours`: the student logs each day and corrects entries; the mentor
//! confirms or queries each entry; the coordinator reads the totals against the plan and
//! what waits for the mentor. Forms post to server/src/forms/placement_records.rs.
use domain::{
    placement_records::{HoursEntryView, HoursStatus, HoursTotals, HoursView, MAX_TASKS, hours_text},
    placements::PlacementSide,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    api::placement_records::placement_hours,
    components::{
        form_fields::{Done, FormError, TextArea, TextField, field_error, query, refusal, textarea_text},
        layout::Layout,
        loaded::Loaded,
    },
    notice,
};

#[component]
pub fn PlacementHoursPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.with(|p| p.get("id").unwrap_or_default()), placement_hours);
    view! {
        <Layout description="A placement's hours: each day the student logged, confirmed or queried by the mentor.">
            <Loaded resource=data let:view><Hours view /></Loaded>
        </Layout>
    }
}

#[component]
fn Hours(view: HoursView) -> impl IntoView {
    let id = view.placement_id;
    let correcting = query("correct")().and_then(|v| v.parse::<i64>().ok());
    let correcting =
        correcting.and_then(|c| view.entries.iter().find(|e| e.id == c && e.replaced_by.is_none()).cloned());
    let lede = format!(
        "{} at {}, {} to {}, {} hours a week planned.",
        if view.side == PlacementSide::Student { "You".to_string() } else { view.student_label.clone() },
        view.shop_name,
        view.starts_on,
        view.ends_on,
        view.weekly_hours
    );
    let log = view.may_log.then(|| view! { <LogForm id latest=view.latest_day.clone() correcting /> });
    let closed = (!view.may_log && view.side == PlacementSide::Student).then(|| {
        view! { <p class="notice">"Hours are logged once the placement is active."</p> }
    });
    let (may_review, may_log) = (view.may_review, view.may_log);
    let entries = if view.entries.is_empty() {
        view! { <p class="hint">"No hours logged yet."</p> }.into_any()
    } else {
        let items = view
            .entries
            .into_iter()
            .map(|entry| view! { <Entry id entry may_review may_log /> })
            .collect_view();
        view! { <ol class="hours-list">{items}</ol> }.into_any()
    };
    view! {
        <Title text=format!("Hours — placement at {}", view.shop_name) />
        <article class="placement-hours">
            <div class="page-header">
                <p class="breadcrumb"><a href=format!("/placements/{id}")>"← The placement"</a></p>
                <h1>"Hours"</h1>
                <p class="lede">{lede}</p>
            </div>
            <Done shows=notice::PLACEMENT_HOURS />
            <FormError />
            <Totals totals=view.totals />
            {closed}
            {log}
            <section aria-labelledby="entries">
                <h2 id="entries">"Days logged"</h2>
                {entries}
            </section>
        </article>
    }
}

#[component]
fn Totals(totals: HoursTotals) -> impl IntoView {
    let waiting = (totals.waiting_long > 0).then(|| {
        let n = totals.waiting_long;
        let words = if n == 1 { "1 entry has".to_string() } else { format!("{n} entries have") };
        view! { <p class="notice warning waiting-long">{format!("{words} waited for the mentor more than 7 days.")}</p> }
    });
    view! {
        <section aria-labelledby="totals">
            <h2 id="totals">"Against the plan"</h2>
            <dl class="placement-terms hours-totals">
                <dt>"Confirmed"</dt>
                <dd class="confirmed-total">{format!("{} of {} planned", hours_text(totals.confirmed_minutes), hours_text(totals.planned_minutes))}</dd>
                <dt>"Planned to date"</dt><dd>{hours_text(totals.planned_to_date_minutes)}</dd>
                <dt>"Waiting for the mentor"</dt><dd class="pending-total">{hours_text(totals.pending_minutes)}</dd>
            </dl>
            {waiting}
        </section>
    }
}

/// The student's form: a new day, or the correction of an entry (`correcting`).
#[component]
fn LogForm(id: i64, latest: String, correcting: Option<HoursEntryView>) -> impl IntoView {
    let (heading, button, hint) = match &correcting {
        Some(e) => (
            format!("Correct the entry of {}", e.worked_on),
            "Save the correction",
            "The entry stays as it was; the correction sits beside it and your mentor reviews it.",
        ),
        None => ("Log a day".to_string(), "Save the day", "Your mentor confirms or queries each day."),
    };
    let hours_prefill = correcting.as_ref().map(|e| hours_text(e.minutes).trim_end_matches(" h").to_string());
    let cancel = correcting
        .as_ref()
        .map(|_| view! { <p><a href=format!("/placements/{id}/hours#log")>"Log a new day instead"</a></p> });
    let corrects = correcting.as_ref().map(|e| view! { <input type="hidden" name="corrects" value=e.id /> });
    let date_error = field_error("worked_on");
    let typed_date = refusal().and_then(|r| r.typed("worked_on").map(str::to_string));
    let date = typed_date
        .or_else(|| correcting.as_ref().map(|e| e.worked_on.clone()))
        .unwrap_or_else(|| latest.clone());
    view! {
        <section aria-labelledby="log" class="hours-form">
            <h2 id="log">{heading}</h2>
            <p class="hint">{hint}</p>
            {cancel}
            <form method="post" action=format!("/placements/{id}/hours") class="account-form">
                {corrects}
                <div class="field">
                    <label for="worked_on">"Day"</label>
                    <input id="worked_on" name="worked_on" type="date" required=true max=latest value=date
                        aria-invalid=move || date_error().map(|_| "true") aria-describedby="worked_on-error" />
                    <p id="worked_on-error" class="field-error">{date_error}</p>
                </div>
                <TextField name="hours" label="Hours worked" maxlength=6 required=true autocomplete="off"
                    hint="In quarter hours: 7, 7.5 or 7:45." prefill=hours_prefill.unwrap_or_default() />
                <TextArea name="tasks" label="What you did" maxlength=MAX_TASKS required=true
                    hint="The jobs and tasks, in a few words." prefill=correcting.map(|e| e.tasks).unwrap_or_default() />
                <button type="submit">{button}</button>
            </form>
        </section>
    }
}

#[component]
fn Entry(id: i64, entry: HoursEntryView, may_review: bool, may_log: bool) -> impl IntoView {
    let e = entry;
    let fate = match (e.replaced_by, e.counts) {
        (Some(_), true) => Some("Counts until its correction is confirmed"),
        (Some(_), false) => Some("Replaced by a correction"),
        (None, _) => None,
    };
    let corrects = e.corrects.map(|c| view! { <p class="hint">{format!("Corrects entry #{c}")}</p> });
    let query = e.query_reason.clone().map(|q| view! { <p class="query">"Mentor's question: " {q}</p> });
    let waiting = e
        .waiting_days
        .map(|d| view! { <p class="notice warning">{format!("Waiting for the mentor for {d} days")}</p> });
    let open = e.replaced_by.is_none();
    let correct = (may_log && open).then(|| {
        view! { <a class="button secondary" href=format!("/placements/{id}/hours?correct={}#log", e.id)>"Correct"</a> }
    });
    let review =
        (may_review && open && e.status == HoursStatus::Pending).then(|| view! { <Review id entry=e.id /> });
    view! {
        <li class=format!("hours-entry status-{}", e.status.slug()) data-entry-id=e.id>
            <p class="hours-day"><strong>{e.worked_on.clone()}</strong> " · " {hours_text(e.minutes)} " · "
                <span class="hours-status">{e.status.label()}</span>
                {e.counts.then_some(" · counts")}
            </p>
            <p class="hours-tasks">{e.tasks.clone()}</p>
            {corrects}
            {query}
            <p class="hint">{format!("Logged {}", e.logged_at.text)} {e.reviewed.clone().map(|r| format!(" · {r}"))}</p>
            {fate.map(|f| view! { <p class="hint">{f}</p> })}
            {waiting}
            <div class="entry-actions">{correct}{review}</div>
        </li>
    }
}

/// The mentor's two answers to a waiting entry.
#[component]
fn Review(id: i64, entry: i64) -> impl IntoView {
    // After a refused query, this entry's question comes back open with what was typed.
    let asked = query("query")().and_then(|v| v.parse::<i64>().ok()) == Some(entry);
    let typed = asked.then(|| refusal().and_then(|r| r.typed("query").map(str::to_string))).flatten();
    let field = format!("query-{entry}");
    view! {
        <form method="post" action=format!("/placements/{id}/hours/{entry}/confirm") class="inline">
            <button type="submit">"Confirm"</button>
        </form>
        <details class="query-form" open=asked>
            <summary>"Query"</summary>
            <form method="post" action=format!("/placements/{id}/hours/{entry}/query") class="account-form">
                <div class="field">
                    <label for=field.clone()>"Your question to the student"</label>
                    <textarea id=field name="query" rows="3" maxlength=MAX_TASKS required=true>{typed.map(textarea_text)}</textarea>
                </div>
                <button type="submit" class="secondary">"Send the question"</button>
            </form>
        </details>
    }
}
