use domain::{orgs::SchoolPin, schools::ListingView};
use leptos::prelude::*;

use crate::{
    components::{
        program_list::{Pagination, ProgramList, year_mark},
        program_map::ProgramMap,
        search_form::SearchForm,
    },
    model::{PER_PAGE, ProgramSearchPage, SearchParams},
};

/// The program finder: filters, a summary, the map and the list (shared by the site page
/// and the embeddable widget).
#[component]
pub fn Finder(
    page: ProgramSearchPage,
    params: SearchParams,
    action: &'static str,
    embedded: bool,
) -> impl IntoView {
    let form = view! { <SearchForm params=params.clone() problem=page.problem.clone() action /> };
    let Some(origin) = page.origin.clone() else {
        let prompt = page.problem.is_none().then(|| {
            view! { <p class="prompt">"Enter a ZIP code to see technician programs near it, nearest first."</p> }
        });
        return view! { {form} {prompt} }.into_any();
    };
    let radius = page.radius_mi;
    let summary = match page.total {
        0 => format!("No programs within {radius} miles of {}", origin.label),
        1 => format!("1 program within {radius} miles of {}", origin.label),
        n => format!("{n} programs within {radius} miles of {}", origin.label),
    };
    let pages = page.page_count();
    // The map of the results, paired with the list whose id is `list`.
    let results_map = |label: String, list: &str| {
        view! {
            <ProgramMap
                label
                center=(origin.lat, origin.lon)
                radius_mi=Some(radius)
                filters=params.filter_query()
                list=list.to_string()
                tiles=page.tiles.clone()
                small=false
            />
        }
    };
    let body = if page.total == 0 {
        let wider = params.clone();
        let wider_href = SearchParams { radius: Some("500".into()), page: None, ..wider }.href_for_page(1);
        // No college in range, but high-school programs or imported schools are: the map
        // still shows them (their lists follow below, which is all a phone without
        // JavaScript needs).
        let others = !page.schools.is_empty() || !page.listings.is_empty();
        let map = others.then(|| {
            let label = format!("Map of schools within {radius} miles of {}", origin.label);
            view! { <div class="results map-only" data-view="map">{results_map(label, "school-results")}</div> }
        });
        view! {
            <p class="empty">
                "Try a larger radius or fewer filters. "
                {(radius < 500).then(|| view! { <a href=wider_href>"Search within 500 miles"</a> })}
            </p>
            {map}
        }
        .into_any()
    } else if page.results.is_empty() {
        view! { <p class="empty">"This page is past the last result. " <a href=params.href_for_page(1)>"Go to the first page"</a></p> }
            .into_any()
    } else {
        let start = ((page.page - 1) * u32::from(PER_PAGE) + 1) as usize;
        let map_label = format!("Map of programs within {radius} miles of {}", origin.label);
        let map_view = params.shows_map();
        // On a phone list and map are two views, switched by these links (so it works
        // without JavaScript too); a desktop shows both and the stylesheet hides the links.
        view! {
            <nav class="view-switch" aria-label="Show the results as">
                <a href=params.href_for_view(false) aria-current=(!map_view).then_some("page")>"List"</a>
                <a href=params.href_for_view(true) aria-current=map_view.then_some("page")>"Map"</a>
            </nav>
            <div class="results" data-view=if map_view { "map" } else { "list" }>
                {results_map(map_label, "program-results")}
                <div class="list" id="program-results">
                    <ProgramList results=page.results.clone() zip=origin.zip.clone() new_tab=embedded start marks=page.marks.clone() />
                    <Pagination params=params.clone() page=page.page pages />
                </div>
            </div>
        }
        .into_any()
    };
    let schools = (!page.schools.is_empty()).then(
        || view! { <SchoolList schools=page.schools.clone() new_tab=embedded marks=page.marks.clone() /> },
    );
    let listings =
        (!page.listings.is_empty()).then(|| view! { <ListingList listings=page.listings.clone() /> });
    view! {
        {form}
        <h2 class="summary" aria-live="polite">{summary}</h2>
        {body}
        {schools}
        {listings}
    }
    .into_any()
}

/// Schools from an imported list that nobody on Bayline speaks for yet: counted apart from
/// the programs, each saying which list it came from.
#[component]
fn ListingList(listings: Vec<ListingView>) -> impl IntoView {
    let count = listings.len();
    let heading = if count == 1 {
        "1 more school nearby, not yet on Bayline".to_string()
    } else {
        format!("{count} more schools nearby, not yet on Bayline")
    };
    let items = listings
        .into_iter()
        .map(|school| {
            let kinds = school.kinds.iter().map(|k| k.label()).collect::<Vec<_>>().join(", ");
            let miles = school.distance_mi.map(|d| format!(" · {d:.1} mi")).unwrap_or_default();
            let place = if school.located_by_zip { " (placed at its ZIP code)" } else { "" };
            view! {
                <li class="listing" data-listing-id=school.id>
                    <a href=format!("/schools/listings/{}", school.id)><strong>{school.name.clone()}</strong></a>
                    <p>{format!("{}, {}{miles}{place} · {} · {kinds}", school.city, school.state, school.level.label())}</p>
                    <p class="meta">{format!("From {}, line {}. Nobody from this school is on Bayline yet.", school.source, school.source_line)}</p>
                    <p><a href=format!("/schools/high-school?listing={}", school.id)>"Teach here? Add this school to Bayline"</a></p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="listings" aria-labelledby="listings-heading">
            <h2 id="listings-heading">{heading}</h2>
            <ul id="listing-results">{items}</ul>
        </section>
    }
}

/// Verified high-school (and other non-IPEDS) programs within the radius; the map shows
/// them as a second layer.
#[component]
fn SchoolList(
    schools: Vec<SchoolPin>,
    new_tab: bool,
    marks: Vec<domain::school_year::YearMark>,
) -> impl IntoView {
    let items = schools
        .into_iter()
        .map(|school| {
            let kinds = school.kinds.iter().map(|k| k.label()).collect::<Vec<_>>().join(", ");
            let miles = school.distance_mi.map(|d| format!(" · {d:.1} mi")).unwrap_or_default();
            view! {
                <li class="school" data-school-id=school.id>
                    <a href=format!("/orgs/{}", school.id) target=new_tab.then_some("_blank") rel=new_tab.then_some("noopener")>
                        {school.name.clone()}
                    </a>
                    <p>{format!("{}, {}{miles} · {kinds}", school.city, school.state)}</p>
                    {year_mark(marks.iter().find(|m| m.organisation_id == school.id))}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="schools" aria-labelledby="schools-heading">
            <h2 id="schools-heading">"High-school and other programs (verified by Bayline)"</h2>
            <ul id="school-results">{items}</ul>
        </section>
    }
}
