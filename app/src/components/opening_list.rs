//! Openings as lists and as one opening's details, what students shared, and the lists of
//! interest a shop, a student and a program's instructors see. Descriptions arrive as HTML
//! the server rendered from Markdown and cleaned with ammonia; only that HTML is set as
//! inner HTML. Everything else is text, escaped by the view.
use crate::components::loaded::Loaded;
use crate::components::when::When;
use domain::openings::{
    ApplicationView, InterestView, OpeningStatus, OpeningView, ProgramApplicationView, SharedDetails,
};
use leptos::prelude::*;

use crate::error::AppError;

/// "Apprenticeship · Part-time · $18–$22.50 per hour · starts Tue 1 Jun 2027"
pub fn opening_terms(opening: &OpeningView) -> String {
    let starts = opening
        .starts_on
        .as_ref()
        .map(|d| format!(" · starts {}", domain::time::day_in_words(d)))
        .unwrap_or_default();
    format!("{} · {} · {}{starts}", opening.kind.label(), opening.schedule.label(), opening.pay())
}

/// Where an opening is: "Detroit, MI 48226", or its ZIP code alone.
pub fn place(opening: &OpeningView) -> String {
    if opening.city.is_empty() {
        format!("ZIP {}", opening.zip)
    } else {
        format!("{}, {} {}", opening.city, opening.state, opening.zip)
    }
}

