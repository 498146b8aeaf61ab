//! `/applications/{id}`: a student's application to an opening, as a private conversation
//! between the shop's members and that student. The shop sets the status the student reads
//! under "My applications"; the student can write back, withdraw, or block the shop. Messages
//! are plain text, shown escaped. The student is named by what they shared, never by e-mail.
use domain::openings::{ApplicationStatus, ConversationMessage, ConversationSide, ConversationView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    api::applications::application_page,
    components::{
        form_fields::{Done, FormError, SelectField, SubmissionKey, TextArea},
        layout::Layout,
        loaded::Loaded,
        opening_list::SharedList,
        when::When,
    },
    notice,
    pages::placement::ApplicationPlacementSection,
};

/// `/applications/{id}`
#[component]
pub fn ApplicationPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(move || params.with(|p| p.get("id").unwrap_or_default()), application_page);
    view! {
        <Layout description="A student's application to an opening, and the conversation between the shop and the student.">
            <Loaded resource=data let:view><Application view /></Loaded>
        </Layout>
    }
}

#[component]
fn Application(view: ConversationView) -> impl IntoView {
    let can_post = view.can_post();
    let (id, side) = (view.id, view.side);
    let lede = match side {
        ConversationSide::Shop => format!("Application of {}", view.student_label),
        ConversationSide::Student => format!("Your application to {}", view.shop_name),
    };
    let shared_heading = match side {
        ConversationSide::Shop => "What the student shared with you",
        ConversationSide::Student => "What the shop sees",
    };
    let since = view.status_changed_at.clone().map(|at| view! { " · since " <When moment=at /> });
    let back = match side {
        ConversationSide::Shop => view! {
            <a href=format!("/openings/{}#interested", view.opening_id)>"← All students interested in this opening"</a>
        }
        .into_any(),
        ConversationSide::Student => view! { <a href="/account#my-applications">"← My applications"</a> }.into_any(),
    };
    view! {
        <Title text=format!("Application: {}", view.opening_title) />
        <article class="profile application" data-application-id=id>
            <Done shows=notice::APPLICATION />
            <FormError />
            <div class="page-header">
                <p class="breadcrumb">{back}</p>
                <h1>{view.opening_title.clone()}</h1>
                <p class="lede">{lede}</p>
            </div>
            <p class="where">
                <a href=format!("/openings/{}", view.opening_id)>"The opening"</a>
                " at "
                <a href=format!("/orgs/{}", view.shop_id)>{view.shop_name.clone()}</a>
            </p>
            <p class=format!("application-status status-{}", view.status.slug())>
                "Status: " <strong>{view.status.label()}</strong> {since}
            </p>
            {(side == ConversationSide::Shop && !view.withdrawn).then(|| view! { <StatusForm id current=view.status /> })}
            <section aria-labelledby="shared">
                <h2 id="shared">{shared_heading}</h2>
                <SharedList shared=view.shared.clone() />
            </section>
            {(!view.withdrawn).then(|| view! { <ApplicationPlacementSection id /> })}
            <Messages id side messages=view.messages.clone() />
            <MessageBox id can_post side withdrawn=view.withdrawn blocked=view.blocked />
            {(side == ConversationSide::Student).then(|| view! {
                <StudentChoices id opening_id=view.opening_id shop=view.shop_name.clone() withdrawn=view.withdrawn blocked=view.blocked />
            })}
        </article>
    }
}

/// The shop's members set where the application stands.
#[component]
fn StatusForm(id: i64, current: ApplicationStatus) -> impl IntoView {
    let options: Vec<(&'static str, &'static str)> =
        ApplicationStatus::ALL.iter().map(|s| (s.slug(), s.label())).collect();
    view! {
        <form method="post" action=format!("/applications/{id}/status") class="account-form status-form">
            <SelectField name="status" label="Set the status the student sees" options prefill=current.slug().to_string() />
            <button type="submit" class="secondary">"Save status"</button>
        </form>
    }
}

