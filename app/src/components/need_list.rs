//! Needs as lists and as one need's details. Descriptions arrive as HTML the server
//! rendered from Markdown and cleaned with ammonia; only that HTML is set as inner HTML.
use domain::needs::{NeedStatus, NeedView};
use leptos::prelude::*;

/// "4 students · paid · 2027-06-01 to 2027-08-31"
pub fn need_terms(need: &NeedView) -> String {
    let students =
        if need.students == 1 { "1 student".to_string() } else { format!("{} students", need.students) };
    let pay = if need.paid { "paid" } else { "unpaid" };
    let day = domain::time::day_in_words;
    format!("{students} · {pay} · {} to {}", day(&need.starts_on), day(&need.ends_on))
}

/// Needs as an ordered list, nearest first when they carry a distance. `show_org` names
/// the posting program (off on the program's own pages).
#[component]
pub fn NeedList(needs: Vec<NeedView>, show_org: bool, #[prop(optional)] start: usize) -> impl IntoView {
    let items = needs
        .into_iter()
        .map(|need| {
            let distance = need.distance_mi.map(|d| format!(" · {d:.1} mi"));
            let org = show_org.then(|| {
                view! {
                    <p class="where">
                        <a href=format!("/orgs/{}", need.organisation_id)>{need.organisation_name.clone()}</a>
                        {format!(", {}, {}", need.city, need.state)}
                        <span class="distance">{distance.clone()}</span>
                    </p>
                }
            });
            let status = (need.status != NeedStatus::Open)
                .then(|| view! { <span class="need-status">{format!(" ({})", need.status.label())}</span> });
            view! {
                <li class="need" data-need-id=need.id data-lat=need.lat data-lon=need.lon>
                    <h3><a href=format!("/needs/{}", need.id)>{need.title.clone()}</a>{status}</h3>
                    {org}
                    <p class="meta">{format!("{} · {}", need.kind.label(), need_terms(&need))}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="need-list" start=start.max(1)>{items}</ol> }
}

/// A need's full details: terms, skill areas and the sanitised description.
#[component]
pub fn NeedDetails(need: NeedView) -> impl IntoView {
    let skills = (!need.skills.is_empty()).then(|| {
        let items = need.skills.iter().map(|s| view! { <li>{s.label()}</li> }).collect_view();
        view! {
            <h2>"Skill areas"</h2>
            <ul class="skills">{items}</ul>
        }
    });
    let where_ = format!("{}, {}", need.city, need.state);
    view! {
        <p class="org-kind">{need.kind.label()}</p>
        <p class="where">
            <a href=format!("/orgs/{}", need.organisation_id)>{need.organisation_name.clone()}</a>
            {format!(", {where_}")}
        </p>
        <p class="meta">{need_terms(&need)}</p>
        <p class="need-status">{format!("Status: {}", need.status.label())}</p>
        {need.hidden.then(|| view! {
            <p class="field-error" role="status">
                "Hidden by Bayline's moderators: only this program's members and Bayline's admins see it."
            </p>
        })}
        {skills}
        // Rendered from Markdown and cleaned by ammonia on the server (service::needs::markdown).
        <div class="need-description" inner_html=need.description_html.clone()></div>
    }
}

/// Buttons for members to mark a need open, filled or closed.
#[component]
pub fn NeedStatusButtons(id: i64, current: NeedStatus, title: String) -> impl IntoView {
    NeedStatus::ALL
        .iter()
        .filter(|status| **status != current)
        .map(|status| {
            let label = match status {
                NeedStatus::Open => "Reopen",
                NeedStatus::Filled => "Mark filled",
                NeedStatus::Closed => "Close",
            };
            view! {
                <form method="post" action=format!("/needs/{id}/status") class="inline">
                    <input type="hidden" name="status" value=status.slug() />
                    <button type="submit" aria-label=format!("{label}: {title}")>{label}</button>
                </form>
            }
        })
        .collect_view()
}
