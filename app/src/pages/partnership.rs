//! `/partnerships/{id}`: a partnership between a shop and a school program, for the members
//! of the two: its status and kinds, the forms the viewer may use (accept, decline, end,
//! complete), the placements made from its accepted internship and apprenticeship offers
//! (with the shop's form to place a student), the message thread (plain text, shown escaped) and the timeline.
use crate::components::loaded::Loaded;
use crate::components::table_scroll::TableScroll;
use crate::components::when::When;
use domain::partnerships::{EventView, MessageView, PartnershipActions, PartnershipView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::partnership_placements::OfferPlacementsSection;
use crate::{
    api::partnerships::partnership_page,
    components::{
        form_fields::{Done, FormError, SubmissionKey, TextArea, TextField},
        layout::Layout,
        partnership_list::kinds_label,
    },
    notice,
};

/// `/partnerships/{id}`
#[component]
pub fn PartnershipPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || (params.with(|p| p.get("id").unwrap_or_default()), query.with(|q| q.get("before"))),
        |(id, before)| partnership_page(id, before),
    );
    view! {
        <Layout>
            <Loaded resource=data let:view><Partnership view /></Loaded>
        </Layout>
    }
}

#[component]
fn Partnership(view: PartnershipView) -> impl IntoView {
    let PartnershipView {
        id,
        shop_id,
        shop_name,
        program_id,
        program_name,
        kinds,
        status,
        events,
        messages,
        older_messages,
        actions,
    } = view;
    let title = format!("{shop_name} and {program_name}");
    view! {
        <Title text=title.clone() />
        <article class="profile partnership" data-partnership-id=id>
            <Done shows=notice::PARTNERSHIP />
            <FormError />
            <h1>{title}</h1>
            <p class="where">
                <a href=format!("/orgs/{shop_id}")>{shop_name}</a>
                " and "
                <a href=format!("/orgs/{program_id}")>{program_name}</a>
            </p>
            <p class="partnership-status">{format!("Status: {}", status.label())}</p>
            <p class="meta">{kinds_label(&kinds)}</p>
            <Actions id actions />
            <OfferPlacementsSection id />
            <Thread id messages older=older_messages can_post=actions.message />
            <Timeline events />
        </article>
    }
}

#[component]
fn Actions(id: i64, actions: PartnershipActions) -> impl IntoView {
    let accept = actions.accept.then(|| {
        view! {
            <form method="post" action=format!("/partnerships/{id}/accept") class="inline">
                <button type="submit">"Accept partnership"</button>
            </form>
        }
    });
    let decline = actions.decline.then(|| {
        view! {
            <form method="post" action=format!("/partnerships/{id}/decline") class="account-form">
                <TextField name="reason" label="Reason for declining (optional)" maxlength=500 />
                <button type="submit" class="danger">"Decline partnership"</button>
            </form>
        }
    });
    let complete = actions.complete.then(|| {
        view! {
            <form method="post" action=format!("/partnerships/{id}/complete") class="account-form">
                <TextField name="note" label="Note (optional)" maxlength=500 />
                <button type="submit">"Mark completed"</button>
            </form>
        }
    });
    let end = actions.end.then(|| {
        view! {
            <form method="post" action=format!("/partnerships/{id}/end") class="account-form">
                <TextField name="reason" label="Reason for ending" maxlength=500 required=true />
                <button type="submit" class="danger">"End partnership"</button>
            </form>
        }
    });
    view! { <div class="partnership-actions">{accept} {decline} {complete} {end}</div> }
}

#[component]
fn Thread(id: i64, messages: Vec<MessageView>, older: Option<i64>, can_post: bool) -> impl IntoView {
    let older = older.map(|before| {
        view! {
            <p class="older">
                <a href=format!("/partnerships/{id}?before={before}#messages")>"Older messages"</a>
            </p>
        }
    });
    let items = messages
        .into_iter()
        .map(|m| {
            let body = if m.hidden {
                view! { <p class="message-body message-hidden">"This message was hidden by a moderator"</p> }
                    .into_any()
            } else {
                // Text, not HTML: Leptos escapes it.
                view! { <p class="message-body">{m.body}</p> }.into_any()
            };
            let report = (!m.hidden).then(|| {
                view! {
                    <a class="report-link" href=format!("/report?target=message&id={}", m.id)>
                        "Report this message"
                    </a>
                }
            });
            view! {
                <li class="message" data-message-id=m.id>
                    <p class="meta">{format!("{} ({}) · ", m.author, m.side)} <When moment=m.at /></p>
                    {body}
                    {report}
                </li>
            }
        })
        .collect_view();
    let form = if can_post {
        view! {
            <form method="post" action=format!("/partnerships/{id}/messages") class="account-form message-form">
                <SubmissionKey />
                <TextArea name="body" label="Message" maxlength=4000 required=true hint="Plain text, up to 4,000 characters." />
                <button type="submit">"Send message"</button>
            </form>
        }
        .into_any()
    } else {
        view! { <p class="notice">"This partnership is over: its thread takes no more messages."</p> }
            .into_any()
    };
    view! {
        <section aria-labelledby="messages">
            <h2 id="messages">"Messages"</h2>
            {older}
            <ol class="thread">{items}</ol>
            {form}
        </section>
    }
}

#[component]
fn Timeline(events: Vec<EventView>) -> impl IntoView {
    let rows = events
        .into_iter()
        .map(|e| {
            let from = e.from_status.map(|s| s.label()).unwrap_or("—");
            view! {
                <tr>
                    <td><When moment=e.at /></td>
                    <td>{e.actor}</td>
                    <td>{from}</td>
                    <td>{e.to_status.label()}</td>
                    <td>{e.note}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="timeline">
            <h2 id="timeline">"Timeline"</h2>
            <TableScroll label="Timeline"><table class="timeline">
                <thead>
                    <tr>
                        <th scope="col">"When"</th>
                        <th scope="col">"Who"</th>
                        <th scope="col">"From"</th>
                        <th scope="col">"To"</th>
                        <th scope="col">"Note"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table></TableScroll>
        </section>
    }
}
