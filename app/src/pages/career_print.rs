//! `/careers/{path}/print[?zip=…]`: one path on one printed page (A4 or Letter) — the
//! ladder with each step's estimated pay for the ZIP's state, the nearest programs and the
//! sources. No site chrome: the print stylesheet keeps it to a single sheet.
use crate::components::refusal::Refusal;
use crate::components::table_scroll::TableScroll;
use domain::careers::CareerPathPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::careers::{career_path, career_paths},
    components::{
        career_pay::{band_text, fallback_note, oews_source},
        career_step::career_href,
    },
    pages::careers::CareerNotFound,
};

#[component]
pub fn CareerPrintPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || (params.with(|p| p.get("path").unwrap_or_default()), query.with(|q| q.get("zip")));
    let data = Resource::new(key, |(path, zip)| career_path(path, zip));
    let paths = Resource::new(|| (), |_| career_paths());
    view! {
        <leptos_meta::Meta name="description" content="A one-page printable summary of a technician career path: its steps, training and the pay near a ZIP code." />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(page)) => view! { <Summary page /> }.into_any(),
                    // Not the site layout here: its own resources must not be created inside this Suspend.
                    Ok(None) => view! { <main id="main"><CareerNotFound paths=paths.await.unwrap_or_default() page=None /></main> }.into_any(),
                    Err(error) => view! { <main><Refusal error /></main> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Summary(page: CareerPathPage) -> impl IntoView {
    let path = page.path.clone();
    let state = page.place.as_ref().map(|p| p.state.clone());
    let back = career_href(&path.slug, None, page.zip.as_deref());
    let whereabouts = match (&page.place, &page.zip_problem) {
        (Some(place), _) if !place.city.is_empty() => {
            format!("For ZIP {} ({}, {}).", place.zip, place.city, place.state)
        }
        (Some(place), _) => format!("For ZIP {}.", place.zip),
        (None, Some(problem)) => problem.clone(),
        (None, None) => "National figures (add a ZIP code for your state's).".into(),
    };
    let rows = path
        .steps
        .iter()
        .map(|step| {
            let pay = step
                .wage
                .and_then(|(occupation, band)| page.wage_of(occupation).and_then(|w| band_text(w, band)))
                .unwrap_or_else(|| "No BLS figure for this role".into());
            let ase = step.ase.iter().map(|t| t.slug()).collect::<Vec<_>>().join(", ");
            view! {
                <tr>
                    <th scope="row">{step.title.clone()}</th>
                    <td>{step.time_to_reach.clone()}</td>
                    <td>{if ase.is_empty() { "—".to_string() } else { ase }}</td>
                    <td>{pay}</td>
                </tr>
            }
        })
        .collect_view();
    let sources = page
        .wages
        .iter()
        .map(|w| {
            let note = fallback_note(w, state.as_deref()).map(|n| format!(" {n}")).unwrap_or_default();
            format!("{} ({}, SOC {}).{note}", oews_source(w), w.occupation.label(), w.occupation.slug())
        })
        .collect::<Vec<_>>()
        .join(" ");
    let programs = page
        .programs
        .iter()
        .map(|p| {
            view! {
                <li>
                    {format!(
                        "{} — {}, {} · {:.1} mi",
                        p.program.name, p.program.city, p.program.state, p.distance_mi
                    )}
                </li>
            }
        })
        .collect_view();
    let has_programs = !page.programs.is_empty();
    view! {
        <Title text=format!("{} — one-page summary", path.title) />
        <main id="main" class="print-summary">
            <p class="screen-only"><a href=back.clone()>"Back to the path"</a> " · Print this page from your browser."</p>
            <h1>{format!("Career path: {}", path.title)}</h1>
            <p class="print-where" data-testid="print-where">{whereabouts}</p>
            <TableScroll label="The ladder"><table>
                <caption>"The ladder, with each step's estimated pay (an estimate: where the step usually sits in the BLS wage distribution)"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Step"</th>
                        <th scope="col">"Typical time to reach"</th>
                        <th scope="col">"ASE tests"</th>
                        <th scope="col">"Estimated pay"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table></TableScroll>
            {has_programs.then(|| view! {
                <h2>"Nearest programs teaching this path"</h2>
                <ol class="print-programs">{programs}</ol>
            })}
            <p class="print-sources">
                {format!("Pay: {sources} ")}
                "Programs: NCES IPEDS 2023-24 completions (C2024_A), HD2024. ZIP locations: contains GeoNames data (www.geonames.org, CC BY 4.0). "
                {format!("From Bayline: {back}")}
            </p>
        </main>
    }
}
