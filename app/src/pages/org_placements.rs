//! `/orgs/{id}/placements`: every placement of a school program (or of a shop) with its
//! state, hours confirmed against the plan and evaluations due, for the organisation's
//! members and admins; and the CSV of it for the state's work-based-learning reporting.
use domain::{
    placement_records::{OrgPlacementRow, OrgPlacementsView, hours_text},
    placements::PlacementStatus,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    api::placement_records::org_placements,
    components::{layout::Layout, loaded::Loaded, table_scroll::TableScroll},
};

#[component]
pub fn OrgPlacementsPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.with(|p| p.get("id").unwrap_or_default()), org_placements);
    view! {
        <Layout description="An organisation's work-based-learning placements: state, hours against the plan, evaluations due.">
            <Loaded resource=data let:view><Placements view /></Loaded>
        </Layout>
    }
}

#[component]
fn Placements(view: OrgPlacementsView) -> impl IntoView {
    let id = view.org_id;
    let partner = if view.is_shop { "School program" } else { "Shop" };
    let empty = if view.is_shop {
        "No placements yet. A placement is made from a student's application marked “Hired”."
    } else {
        "No placements yet. Shops make them when they hire one of your students; you choose the coordinator."
    };
    let body = if view.rows.is_empty() {
        view! { <p class="hint">{empty}</p> }.into_any()
    } else {
        let rows = view.rows.into_iter().map(|row| view! { <Row row partner /> }).collect_view();
        view! {
            <p><a class="button secondary" href=format!("/orgs/{id}/placements.csv") download="">"Download as CSV"</a></p>
            <TableScroll label="Placements"><table class="org-placements">
                <thead><tr>
                    <th scope="col">"Student"</th><th scope="col">{partner}</th><th scope="col">"State"</th>
                    <th scope="col">"Dates"</th><th scope="col">"Hours confirmed"</th><th scope="col">"Evaluations"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table></TableScroll>
        }
        .into_any()
    };
    view! {
        <Title text=format!("Placements — {}", view.org_name) />
        <article class="org-placements-page">
            <div class="page-header">
                <p class="breadcrumb"><a href=format!("/orgs/{id}")>{format!("← {}", view.org_name)}</a></p>
                <h1>"Placements"</h1>
                <p class="lede">"Every work-based-learning placement, its state, the hours the mentor confirmed against the plan, and the evaluations due."</p>
            </div>
            {body}
        </article>
    }
}

#[component]
fn Row(row: OrgPlacementRow, partner: &'static str) -> impl IntoView {
    let t = &row.totals;
    let hours = format!("{} of {}", hours_text(t.confirmed_minutes), hours_text(t.planned_minutes));
    let waiting = (t.waiting_long > 0).then(|| {
        view! { <br /><span class="warning-text">{format!("{} waiting over 7 days", t.waiting_long)}</span> }
    });
    let evaluations = if row.evaluations_due.is_empty() {
        let written: Vec<&str> = row.evaluations_written.iter().map(|s| s.label()).collect();
        if written.is_empty() { "None due".to_string() } else { format!("Written: {}", written.join(", ")) }
    } else {
        let due: Vec<&str> = row.evaluations_due.iter().map(|s| s.label()).collect();
        format!("Due: {}", due.join(", "))
    };
    // Hours and evaluations exist once the placement is active.
    let kept = matches!(row.status, PlacementStatus::Active | PlacementStatus::Ended);
    let link = move |path: &str, text: String| {
        if kept {
            view! { <a href=format!("/placements/{}/{path}", row.id)>{text}</a> }.into_any()
        } else {
            text.into_any()
        }
    };
    view! {
        <tr data-placement-id=row.id>
            // On a phone each row is a card; `data-label` names its cells there.
            <td data-label="Student"><a href=format!("/placements/{}", row.id)>{row.student.clone()}</a></td>
            <td data-label=partner><a href=format!("/orgs/{}", row.partner_id)>{row.partner_name.clone()}</a></td>
            <td data-label="State" class=format!("status-{}", row.status.slug())>{row.status.label()}</td>
            <td data-label="Dates">{format!("{} to {}", row.starts_on, row.ends_on)}</td>
            <td data-label="Hours confirmed">{link("hours", hours)}{waiting}</td>
            <td data-label="Evaluations">{link("evaluations", evaluations)}</td>
        </tr>
    }
}
