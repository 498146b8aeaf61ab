//! The "near me" parts of a career path's page: the ZIP form, what the ZIP resolved to,
//! the nearest programs and openings, and saving the path.
use domain::careers::CareerPathPage;
use leptos::prelude::*;

use crate::{
    components::{
        career_pay::fallback_note, career_step::career_href, opening_list::OpeningList,
        program_list::ProgramList, zip_search::ZipInput,
    },
    model::encode,
};

/// A GET form back to the same page, so every ZIP is a shareable URL.
#[component]
pub fn CareerZipForm(page: CareerPathPage) -> impl IntoView {
    let action = format!("/careers/{}", page.path.slug);
    let typed = page.zip.clone().unwrap_or_default();
    let problem = page.zip_problem.clone();
    let invalid = problem.is_some();
    let place = page.place.clone().map(|p| {
        let name = if p.city.is_empty() { String::new() } else { format!(" ({}, {})", p.city, p.state) };
        view! {
            <p class="place" role="status" data-testid="career-place">
                {format!("Showing pay and programs for ZIP {}{name}.", p.zip)}
            </p>
        }
    });
    // Said at the top, beside the place, since every step's figure below depends on it.
    let state = page.place.as_ref().map(|p| p.state.clone());
    let fallbacks = page
        .wages
        .iter()
        .filter_map(|w| fallback_note(w, state.as_deref()))
        .map(|note| view! { <p class="fallback" role="note">{note}</p> })
        .collect_view();
    view! {
        <form class="zip-search" method="get" action=action role="search" aria-label="Pay and programs near you">
            <label for="zip">"Your ZIP code"</label>
            <ZipInput value=typed required=true described_by="zip-hint zip-problem" invalid />
            <button type="submit">"Show pay and programs near me"</button>
            <p id="zip-hint" class="hint">
                "Five digits. Pay becomes your state's, and the nearest programs are listed."
            </p>
            <p id="zip-problem" class="field-error" role="alert">{problem}</p>
        </form>
        {place}
        {fallbacks}
    }
}

/// The nearest programs teaching the path and open openings near the ZIP; a prompt when
/// no ZIP is given.
#[component]
pub fn NearMe(page: CareerPathPage) -> impl IntoView {
    let Some(place) = page.place.clone() else {
        return view! {
            <section aria-labelledby="near-title">
                <h2 id="near-title">"Programs near you"</h2>
                <p class="prompt">"Enter your ZIP code above to see the programs nearest to you that teach this path."</p>
            </section>
        }
        .into_any();
    };
    let radius = page.programs_radius_mi;
    let kinds =
        page.path.program_kinds.iter().map(|k| k.label().to_lowercase()).collect::<Vec<_>>().join(" or ");
    let finder = format!(
        "/programs?zip={}&radius={radius}{}",
        encode(&place.zip),
        match page.path.program_kinds.as_slice() {
            [only] => format!("&kind={}", only.slug()),
            _ => String::new(),
        }
    );
    let programs = if page.programs.is_empty() {
        view! {
            <p class="empty">
                {format!("No {kinds} program within {radius} miles of ZIP {}. ", place.zip)}
                <a href=format!("/programs?zip={}&radius=500", encode(&place.zip))>"Search farther away"</a>
            </p>
        }
        .into_any()
    } else {
        view! {
            <ProgramList results=page.programs.clone() zip=Some(place.zip.clone()) start=1 />
            <p><a href=finder>"See every program near this ZIP on the map"</a></p>
        }
        .into_any()
    };
    let openings = if page.openings.is_empty() {
        view! {
            <p class="empty">
                {format!("No open internship, apprenticeship or entry-level job within {radius} miles yet. ")}
                <a href=format!("/openings?zip={}", encode(&place.zip))>"Openings"</a>
                " lists new ones as shops post them."
            </p>
        }
        .into_any()
    } else {
        view! { <OpeningList openings=page.openings.clone() /> }.into_any()
    };
    view! {
        <section aria-labelledby="near-title" class="near-me">
            <h2 id="near-title">{format!("Programs teaching this path near ZIP {}", place.zip)}</h2>
            <p class="hint">{format!("The nearest {kinds} programs within {radius} miles, nearest first.")}</p>
            {programs}
            <h2>{format!("Openings near ZIP {}", place.zip)}</h2>
            {openings}
            <p class="source">
                "Programs: NCES IPEDS 2023-24 completions (C2024_A), HD2024. Distances from the ZIP code's centre: contains GeoNames data, "
                <a href="https://www.geonames.org/">"www.geonames.org"</a>
                " ("
                <a href="https://creativecommons.org/licenses/by/4.0/">"CC BY 4.0"</a>
                ")."
            </p>
        </section>
    }
    .into_any()
}

/// Save the path (signed in), or the link to sign in first; and the printable summary.
#[component]
pub fn CareerActions(page: CareerPathPage) -> impl IntoView {
    let slug = page.path.slug.clone();
    let here = career_href(&slug, None, page.zip.as_deref());
    let save = match page.saved {
        None => view! {
            <p><a href=format!("/login?next={}", encode(&here))>"Sign in to save this path"</a></p>
        }
        .into_any(),
        Some(true) => view! {
            <form method="post" action="/saved-paths/remove" class="inline">
                <input type="hidden" name="path" value=slug.clone() />
                <input type="hidden" name="back" value=here.clone() />
                <span class="saved-mark" data-testid="path-saved">"Saved to your account. "</span>
                <button type="submit" class="secondary">"Remove from saved"</button>
            </form>
        }
        .into_any(),
        Some(false) => view! {
            <form method="post" action="/saved-paths" class="inline">
                <input type="hidden" name="path" value=slug.clone() />
                <input type="hidden" name="back" value=here.clone() />
                <button type="submit">"Save this path"</button>
            </form>
        }
        .into_any(),
    };
    let print = match page.place.as_ref() {
        Some(place) => format!("/careers/{slug}/print?zip={}", encode(&place.zip)),
        None => format!("/careers/{slug}/print"),
    };
    view! {
        <div class="program-actions">
            {save}
            <p><a href=print>"One-page summary to print"</a></p>
        </div>
    }
}
