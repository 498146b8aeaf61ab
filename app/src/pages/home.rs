use crate::components::form_fields::Done;
use crate::components::refusal::Refusal;
use crate::components::table_scroll::TableScroll;
use domain::totals::ProgramTotals;
use leptos::{html::Button, prelude::*};
use leptos_meta::Title;

use crate::{
    api::stats::get_program_totals,
    components::{format::thousands, layout::Layout, zip_search::ZipSearch},
    notice,
};

/// The front door: live totals from the database and a ZIP search.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Layout description="Find automotive, diesel, collision and heavy-truck technician programs near you, see what the trade pays where you live, and connect shops with schools.">
        <Title text="" />
        <Done shows=notice::ACCOUNT />
        <section class="hero" aria-labelledby="hero-title">
            <h1 id="hero-title">"Find automotive technician programs near you"</h1>
            <p class="lede">
                "Bayline connects repair shops, dealerships and fleets with the schools training "
                "tomorrow's technicians, on open federal data."
            </p>
            <ZipSearch />
            <p>
                "Thinking about the trade? "
                <a href="/careers">"See where each career path leads and what it pays near you"</a>
                "."
            </p>
        </section>
        <HomeTotals />
        </Layout>
    }
}

/// The totals: at once from the server's fresh snapshot (nearly every view), else once the
/// server function has read them.
#[component]
fn HomeTotals() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(totals) = crate::api::stats::remembered_totals() {
        return view! { <Totals totals /> }.into_any();
    }
    let totals = Resource::new(|| (), |_| get_program_totals());
    view! {
        <Suspense fallback=|| view! { <p>"Loading totals…"</p> }>
            {move || Suspend::new(async move {
                match totals.await {
                    Ok(totals) => view! { <Totals totals /> }.into_any(),
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// The headline figures and the split by program kind.
#[component]
fn Totals(totals: ProgramTotals) -> impl IntoView {
    view! {
        <section class="totals" aria-labelledby="totals-title">
            <h2 id="totals-title">"Programs in the 2023-24 IPEDS completions"</h2>
            <dl class="figures">
                <div>
                    <dt>"Schools"</dt>
                    <dd data-testid="total-schools">{thousands(totals.schools)}</dd>
                </div>
                <div>
                    <dt>"Programs"</dt>
                    <dd data-testid="total-programs">{thousands(totals.programs)}</dd>
                </div>
                <div>
                    <dt>"Places"</dt>
                    <dd>
                        {thousands(totals.places.len() as u64)}
                        <span class="figure-note" data-testid="total-places">
                            {totals.places_summary.clone()}
                        </span>
                    </dd>
                </div>
                <div>
                    <dt>"Completions in 2023-24"</dt>
                    <dd data-testid="total-completions">{thousands(totals.completions)}</dd>
                </div>
            </dl>
            <CompletionsByKind totals />
        </section>
    }
}

/// Completions by kind, rendered on the server with both figures of each kind; the
/// [`ShareToggle`] island after the table switches between counts and shares.
#[component]
fn CompletionsByKind(totals: ProgramTotals) -> impl IntoView {
    let rows = totals
        .by_kind
        .iter()
        .map(|kind| {
            let count = thousands(kind.completions);
            let permille = totals.share_permille(kind);
            let share = format!("{}.{}%", permille / 10, permille % 10);
            let shown = count.clone();
            view! {
                <tr>
                    <th scope="row">{kind.kind.label()}</th>
                    <td class="cip" data-label="CIP code">{kind.kind.cip_code()}</td>
                    <td class="num" data-label="Programs">{thousands(kind.programs)}</td>
                    <td
                        class="num"
                        data-label="Completions"
                        data-testid=format!("completions-{}", kind.kind.slug())
                        data-count=count
                        data-share=share
                    >
                        {shown}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableScroll label="Completions by program kind"><table class="by-kind">
            <caption>"Completions by program kind (first majors, all award levels)"</caption>
            <thead>
                <tr>
                    <th scope="col">"Program kind"</th>
                    <th scope="col">"CIP code"</th>
                    <th scope="col">"Programs"</th>
                    <th scope="col" data-completions="">"Completions"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table></TableScroll>
        <ShareToggle />
    }
}

/// Shows the completions by kind as counts or as shares: an island, the only part of the home
/// page that hydrates. It takes no props (island props travel as JSON, which would compile
/// serde_json into the WebAssembly): the table above holds both figures of each kind in
/// `data-count` and `data-share`, and the toggle swaps them in.
#[island]
fn ShareToggle() -> impl IntoView {
    // The toggle needs WebAssembly; it stays hidden until the island has hydrated so that
    // nobody without JavaScript meets a button that does nothing.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let show_shares = RwSignal::new(false);
    let button = NodeRef::<Button>::new();
    let toggle = move |_| {
        show_shares.update(|on| *on = !*on);
        #[cfg(any(feature = "hydrate", feature = "csr"))]
        if let Some(button) = button.get_untracked() {
            table::show_shares(&button, show_shares.get_untracked());
        }
    };
    view! {
        <button
            type="button"
            class="toggle"
            node_ref=button
            hidden=move || !hydrated.get()
            aria-pressed=move || if show_shares.get() { "true" } else { "false" }
            on:click=toggle
        >
            {move || if show_shares.get() { "Show counts" } else { "Show shares of all completions" }}
        </button>
    }
}

#[cfg(any(feature = "hydrate", feature = "csr"))]
mod table {
    use wasm_bindgen::prelude::wasm_bindgen;

    // The table is the one in the toggle's section; each figure's cell says what it shows
    // (data-label, the column name a phone's stacked rows print) and the column header follows.
    #[wasm_bindgen(inline_js = "export function show_shares(button, shares) {
        const table = button.closest('section').querySelector('table.by-kind');
        const label = shares ? 'Share of completions' : 'Completions';
        table.querySelector('th[data-completions]').textContent = label;
        for (const cell of table.querySelectorAll('td[data-share]')) {
            cell.textContent = shares ? cell.dataset.share : cell.dataset.count;
            cell.dataset.label = label;
        }
    }")]
    extern "C" {
        pub fn show_shares(button: &leptos::web_sys::HtmlButtonElement, shares: bool);
    }
}