#[component]
fn Messages(id: i64, side: ConversationSide, messages: Vec<ConversationMessage>) -> impl IntoView {
    let empty = messages.is_empty().then(|| {
        let words = match side {
            ConversationSide::Shop => {
                "No messages yet. Write to the student below: they are told in-app and by e-mail."
            }
            ConversationSide::Student => {
                "No messages yet. The shop can write to you here; you can write to the shop too."
            }
        };
        view! { <p class="empty">{words}</p> }
    });
    let items = messages
        .into_iter()
        .map(|m| {
            let own = m.from_shop == (side == ConversationSide::Shop);
            let body = if m.hidden {
                view! { <p class="message-body message-hidden">"This message was hidden by a moderator"</p> }
                    .into_any()
            } else {
                // Text, not HTML: Leptos escapes it.
                view! { <p class="message-body">{m.body}</p> }.into_any()
            };
            // People report what the other side wrote.
            let report = (!m.hidden && !own).then(|| {
                view! {
                    <a class="report-link" href=format!("/report?target=application_message&id={}", m.id)>
                        "Report this message"
                    </a>
                }
            });
            view! {
                <li class=if m.from_shop { "message from-shop" } else { "message from-student" } data-message-id=m.id>
                    <p class="meta">{format!("{} · ", m.author)} <When moment=m.at /></p>
                    {body}
                    {report}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="messages">
            <h2 id="messages">"Messages"</h2>
            {empty}
            <ol class="thread" data-application=id>{items}</ol>
        </section>
    }
}

#[component]
fn MessageBox(
    id: i64,
    can_post: bool,
    side: ConversationSide,
    withdrawn: bool,
    blocked: bool,
) -> impl IntoView {
    if can_post {
        let label = match side {
            ConversationSide::Shop => "Message to the student",
            ConversationSide::Student => "Message to the shop",
        };
        return view! {
            <form method="post" action=format!("/applications/{id}/messages") class="account-form message-form">
                <SubmissionKey />
                <TextArea name="body" label maxlength=4000 required=true hint="Plain text, up to 4,000 characters. Your e-mail address is not shown." />
                <button type="submit">"Send message"</button>
            </form>
        }
        .into_any();
    }
    let why = match (side, withdrawn, blocked) {
        (ConversationSide::Student, true, _) => {
            "You withdrew this application, so the conversation is closed."
        }
        (ConversationSide::Shop, _, true) => {
            "The student stopped messages from your shop. You can still set the status."
        }
        _ => "This conversation takes no more messages.",
    };
    view! { <p class="notice">{why}</p> }.into_any()
}

/// The student's own choices: block or unblock the shop, withdraw, or apply again.
#[component]
fn StudentChoices(id: i64, opening_id: i64, shop: String, withdrawn: bool, blocked: bool) -> impl IntoView {
    let block = if blocked {
        view! {
            <form method="post" action=format!("/applications/{id}/unblock") class="inline">
                <p>{format!("You blocked {shop}: its members cannot message you.")}</p>
                <button type="submit" class="secondary">{format!("Let {shop} message me again")}</button>
            </form>
        }
        .into_any()
    } else {
        view! {
            <form method="post" action=format!("/applications/{id}/block") class="inline">
                <p class="hint">{format!("Blocking stops every member of {shop} from messaging you, on all its openings. They are not told.")}</p>
                <button type="submit" class="danger">{format!("Block {shop}")}</button>
            </form>
        }
        .into_any()
    };
    let withdraw = if withdrawn {
        view! {
            <p>
                "You withdrew this application. "
                <a href=format!("/openings/{opening_id}")>"Express interest again"</a>
            </p>
        }
        .into_any()
    } else {
        view! {
            <form method="post" action=format!("/openings/{opening_id}/withdraw") class="inline">
                <input type="hidden" name="back" value=format!("/applications/{id}") />
                <p class="hint">"Withdrawing erases what you shared and closes this conversation."</p>
                <button type="submit" class="danger">"Withdraw my application"</button>
            </form>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="your-choices" class="your-choices">
            <h2 id="your-choices">"Your choices"</h2>
            {block}
            {withdraw}
        </section>
    }
}
