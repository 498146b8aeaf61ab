//! `/admin`: the verification queue (approve, or reject with a reason that is emailed), and
//! the lists of organisations, users and audit events. The server function refuses anyone
//! who is not an admin; the page then says so.
use crate::components::page_header::PageHeader;
use crate::components::table_scroll::TableScroll;
use crate::components::when::When;
use domain::{orgs::OrgProfile, states::state_name};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::admin::{AdminData, AuditRow, QueuedOrg, UserRow, admin_overview},
    components::{
        admin_only::{DecisionForms, admin_refusal},
        claims::ClaimsQueue,
    },
    components::{
        form_fields::{Done, FormError, query},
        layout::Layout,
    },
    notice,
};

#[component]
pub fn AdminPage() -> impl IntoView {
    let event = query("event");
    let data = Resource::new(event, admin_overview);
    view! {
        <Layout>
            <Title text="Admin" />
            <PageHeader title="Admin" lede="Verify organisations and school claims, then work through reports, held pay data, articles and memberships." />
            <p><a href="/admin/reports">"Reports and suspended organisations"</a></p>
            <p><a href="/admin/insights">"Pay data held for review"</a></p>
            <p><a href="/admin/resources">"Resources library"</a></p>
            <p><a href="/admin/schools/import">"Import a school list"</a></p>
            <p><a href="/admin/recognition">"Badges: who qualifies this school year"</a></p>
            <p><a href="/admin/membership">"Memberships: plans, partner codes and invoices"</a></p>
            <Done shows=notice::ADMIN />
            <FormError />
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(overview) => view! { <ClaimsQueue /> <Overview overview /> }.into_any(),
                        Err(error) => admin_refusal(error),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
fn Overview(overview: AdminData) -> impl IntoView {
    let AdminData { queue, organisations, users, audit } = overview;
    view! {
        <section aria-labelledby="queue">
            <h2 id="queue">{format!("Waiting for verification ({})", queue.len())}</h2>
            {if queue.is_empty() {
                view! { <p>"Nothing is waiting."</p> }.into_any()
            } else {
                view! { <ul class="queue">{queue.into_iter().map(|item| view! { <QueueItem item /> }).collect_view()}</ul> }.into_any()
            }}
        </section>
        <section aria-labelledby="orgs">
            <h2 id="orgs">"Organisations"</h2>
            <OrgTable organisations />
        </section>
        <section aria-labelledby="users">
            <h2 id="users">"Users"</h2>
            <UserTable users />
        </section>
        <section aria-labelledby="audit">
            <h2 id="audit">"Audit log"</h2>
            <form method="get" action="/admin" class="inline">
                <label for="event">"Event"</label>
                <input id="event" name="event" maxlength="40" value=query("event") />
                <button type="submit">"Filter"</button>
            </form>
            <AuditTable audit />
        </section>
    }
}

fn place(org: &OrgProfile) -> String {
    format!("{}, {} {}", org.city, state_name(&org.state).unwrap_or(&org.state), org.zip)
}

#[component]
fn QueueItem(item: QueuedOrg) -> impl IntoView {
    let QueuedOrg { org, added_by, account_since, added_on } = item;
    let id = org.id;
    let reason_id = format!("reason-{id}");
    let who = match (added_by, account_since) {
        (Some(who), Some(since)) => format!("Added by {who}, account since {since}, on {added_on}"),
        _ => format!("Added on {added_on} by an account since deleted"),
    };
    let site = (!org.website.is_empty()).then(|| org.website.clone());
    view! {
        <li class="queue-item" data-org-id=id>
            <h3><a href=format!("/orgs/{id}")>{org.name.clone()}</a></h3>
            <p>{format!("{} · {}", org.kind.label(), place(&org))}</p>
            <p class="added-by">{who}{site.map(|site| format!(" · website {site}"))}</p>
            <DecisionForms
                approve_action=format!("/admin/orgs/{id}/verify")
                approve_label=format!("Verify {}", org.name)
                refuse_action=format!("/admin/orgs/{id}/reject")
                refuse_label=format!("Reject {}", org.name)
                reason_label="Reason for rejecting"
                reason_id
            />
        </li>
    }
}

#[component]
fn OrgTable(organisations: Vec<OrgProfile>) -> impl IntoView {
    if organisations.is_empty() {
        return view! {
            <p class="empty">"No organisation has joined yet. Shops add themselves at " <a href="/shops/new">"/shops/new"</a> "; instructors claim their programs from a program's page."</p>
        }
        .into_any();
    }
    let rows = organisations
        .into_iter()
        .map(|org| {
            view! {
                <tr>
                    <td><a href=format!("/orgs/{}", org.id)>{org.name.clone()}</a></td>
                    <td>{org.kind.label()}</td>
                    <td>{org.status.label()}</td>
                    <td>{place(&org)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableScroll label="Organisations"><table>
            <thead><tr><th scope="col">"Name"</th><th scope="col">"Kind"</th><th scope="col">"Status"</th><th scope="col">"Place"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table></TableScroll>
    }
    .into_any()
}

#[component]
fn UserTable(users: Vec<UserRow>) -> impl IntoView {
    let rows = users
        .into_iter()
        .map(|user| {
            view! {
                <tr>
                    <td>{user.id}</td>
                    <td>{user.name}</td>
                    <td>{user.email_domain}</td>
                    <td>{if user.verified { "yes" } else { "no" }}</td>
                    <td>{if user.is_admin { "admin" } else { "" }}</td>
                    <td><When moment=user.created_at /></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableScroll label="People"><table>
            <thead><tr><th scope="col">"Id"</th><th scope="col">"Name"</th><th scope="col">"E-mail at"</th><th scope="col">"Verified"</th><th scope="col">"Role"</th><th scope="col">"Created"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table></TableScroll>
    }
    .into_any()
}

#[component]
fn AuditTable(audit: Vec<AuditRow>) -> impl IntoView {
    if audit.is_empty() {
        return view! { <p class="empty">"No entries of this kind. Choose another event above, or all of them."</p> }
            .into_any();
    }
    let rows = audit
        .into_iter()
        .map(|row| {
            view! {
                <tr>
                    <td><When moment=row.at /></td>
                    <td>{row.event}</td>
                    <td>{row.user_id.map(|id| id.to_string()).unwrap_or_default()}</td>
                    <td>{row.detail}</td>
                    <td>{row.client_ip}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableScroll label="Audit log"><table class="audit">
            <thead><tr><th scope="col">"When"</th><th scope="col">"Event"</th><th scope="col">"User"</th><th scope="col">"Detail"</th><th scope="col">"Address"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table></TableScroll>
    }
    .into_any()
}
