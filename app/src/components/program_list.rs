use domain::programs::NearbyProgram;
use leptos::prelude::*;

use crate::{
    components::format::thousands,
    model::{SearchParams, encode},
};

/// The results as an ordered list: the accessible twin of the map. Each item carries its
/// UNITID and position so the map can pair markers with rows.
#[component]
pub fn ProgramList(
    results: Vec<NearbyProgram>,
    /// ZIP to carry to the profile pages (for "distance from your ZIP").
    zip: Option<String>,
    /// Open profiles in a new tab (inside the embeddable widget).
    #[prop(optional)]
    new_tab: bool,
    /// 1-based rank of the first item.
    start: usize,
    /// What the school's year says of the programs on Bayline (updated, badge), by UNITID.
    #[prop(optional)]
    marks: Vec<domain::school_year::YearMark>,
) -> impl IntoView {
    let items = results
        .into_iter()
        .map(|item| {
            let p = item.program;
            let href = match &zip {
                Some(zip) => format!("/programs/{}?zip={}", p.unitid, encode(zip)),
                None => format!("/programs/{}", p.unitid),
            };
            let kinds = p.kinds.iter().map(|k| k.label()).collect::<Vec<_>>().join(", ");
            // Award labels hold commas ("Certificate, 1 to under 2 years"): semicolons part them.
            let awards = p.award_levels.iter().map(|a| a.label()).collect::<Vec<_>>().join("; ");
            let sector = p.sector.map(|s| s.label()).unwrap_or("Other");
            view! {
                <li
                    class="program"
                    id=format!("program-{}", p.unitid)
                    data-unitid=p.unitid
                    data-lat=p.lat
                    data-lon=p.lon
                    data-name=p.name.clone()
                >
                    <h3>
                        <a
                            href=href
                            target=new_tab.then_some("_blank")
                            rel=new_tab.then_some("noopener")
                        >
                            {p.name.clone()}
                        </a>
                    </h3>
                    <p class="where">
                        {format!("{}, {}", p.city, p.state)}
                        " · "
                        <span class="distance">{format!("{:.1} mi", item.distance_mi)}</span>
                    </p>
                    <p class="kinds">{kinds}</p>
                    {year_mark(marks.iter().find(|m| m.unitid == Some(p.unitid)))}
                    <p class="meta">
                        {sector}
                        {(!awards.is_empty()).then(|| format!(" · {awards}"))}
                        {format!(" · {} completions in 2023-24", thousands(p.completions))}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="program-list" start=start>{items}</ol> }
}

/// "Updated this year" and the newest badge of a school on Bayline, when it has either.
pub fn year_mark(mark: Option<&domain::school_year::YearMark>) -> Option<impl IntoView + use<>> {
    let mark = mark.filter(|m| m.updated_this_year || m.badge.is_some())?;
    let updated = mark
        .updated_this_year
        .then(|| view! { <span class="badge updated-badge">"Updated this year"</span> " " });
    let badge = mark.badge.as_ref().map(|b| view! { <span class="badge year-badge">{b.title()}</span> });
    Some(view! { <p class="year-marks">{updated}{badge}</p> })
}

/// Previous / next links that keep every filter in the URL.
#[component]
pub fn Pagination(params: SearchParams, page: u32, pages: u32) -> impl IntoView {
    let href = |n: usize| params.href_for_page(n as u32);
    crate::components::page_links::page_links(page as usize, pages as usize, href)
}