/// Openings as an ordered list, nearest first when they carry a distance.
#[component]
pub fn OpeningList(openings: Vec<OpeningView>, #[prop(optional)] start: usize) -> impl IntoView {
    let items = openings
        .into_iter()
        .map(|opening| {
            let distance = opening.distance_mi.map(|d| format!(" · {d:.1} mi"));
            let status = (opening.status != OpeningStatus::Open).then(
                || view! { <span class="need-status">{format!(" ({})", opening.status.label())}</span> },
            );
            view! {
                <li class="need opening" data-opening-id=opening.id>
                    <h3><a href=format!("/openings/{}", opening.id)>{opening.title.clone()}</a>{status}</h3>
                    <p class="where">
                        <a href=format!("/orgs/{}", opening.shop_id)>{opening.shop_name.clone()}</a>
                        {format!(", {}", place(&opening))}
                        <span class="distance">{distance}</span>
                    </p>
                    <p class="meta">{opening_terms(&opening)}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="need-list opening-list" start=start.max(1)>{items}</ol> }
}

/// An opening's full details and its sanitised description.
#[component]
pub fn OpeningDetails(opening: OpeningView) -> impl IntoView {
    view! {
        <p class="org-kind">{opening.kind.label()}</p>
        <p class="where">
            <a href=format!("/orgs/{}", opening.shop_id)>{opening.shop_name.clone()}</a>
            {format!(", {}", place(&opening))}
        </p>
        <p class="meta">{opening_terms(&opening)}</p>
        <p class="need-status opening-status">{format!("Status: {}", opening.status.label())}</p>
        // Rendered from Markdown and cleaned by ammonia on the server (service::needs::markdown).
        <div class="need-description" inner_html=opening.description_html.clone()></div>
    }
}

/// Close an open opening, or reopen a closed one (members of the shop).
#[component]
pub fn OpeningStatusButton(id: i64, current: OpeningStatus, title: String) -> impl IntoView {
    // Closing takes the opening off the board: an outlined, destructive-style button, never
    // the filled primary one a shop would press to answer a student.
    let (to, label, class) = match current {
        OpeningStatus::Open => (OpeningStatus::Closed, "Close", "danger"),
        OpeningStatus::Closed => (OpeningStatus::Open, "Reopen", "secondary"),
    };
    view! {
        <form method="post" action=format!("/openings/{id}/status") class="inline">
            <input type="hidden" name="status" value=to.slug() />
            <button type="submit" class=class aria-label=format!("{label}: {title}")>{label}</button>
        </form>
    }
}

/// Exactly what a student shared: one line per shared item, nothing for the others.
#[component]
pub fn SharedList(shared: SharedDetails) -> impl IntoView {
    let mut rows: Vec<(&'static str, String)> = Vec::new();
    if let Some(name) = shared.name {
        rows.push(("Name", name));
    }
    if let Some(program) = shared.program {
        rows.push(("Program", program));
    }
    if let Some(month) = shared.expected_completion {
        rows.push(("Expected completion", month));
    }
    if let Some(certs) = shared.certifications {
        rows.push(("Certifications", certs.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ")));
    }
    let rows =
        rows.into_iter().map(|(term, value)| view! { <dt>{term}</dt> <dd>{value}</dd> }).collect_view();
    view! { <dl class="shared">{rows}</dl> }
}

/// "3 messages", "1 message", "No messages yet".
fn messages_label(n: u64) -> String {
    match n {
        0 => "No messages yet".to_string(),
        1 => "1 message".to_string(),
        n => format!("{n} messages"),
    }
}

/// The interest in an opening, for its shop's members: what each student shared, where
/// their application stands, and the way to answer them.
#[component]
pub fn Interests(list: Resource<Result<Vec<InterestView>, AppError>>) -> impl IntoView {
    view! {
        <section aria-labelledby="interested">
            <h2 id="interested">"Interested students"</h2>
            <Loaded resource=list inline=true let:data>{match data { list if list.is_empty() => view! { <p class="empty">"Nobody has expressed interest yet. Students who do appear here, and you are told in-app and by e-mail."</p> }.into_any(), list => view! {
                            <p class="hint">"Each student chose what to share with you. Answer them, and set where their application stands: they see it under “My applications”."</p>
                            <ol class="interests">
                                {list.into_iter().map(|i| {
                                    let who = i.shared.name.clone().unwrap_or_else(|| "A student".into());
                                    let blocked = i.blocked.then(|| view! { <span class="badge">" · stopped your messages"</span> });
                                    view! {
                                        <li class="interest" data-interest-id=i.id>
                                            <SharedList shared=i.shared />
                                            <p class="meta">
                                                "Expressed " <When moment=i.at />
                                                {format!(" · Status: {} · {}", i.status.label(), messages_label(i.messages))}
                                                {blocked}
                                            </p>
                                            <p>
                                                <a class="button" href=format!("/applications/{}", i.id) aria-label=format!("Answer {who}")>"Answer"</a>
                                            </p>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any() }}</Loaded>
        </section>
    }
}

/// "My applications" on the account page: where each stands, the conversation with the
/// shop, what was shared, and a withdraw button.
#[component]
pub fn MyApplications(list: Resource<Result<Vec<ApplicationView>, AppError>>) -> impl IntoView {
    view! {
        <section aria-labelledby="my-applications">
            <h2 id="my-applications">"My applications"</h2>
            <Loaded resource=list inline=true let:data>{match data { list if list.is_empty() => view! {
                            <p class="empty">"You have not expressed interest in an opening. " <a href="/openings">"Find openings near you"</a></p>
                        }.into_any(), list => view! {
                            <ul class="applications">
                                {list.into_iter().map(|a| {
                                    let title = a.opening_title.clone();
                                    let shop = (!a.shop_name.is_empty()).then(|| format!(" at {}", a.shop_name));
                                    view! {
                                        <li class="application" data-opening-id=a.opening_id data-application-id=a.id>
                                            <a href=format!("/openings/{}", a.opening_id)>{a.opening_title}</a>
                                            {shop}
                                            {format!(" ({})", a.opening_status.label().to_lowercase())}
                                            <p class=format!("application-status status-{}", a.status.slug())>
                                                "Status: " <strong>{a.status.label()}</strong>
                                                {format!(" · {}", messages_label(a.messages))}
                                            </p>
                                            <p>
                                                <a class="button secondary" href=format!("/applications/{}", a.id) aria-label=format!("Conversation about {title}")>"Conversation with the shop"</a>
                                            </p>
                                            <SharedList shared=a.shared />
                                            <form method="post" action=format!("/openings/{}/withdraw", a.opening_id) class="inline">
                                                <input type="hidden" name="back" value="/account" />
                                                <button type="submit" class="danger" aria-label=format!("Withdraw from {title}")>"Withdraw"</button>
                                            </form>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any() }}</Loaded>
        </section>
    }
}

/// For a program's instructors: students who named the program when applying.
#[component]
pub fn ProgramApplications(list: Resource<Result<Vec<ProgramApplicationView>, AppError>>) -> impl IntoView {
    view! {
        <section aria-labelledby="program-applications">
            <h2 id="program-applications">"Students who expressed interest in openings"</h2>
            <Loaded resource=list inline=true let:data>{match data { list if list.is_empty() => view! { <p>"No student has named this program yet."</p> }.into_any(), list => view! {
                            <p class="hint">"Students who named this program when applying. Their name shows only if they shared it."</p>
                            <ul class="program-applications">
                                {list.into_iter().map(|a| view! {
                                    <li>
                                        {a.student_name.unwrap_or_else(|| "A student (name not shared)".into())}
                                        " → "
                                        <a href=format!("/openings/{}", a.opening_id)>{a.opening_title}</a>
                                        {format!(" at {} · ", a.shop_name)}
                                        <When moment=a.at />
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any() }}</Loaded>
        </section>
    }
}
