//! `/admin/reports`: the admins' moderation queue. Open reports are grouped by what they are
//! about, with how many there are, their reasons and notes, a link to the content (a
//! message's text, since threads are private), and forms to hide it, suspend its
//! organisation, lift a suspension or dismiss the reports. Below, the suspended
//! organisations. The server function refuses anyone who is not an admin.
use crate::components::page_header::PageHeader;
use crate::components::when::When;
use domain::moderation::{ReportTarget, ReportedItem, SuspendedOrg};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::moderation::{ModerationData, moderation_queue},
    components::admin_only::admin_refusal,
    components::{
        form_fields::{Done, FormError},
        layout::Layout,
    },
    notice,
};

#[component]
pub fn ModerationPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| moderation_queue());
    view! {
        <Layout>
            <Title text="Reports" />
            <PageHeader title="Reports" back=("/admin", "Admin") lede="What people reported, grouped by what it is about: hide it, suspend its organisation, or dismiss the reports." />
            <Done shows=notice::MODERATION />
            <FormError />
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <Queue data /> }.into_any(),
                        Err(error) => admin_refusal(error),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
fn Queue(data: ModerationData) -> impl IntoView {
    let ModerationData { items, suspended } = data;
    let open = if items.is_empty() {
        view! { <p>"No open reports."</p> }.into_any()
    } else {
        view! { <ul class="queue">{items.into_iter().map(|item| view! { <Item item /> }).collect_view()}</ul> }
            .into_any()
    };
    view! {
        <section aria-labelledby="open-reports">
            <h2 id="open-reports">"Open reports"</h2>
            {open}
        </section>
        <section aria-labelledby="suspended">
            <h2 id="suspended">"Suspended organisations"</h2>
            <Suspended orgs=suspended />
        </section>
    }
}

fn reasons_line(item: &ReportedItem) -> String {
    let reasons = item
        .reasons
        .iter()
        .map(
            |(reason, n)| {
                if *n == 1 { reason.label().to_string() } else { format!("{} ×{n}", reason.label()) }
            },
        )
        .collect::<Vec<_>>()
        .join(", ");
    let reports = if item.count == 1 { "1 report".to_string() } else { format!("{} reports", item.count) };
    format!("{reports} · {reasons} · first ")
}

#[component]
fn Item(item: ReportedItem) -> impl IntoView {
    let (target, id) = (item.target, item.target_id);
    let what = target.label();
    let line = reasons_line(&item);
    let title = match item.href.clone() {
        Some(href) => view! { <a href=href>{item.title.clone()}</a> }.into_any(),
        None => view! { <span>{item.title.clone()}</span> }.into_any(),
    };
    let excerpt = (!item.excerpt.is_empty())
        .then(|| view! { <blockquote class="message-body">{item.excerpt.clone()}</blockquote> });
    let org = item.organisation_id.map(|org_id| {
        let state = if item.organisation_suspended { " (suspended)" } else { "" };
        view! {
            <p class="where">
                {if target == ReportTarget::Organisation { "" } else { "From " }}
                <a href=format!("/orgs/{org_id}")>{item.organisation_name.clone()}</a>
                {state}
            </p>
        }
    });
    let notes = (!item.notes.is_empty()).then(|| {
        view! { <ul class="report-notes">{item.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul> }
    });
    let hidden = item.hidden.then(|| view! { <p class="notice">"Hidden already."</p> });
    let can_hide = matches!(
        target,
        ReportTarget::Need | ReportTarget::Message | ReportTarget::ApplicationMessage | ReportTarget::Opening
    ) && !item.hidden;
    let hide = can_hide.then(|| {
        view! {
            <form method="post" action="/admin/reports/hide" class="inline">
                <input type="hidden" name="target" value=target.slug() />
                <input type="hidden" name="target_id" value=id />
                <button type="submit" class="danger">{format!("Hide this {}", what.to_lowercase())}</button>
            </form>
        }
    });
    let suspend = item.organisation_id.filter(|_| !item.organisation_suspended).map(|org_id| {
        let reason_id = format!("suspend-reason-{}-{id}", target.slug());
        view! {
            <form method="post" action=format!("/admin/orgs/{org_id}/suspend") class="inline">
                <input type="hidden" name="report_target" value=target.slug() />
                <input type="hidden" name="report_target_id" value=id />
                <label for=reason_id.clone()>"Reason (emailed to its owners)"</label>
                <input id=reason_id name="reason" maxlength="500" />
                <button type="submit" class="danger">{format!("Suspend {}", item.organisation_name)}</button>
            </form>
        }
    });
    let lift = item.organisation_id.filter(|_| item.organisation_suspended).map(|org_id| {
        view! { <LiftForm id=org_id name=item.organisation_name.clone() /> }
    });
    view! {
        <li class="queue-item report-item" data-target=target.slug() data-target-id=id>
            <h3>{format!("{what}: ")} {title}</h3>
            <p class="meta">{line} <When moment=item.first_reported.clone() /></p>
            {excerpt}
            {org}
            {notes}
            {hidden}
            <div class="report-actions">
                {hide}
                {suspend}
                {lift}
                <form method="post" action="/admin/reports/dismiss" class="inline">
                    <input type="hidden" name="target" value=target.slug() />
                    <input type="hidden" name="target_id" value=id />
                    <button type="submit">"Dismiss the reports"</button>
                </form>
            </div>
        </li>
    }
}

#[component]
fn LiftForm(id: i64, name: String) -> impl IntoView {
    view! {
        <form method="post" action=format!("/admin/orgs/{id}/lift") class="inline">
            <button type="submit">{format!("Lift the suspension of {name}")}</button>
        </form>
    }
}

#[component]
fn Suspended(orgs: Vec<SuspendedOrg>) -> impl IntoView {
    if orgs.is_empty() {
        return view! { <p>"None."</p> }.into_any();
    }
    let rows = orgs
        .into_iter()
        .map(|org| {
            view! {
                <li data-org-id=org.id>
                    <a href=format!("/orgs/{}", org.id)>{org.name.clone()}</a>
                    " "
                    <LiftForm id=org.id name=org.name />
                </li>
            }
        })
        .collect_view();
    view! { <ul class="suspended-orgs">{rows}</ul> }.into_any()
}
