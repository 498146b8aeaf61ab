//! `/notifications`: the signed-in person's notifications, newest first, each opened through
//! a small form that marks it read (no GET changes anything); "mark all as read"; and which
//! topics are also emailed. Every form posts to server/src/forms/notifications.rs.
use crate::components::page_header::PageHeader;
use crate::components::refusal::Refusal;
use crate::components::when::When;
use domain::notifications::{EmailChoices, NoticePage, NoticeTopic, NoticeView};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::notifications::{my_email_choices, my_notifications},
    components::{
        form_fields::{Done, FormError, query},
        layout::Layout,
    },
    error::AppError,
    notice,
};

/// `/notifications`
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let before = query("before");
    let notices = Resource::new(before, my_notifications);
    let choices = Resource::new(|| (), |_| my_email_choices());
    view! {
        <Layout>
            <Title text="Notifications" />
            <PageHeader title="Notifications" lede="Offers, decisions, messages and answers about your applications, newest first. Choose below which are also e-mailed." />
            <Done shows=notice::NOTIFICATIONS />
            <FormError />
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match (notices.await, choices.await) {
                        (Ok(page), Ok(choices)) => view! {
                            <Notices page />
                            <EmailForm choices />
                        }
                        .into_any(),
                        (Err(AppError::SignInRequired), _) | (_, Err(AppError::SignInRequired)) => {
                            #[cfg(feature = "ssr")]
                            crate::ssr::redirect_page("/login?next=%2Fnotifications");
                            view! { <p>"Please " <a href="/login?next=%2Fnotifications">"sign in"</a> "."</p> }
                                .into_any()
                        }
                        (Err(error), _) | (_, Err(error)) => view! { <Refusal error /> }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
fn Notices(page: NoticePage) -> impl IntoView {
    let NoticePage { notices, unread, older } = page;
    let mark_all = (unread > 0).then(|| {
        view! {
            <form method="post" action="/notifications/read" class="inline">
                <button type="submit">"Mark all as read"</button>
            </form>
        }
    });
    let list = if notices.is_empty() {
        view! { <p>"Nothing yet. Offers, decisions, messages and students' interest will appear here."</p> }
            .into_any()
    } else {
        view! { <ol class="notices">{notices.into_iter().map(|notice| view! { <Notice notice /> }).collect_view()}</ol> }
            .into_any()
    };
    let older = older.map(|before| {
        view! { <p class="older"><a href=format!("/notifications?before={before}")>"Older notifications"</a></p> }
    });
    view! {
        <section aria-labelledby="list">
            <h2 id="list">{format!("{unread} unread")}</h2>
            {mark_all}
            {list}
            {older}
        </section>
    }
}

#[component]
fn Notice(notice: NoticeView) -> impl IntoView {
    let NoticeView { id, topic, title, created_at, read, .. } = notice;
    view! {
        <li class=if read { "notice-item" } else { "notice-item unread" } data-notice-id=id>
            <form method="post" action=format!("/notifications/{id}/open") class="inline">
                <button type="submit" class="link-button">{title}</button>
            </form>
            <p class="meta">
                {if read { "" } else { "Unread · " }}
                {topic_name(topic)}
                " · "
                <When moment=created_at />
            </p>
        </li>
    }
}

fn topic_name(topic: NoticeTopic) -> &'static str {
    match topic {
        NoticeTopic::Offers => "Offer or proposal",
        NoticeTopic::Decisions => "Decision",
        NoticeTopic::Messages => "Message",
        NoticeTopic::Interest => "Student interest",
        NoticeTopic::Applications => "Your application",
        NoticeTopic::Alerts => "Saved search",
        NoticeTopic::Placements => "Placement",
    }
}

/// One checkbox per topic (`email_<slug>`): ticked topics are emailed.
#[component]
fn EmailForm(choices: EmailChoices) -> impl IntoView {
    let boxes = NoticeTopic::ALL
        .iter()
        .map(|topic| {
            let name = format!("email_{}", topic.slug());
            view! {
                <label class="check">
                    <input type="checkbox" name=name value="on" checked=choices.emailed.contains(topic) />
                    {topic.label()}
                </label>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="emails">
            <h2 id="emails">"Email me about"</h2>
            <form method="post" action="/notifications/emails" class="account-form">
                <fieldset class="field">
                    <legend>"Topics emailed to you (all of them stay in this list)"</legend>
                    {boxes}
                </fieldset>
                <button type="submit">"Save email choices"</button>
            </form>
        </section>
    }
}
