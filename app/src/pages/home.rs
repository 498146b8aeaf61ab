use crate::components::form_fields::Done;
use crate::components::refusal::Refusal;
use crate::components::table_scroll::TableScroll;
use domain::{states::describe_places, totals::ProgramTotals};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::stats::get_program_totals,
    components::{format::thousands, layout::Layout, zip_search::ZipSearch},
    notice,
};

/// The front door: live totals from the database and a ZIP search.
#[component]
pub fn HomePage() -> impl IntoView {
    let totals = Resource::new(|| (), |_| get_program_totals());
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
        <Suspense fallback=|| view! { <p>"Loading totals…"</p> }>
            {move || Suspend::new(async move {
                match totals.await {
                    Ok(totals) => view! { <Totals totals /> }.into_any(),
                    Err(error) => view! { <Refusal error /> }.into_any(),
                }
            })}
        </Suspense>
        </Layout>
    }
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
                            {describe_places(totals.places.iter().map(String::as_str))}
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

/// Completions by kind, as counts or as shares: an island, the only part of the home page
/// that hydrates.
#[island]
fn CompletionsByKind(totals: ProgramTotals) -> impl IntoView {
    // The toggle needs WebAssembly; it stays hidden until the island has hydrated so that
    // nobody without JavaScript meets a button that does nothing.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let show_shares = RwSignal::new(false);
    let rows = totals
        .by_kind
        .iter()
        .map(|kind| {
            let count = thousands(kind.completions);
            let permille = totals.share_permille(kind);
            let share = format!("{}.{}%", permille / 10, permille % 10);
            view! {
                <tr>
                    <th scope="row">{kind.kind.label()}</th>
                    <td class="cip" data-label="CIP code">{kind.kind.cip_code()}</td>
                    <td class="num" data-label="Programs">{thousands(kind.programs)}</td>
                    <td
                        class="num"
                        data-label=move || if show_shares.get() { "Share of completions" } else { "Completions" }
                        data-testid=format!("completions-{}", kind.kind.slug())
                    >
                        {move || if show_shares.get() { share.clone() } else { count.clone() }}
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
                        <th scope="col">
                            {move || if show_shares.get() { "Share of completions" } else { "Completions" }}
                        </th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table></TableScroll>
            <button
                type="button"
                class="toggle"
                hidden=move || !hydrated.get()
                aria-pressed=move || show_shares.get().to_string()
                on:click=move |_| show_shares.update(|on| *on = !*on)
            >
                {move || if show_shares.get() { "Show counts" } else { "Show shares of all completions" }}
            </button>
    }
}
