//! The "This school year" section of an organisation's page: a school's yearly update, the
//! needs filled (by which shop, or for which school), the partnerships that ran, and the
//! badges earned. A shop's members answer a record naming their shop here (dispute it, or
//! withdraw the dispute).
use domain::school_year::{BadgeView, FilledNeedView, YearOverview, YearPartnership, YearlyUpdateView};
use leptos::prelude::*;

use crate::components::loaded::Loaded;

/// Badges as small labels, each linking to the rules.
#[component]
pub fn Badges(badges: Vec<BadgeView>) -> impl IntoView {
    (!badges.is_empty()).then(|| {
        let items = badges
            .into_iter()
            .map(|b| view! { <li><a class="badge year-badge" href="/recognition">{b.title()}</a></li> })
            .collect_view();
        view! { <ul class="badges" aria-label="Badges">{items}</ul> }
    })
}

/// `year` is created by the page beside its own resource (not inside its Suspend).
#[component]
pub fn SchoolYearSection(
    id: i64,
    is_school: bool,
    year: Resource<Result<YearOverview, crate::error::AppError>>,
) -> impl IntoView {
    view! {
        <section id="school-year" aria-labelledby="school-year-heading">
            <Loaded resource=year inline=true let:data>
                <Year data is_school id />
            </Loaded>
        </section>
    }
}

#[component]
fn Year(data: YearOverview, is_school: bool, id: i64) -> impl IntoView {
    let YearOverview { year, update, filled, partnerships, badges, is_member } = data;
    let heading = format!("This school year ({})", year.label());
    let update = is_school.then(|| view! { <Update update is_member id /> });
    let filled_heading =
        if is_school { "Needs filled by shops" } else { "Needs this shop filled for schools" };
    view! {
        <h2 id="school-year-heading">{heading}</h2>
        <Badges badges />
        {update}
        <h3>{filled_heading}</h3>
        <FilledList filled is_school shop_member=is_member && !is_school />
        <h3>"Partnerships this year"</h3>
        <PartnershipList partnerships />
        <p class="meta"><a href="/recognition">"How badges are earned"</a></p>
    }
}

#[component]
fn Update(update: Option<YearlyUpdateView>, is_member: bool, id: i64) -> impl IntoView {
    let edit = is_member.then(|| {
        let words = if update.is_some() { "Change this year's update" } else { "Post this year's update" };
        view! { <p><a class="button-link" href=format!("/orgs/{id}/year-update")>{words}</a></p> }
    });
    let body = match update {
        None => view! { <p>"No update for this school year yet."</p> }.into_any(),
        Some(u) => {
            let enrolled = u
                .enrolled
                .iter()
                .map(|(kind, n)| view! { <li>{format!("{}: {n} students", kind.label())}</li> })
                .collect_view();
            view! {
                <p class="updated-this-year"><span class="badge updated-badge">"Updated this year"</span>
                    {format!(" on {}", domain::time::long_date(&u.updated_on))}</p>
                <h3>"Enrolled"</h3>
                <ul class="enrolled">{enrolled}</ul>
                <p>{format!("Completed the program this year: {}", u.completions)}</p>
                <h3>"What changed"</h3>
                <p class="pre-line">{u.changes}</p>
                {(!u.asks.is_empty()).then(|| view! { <h3>"What we need"</h3> <p class="pre-line">{u.asks.clone()}</p> })}
            }
            .into_any()
        }
    };
    view! { {body} {edit} }
}

#[component]
fn FilledList(filled: Vec<FilledNeedView>, is_school: bool, shop_member: bool) -> impl IntoView {
    if filled.is_empty() {
        return view! { <p>"None recorded yet this school year."</p> }.into_any();
    }
    let items = filled
        .into_iter()
        .map(|f| {
            let who = if is_school {
                view! { "Filled by " <a href=format!("/orgs/{}", f.shop_id)>{f.shop_name.clone()}</a> }.into_any()
            } else {
                view! { "For " <a href=format!("/orgs/{}", f.school_id)>{f.school_name.clone()}</a> }.into_any()
            };
            let disputed = f.dispute.clone().map(|reason| {
                let words = if reason.is_empty() {
                    "Disputed by the shop: it counts for no badge.".to_string()
                } else {
                    format!("Disputed by the shop: {reason}")
                };
                view! { <p class="field-error disputed">{words}</p> }
            });
            let answer = shop_member.then(|| view! { <DisputeForm fill=f.clone() /> });
            view! {
                <li class="filled-need" data-need-id=f.need_id>
                    <strong>{f.need_title.clone()}</strong>
                    <p>{format!("{} · ", f.need_kind.label())} {who} {format!(" · {}", domain::time::long_date(&f.filled_on))}</p>
                    {disputed}
                    {answer}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="filled-needs">{items}</ul> }.into_any()
}

/// The shop named answers the record: "we did not fill this" with a reason, or take that
/// back.
#[component]
fn DisputeForm(fill: FilledNeedView) -> impl IntoView {
    let need = fill.need_id;
    if fill.dispute.is_some() {
        return view! {
            <form method="post" action=format!("/needs/{need}/fill/withdraw-dispute") class="inline">
                <input type="hidden" name="shop" value=fill.shop_id />
                <button type="submit" class="secondary">"Withdraw the dispute"</button>
            </form>
        }
        .into_any();
    }
    let field = format!("reason-{need}");
    view! {
        <details class="dispute">
            <summary>"Your shop did not fill this?"</summary>
            <form method="post" action=format!("/needs/{need}/fill/dispute") class="account-form">
                <input type="hidden" name="shop" value=fill.shop_id />
                <div class="field">
                    <label for=field.clone()>"What happened (the school sees this)"</label>
                    <input id=field name="reason" type="text" maxlength="500" required=true />
                </div>
                <button type="submit" class="danger">"Dispute this record"</button>
            </form>
        </details>
    }
    .into_any()
}

#[component]
fn PartnershipList(partnerships: Vec<YearPartnership>) -> impl IntoView {
    if partnerships.is_empty() {
        return view! { <p>"None this school year yet."</p> }.into_any();
    }
    let items = partnerships
        .into_iter()
        .map(|p| {
            let kinds = p.kinds.iter().map(|k| k.label()).collect::<Vec<_>>().join(", ");
            view! {
                <li>
                    <a href=format!("/orgs/{}", p.partner_id)>{p.partner_name.clone()}</a>
                    {format!(" — {kinds} ({})", p.status.label().to_lowercase())}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="year-partnerships">{items}</ul> }.into_any()
}
