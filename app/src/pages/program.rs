use crate::components::loaded::Loaded;
use crate::components::table_scroll::TableScroll;
use domain::{needs::NeedView, programs::ProgramProfile};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::{
        needs::program_needs,
        orgs::{ProgramActionState, program_actions},
        programs::program_profile,
    },
    components::{
        format::thousands, layout::Layout, need_list::NeedList, program_actions::ProgramActions,
        program_list::ProgramList, program_map::ProgramMap,
    },
    error::AppError,
    model::{ProfilePageData, website_href},
    pages::not_found::NotFound,
};

/// `/programs/{unitid}[?zip=…]`: one program's profile.
#[component]
pub fn ProgramPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || (params.with(|p| p.get("unitid").unwrap_or_default()), query.with(|q| q.get("zip")));
    let data = Resource::new(key, |(unitid, zip)| program_profile(unitid, zip));
    let actions =
        Resource::new(move || params.with(|p| p.get("unitid").unwrap_or_default()), program_actions);
    let needs = Resource::new(move || params.with(|p| p.get("unitid").unwrap_or_default()), program_needs);
    view! {
        <Layout description="A technician program's awards, completions and place from IPEDS, its needs and partnerships on Bayline, and distance from your ZIP code.">
            <Loaded resource=data let:data>{match data { Some(data) => view! { <Profile data actions needs /> }.into_any(), None => view! { <NotFound /> }.into_any() }}</Loaded>
        </Layout>
    }
}

#[component]
fn Profile(
    data: ProfilePageData,
    actions: Resource<Result<ProgramActionState, AppError>>,
    needs: Resource<Result<Vec<NeedView>, AppError>>,
) -> impl IntoView {
    let ProfilePageData { profile, from_zip, nearest, tiles } = data;
    let ProgramProfile {
        unitid,
        name,
        address,
        city,
        state,
        zip,
        website,
        sector,
        lat,
        lon,
        completions,
        kinds,
    } = profile;
    let site = website_href(&website).map(|href| {
        view! { <p><a href=href.clone() rel="noopener nofollow">{website.clone()}</a></p> }
    });
    // The nearest programs' links keep the searched ZIP, so their pages show its distance too.
    let searched_zip = from_zip.as_ref().map(|(zip, _)| zip.clone());
    let distance = from_zip.map(|(zip, miles)| {
        view! { <p class="distance">{format!("{miles:.1} miles from ZIP {zip}")}</p> }
    });
    let rows = kinds
        .into_iter()
        .map(|k| {
            let awards = k
                .by_award
                .iter()
                .map(|a| {
                    let label = domain::award_level::describe_ipeds(a.ipeds_award_level);
                    format!("{label}: {}", thousands(a.completions))
                })
                .collect::<Vec<_>>()
                .join("; ");
            view! {
                // Explicit roles: on a phone the rows become cards (CSS), which must stay a
                // table to screen readers.
                <tr role="row">
                    <th scope="row" role="rowheader">{k.kind.label()}</th>
                    <td class="cip" role="cell" data-label="CIP code">{k.cip_code}</td>
                    <td class="num" role="cell" data-label="Completions">{thousands(k.completions)}</td>
                    <td role="cell" data-label="By award level">{awards}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Title text=name.clone() />
        <article class="profile" data-unitid=unitid>
            <h1>{name.clone()}</h1>
            <p class="where">{format!("{address}, {city}, {state} {zip}")}</p>
            {site}
            <p class="sector">{sector.map(|s| s.label()).unwrap_or("Other")}</p>
            {distance}
            <ProgramActions unitid actions />
            <ProgramNeeds needs />
            <section aria-labelledby="teaches">
                <h2 id="teaches">"What it teaches"</h2>
                <TableScroll label="What it teaches"><table class="by-kind" role="table">
                    <caption>{format!("Completions in 2023-24 (first majors): {}", thousands(completions))}</caption>
                    <thead>
                        <tr role="row">
                            <th scope="col" role="columnheader">"Program kind"</th>
                            <th scope="col" role="columnheader">"CIP code"</th>
                            <th scope="col" role="columnheader">"Completions"</th>
                            <th scope="col" role="columnheader">"By award level"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table></TableScroll>
            </section>
            <ProgramMap
                label=format!("Map of {name} and the nearest programs")
                center=(lat, lon)
                filters=None
                radius_mi=None
                list="nearest-programs".to_string()
                tiles
                small=true
            />
            <section aria-labelledby="nearest" id="nearest-programs">
                <h2 id="nearest">"Nearest other programs"</h2>
                <ProgramList results=nearest zip=searched_zip start=1 />
            </section>
            <p class="source">
                {format!("Source: NCES IPEDS 2023-24 completions (C2024_A), HD2024, UNITID {unitid}.")}
            </p>
        </article>
    }
}

/// Open needs of the verified organisation that claimed this program (nothing when none).
#[component]
fn ProgramNeeds(needs: Resource<Result<Vec<NeedView>, AppError>>) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                needs.await.ok().filter(|list| !list.is_empty()).map(|list| view! {
                    <section aria-labelledby="program-needs">
                        <h2 id="program-needs">"What this program needs"</h2>
                        <NeedList needs=list show_org=false />
                    </section>
                })
            })}
        </Suspense>
    }
}
