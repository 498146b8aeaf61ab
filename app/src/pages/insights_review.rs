//! `/admin/insights`: submissions held because values lie far outside what other shops
//! report, for an admin to accept (into figures) or reject. Shown with quarter, state and
//! shop-type group only — never the shop's name or id (docs/privacy.md, rule 5).
use crate::components::page_header::PageHeader;
use domain::states::state_name;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::insights_contribute::held_pay_submissions,
    components::admin_only::admin_refusal,
    components::{
        form_fields::{Done, FormError},
        layout::Layout,
    },
    insights_contribute_model::{HeldView, describe_labor},
    notice,
};

#[component]
pub fn InsightsReviewPage() -> impl IntoView {
    let held = Resource::new(|| (), |_| held_pay_submissions());
    view! {
        <Layout>
            <Title text="Pay data held for review" />
            <PageHeader title="Pay data held for review" back=("/admin", "Admin") lede="Submissions that look unusual wait here: accept them into the figures or reject them." />
            <Done shows=notice::INSIGHTS_REVIEW />
            <FormError />
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match held.await {
                        Ok(list) if list.is_empty() => view! { <p>"Nothing is held."</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="queue held-pay">
                                {list.into_iter().map(|held| view! { <HeldItem held /> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => admin_refusal(error),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
fn HeldItem(held: HeldView) -> impl IntoView {
    let id = held.id;
    let place = state_name(&held.state).unwrap_or(&held.state).to_string();
    let title = format!("Submission {id}: {} · {place} · {}", held.quarter, held.group_label());
    let reasons = held.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view();
    // A published quarter is fixed: accepting late data moves it to the next open quarter.
    let counts = if held.counts_toward == held.quarter {
        format!("Accepting it counts it toward {}.", held.quarter)
    } else {
        format!(
            "{} is already published and its figures never change: accepting it counts it toward {} (or not at all if the shop has already reported for {}).",
            held.quarter, held.counts_toward, held.counts_toward
        )
    };
    let rows = held
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| view! { <li>{format!("Row {}: {}", i + 1, r.describe())}</li> })
        .collect_view();
    view! {
        <li class="queue-item" data-submission-id=id>
            <h2>{title}</h2>
            <h3>"Why it is held"</h3>
            <ul class="hold-reasons">{reasons}</ul>
            <h3>"Values"</h3>
            <ul class="pay-lines">{rows}</ul>
            <p>{format!("Labor rates: {}", describe_labor(&held.labor))}</p>
            <p class="counts-toward">{counts}</p>
            <form method="post" action=format!("/admin/insights/{id}/accept") class="inline">
                <button type="submit">{format!("Accept submission {id}")}</button>
            </form>
            <form method="post" action=format!("/admin/insights/{id}/reject") class="inline">
                <button type="submit" class="danger">{format!("Reject submission {id}")}</button>
            </form>
        </li>
    }
}
