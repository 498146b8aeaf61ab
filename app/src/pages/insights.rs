//! `/insights`: the Industry Data Exchange's figures for a role and a place, with the BLS
//! OEWS figures beside them — a GET form, so every question is a URL and it works without
//! JavaScript. Every chart is followed by its table twin; every figure cell carries its key,
//! the same key the CSV download and the API carry. `/insights/privacy`: the rules.
use crate::components::loaded::Loaded;
use crate::components::refusal::Refusal;
use crate::components::table_scroll::TableScroll;
use domain::{
    insights::{Access, LaborKind},
    insights_table::FigureRow,
    insights_view::OewsFigure,
    states::state_name,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::insights::{load_insights, privacy_rules},
    components::{
        insights_charts::{BarChart, BoxChart, BoxRow, TrendChart},
        insights_filter_form::FilterForm,
        layout::Layout,
        state_map::{StateMap, StateValue},
    },
    insights_model::{InsightsPage, InsightsParams},
};

/// `/insights?role=…&division=…&state=…&zip=…&group=…&experience=…&certification=…&labor=…`
#[component]
pub fn InsightsPage() -> impl IntoView {
    let query = use_query_map();
    let params = Memo::new(move |_| query.with(|q| InsightsParams::from_lookup(|name| q.get(name))));
    let page = Resource::new(move || params.get(), load_insights);
    view! {
        <Layout description="Anonymous pay, benefits and customer labor rates reported by repair shops, beside the BLS OEWS wages for the same trade and state.">
            <Title text="Pay, benefits and labor rates" />
            <h1>"Pay, benefits and labor rates"</h1>
            <p class="lede">
                "What shops report they pay technicians, the benefits they offer and what they charge per hour — "
                "beside the federal BLS wage figures for the same occupation. Published only under "
                <a href="/insights/privacy">"rules that protect every shop's numbers"</a>"."
            </p>
            <Suspense fallback=|| view! { <p>"Loading figures…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <Insights page /> }.into_any(),
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

/// The rows of one section, in order.
fn section(rows: &[FigureRow], name: &str) -> Vec<FigureRow> {
    rows.iter().filter(|r| r.section == name).cloned().collect()
}

fn subjects(rows: &[FigureRow]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for row in rows {
        if !out.contains(&row.subject) {
            out.push(row.subject.clone());
        }
    }
    out
}

const STATISTICS: [&str; 5] = ["P10", "P25", "Median", "P75", "P90"];

/// A subject's shown statistics as a box row, or `None` when nothing of it is shown.
fn box_row(rows: &[FigureRow], subject: &str, label: String, other_source: bool) -> Option<BoxRow> {
    let value = |statistic: &str| {
        rows.iter()
            .find(|r| r.subject == subject && r.statistic == statistic && r.shown())
            .and_then(|r| r.value.parse::<f64>().ok())
    };
    let values = STATISTICS.map(value);
    values[2].is_some().then_some(BoxRow { label, values, other_source })
}

#[component]
fn Insights(page: InsightsPage) -> impl IntoView {
    let form = view! { <FilterForm params=page.params.clone() problem=page.problem.clone() /> };
    let Some(view) = page.view.clone() else { return form.into_any() };
    let role = view.filter.role;
    let place = view.place.name();
    let quarter = view.quarter.map(|q| q.to_string()).unwrap_or_else(|| "—".into());
    let rows = page.rows.clone();
    let pay = section(&rows, "Pay");
    let oews = section(&rows, "BLS OEWS");
    let hidden_pay = view.pay.reason().map(|r| {
        view! { <p class="hidden-reason" data-hidden="pay">{format!("Pay is not shown: {}.", r.label())}</p> }
    });
    let wider_rows = section(&rows, "Nearest wider place");
    let wider_name = view.wider_pay.as_ref().map(|w| w.place.name()).unwrap_or_default();
    let wider_box = |subject: &str| {
        box_row(
            &wider_rows,
            &format!("{subject} in {wider_name}"),
            format!("Shops' reports, {wider_name}"),
            false,
        )
    };
    let annual_boxes: Vec<BoxRow> = [
        box_row(&pay, "Annual pay", "Shops' reports".into(), false),
        wider_box("Annual pay"),
        box_row(&oews, "Annual wage", "BLS OEWS".into(), true),
    ]
    .into_iter()
    .flatten()
    .collect();
    let hourly_boxes: Vec<BoxRow> = [
        box_row(&pay, "Hourly equivalent", "Shops' reports".into(), false),
        wider_box("Hourly equivalent"),
        box_row(&oews, "Hourly wage", "BLS OEWS".into(), true),
    ]
    .into_iter()
    .flatten()
    .collect();
    let wider = view.wider_pay.as_ref().map(|found| {
        let link = page.params.at_place(&found.place);
        view! {
            <div class="wider-figure">
                <p class="notice" data-wider=found.place.adjective()>
                    {format!("Until {place} has a figure of its own: {wider_name}, the nearest wider place with one.")}
                    " "
                    <a href=link>{format!("Ask about {wider_name}")}</a>
                </p>
                <FigureTable rows=wider_rows.clone() caption=format!("Shops' reports, {wider_name}, {quarter}") row_heading="Figure" />
            </div>
        }
    });
    let csv = page.params.csv_href();
    let api = format!("/api/v1/insights/figures{}", page.params.query_string());
    view! {
        {form}
        <AccessNotice access=view.access />
        <p class="notice" id="delay-notice">
            {format!(
                "Figures describe {quarter}, the latest quarter that ended at least 3 months ago: shops' pay and \
                 labor rates are shared only once they are that old (the U.S. antitrust agencies' \"safety zone\" \
                 for exchanging such information). Reports for the current quarter are first published on {}.",
                page.next_publication,
            )}
        </p>
        <section aria-labelledby="pay-heading">
            <h2 id="pay-heading">{format!("{} in {place}", role.label())}</h2>
            {hidden_pay}
            {wider}
            <BoxChart rows=annual_boxes caption="Annual pay: the box spans the middle half (P25–P75), the bar is the median, whiskers reach P10 and P90 where shown. Grey: BLS OEWS." />
            <BoxChart rows=hourly_boxes caption="Hourly: shops' annual pay ÷ 2,080 hours, beside BLS OEWS hourly wages." />
            <FigureTable rows=pay caption=format!("Shops' reports, {quarter}") row_heading="Figure" />
            <OewsNote oews=view.oews.clone() state=view.place.parts().1.map(str::to_string) />
            {(!oews.is_empty()).then(|| view! { <FigureTable rows=oews caption="BLS OEWS May 2025, as published" row_heading="Figure" /> })}
        </section>
        <Benefits rows=section(&rows, "Benefits") />
        <LaborRates rows=section(&rows, "Labor rates") />
        <LaborMapSection page=page.clone() />
        <Trend rows=section(&rows, "Trend") />
        <section aria-labelledby="download-heading">
            <h2 id="download-heading">"Take the figures with you"</h2>
            <p>
                <a href=csv download="">"Download these figures (CSV)"</a>
                " — exactly the figures on this page. "
                <a href=api>"The same as JSON"</a>
                " from the "
                <a href="/api/v1/openapi.json">"public API"</a>"."
            </p>
        </section>
    }
    .into_any()
}

#[component]
fn AccessNotice(access: Access) -> impl IntoView {
    let text = match access {
        Access::Public => {
            "You see what everyone sees: BLS OEWS figures and national medians by role. Members of verified \
             shops also see Census division and state medians and labor rates; shops that contributed in the \
             last 12 months see every filter."
        }
        Access::Member => {
            "Your shop has not contributed in the last 12 months, so you see national, Census division and state medians. \
             Contribute your shop's pay data, or become a member, to see every filter, the quartiles and benefits."
        }
        Access::Contributor => "Your shop contributed in the last 12 months: you see every filter.",
        Access::PaidMember => "Your shop's membership includes every Data Exchange filter: you see them all.",
    };
    let next = match access {
        Access::Public => Some(view! { <a href="/login?next=%2Finsights">"Sign in"</a> }.into_any()),
        Access::Member => Some(view! { <a href="/account">"Contribute from your account"</a> }.into_any()),
        Access::Contributor | Access::PaidMember => None,
    };
    view! {
        <p class="notice" id="access-notice" data-access=access.slug()>
            <strong>"What you see: "</strong>
            {text}
            " "
            {next}
        </p>
    }
}

#[component]
fn OewsNote(oews: Option<OewsFigure>, state: Option<String>) -> impl IntoView {
    let Some(oews) = oews else {
        return view! {
            <p class="source">"BLS OEWS publishes no wages for an occupation matching this role in the technician occupations Bayline imports."</p>
        }
        .into_any();
    };
    let asked = state.as_deref().and_then(state_name);
    let fallback = asked.filter(|name| *name != oews.area_title).map(|name| {
        view! { <p class="notice">{format!("BLS did not publish this occupation for {name}; the national figures are shown.")}</p> }
    });
    view! {
        {fallback}
        <p class="source">
            {format!("Beside them: BLS Occupational Employment and Wage Statistics, {}, {} ({}), {}, all industries.", oews.release, oews.occ_title, oews.occ_code, oews.area_title)}
        </p>
    }
    .into_any()
}

#[component]
fn Benefits(rows: Vec<FigureRow>) -> impl IntoView {
    let bars: Vec<(String, f64)> = rows
        .iter()
        .filter(|r| r.shown())
        .filter_map(|r| Some((r.subject.clone(), r.value.parse().ok()?)))
        .collect();
    let hidden = rows.iter().find(|r| !r.shown()).map(|r| {
        view! { <p class="hidden-reason" data-hidden="benefits">{format!("Benefits are not shown: {}.", r.note)}</p> }
    });
    view! {
        <section aria-labelledby="benefits-heading">
            <h2 id="benefits-heading">"Benefits offered"</h2>
            {hidden}
            <BarChart rows=bars caption="Share of shops offering each benefit." />
            <FigureTable rows caption="Benefits: share of shops" row_heading="Benefit" />
        </section>
    }
}

#[component]
fn LaborRates(rows: Vec<FigureRow>) -> impl IntoView {
    let boxes: Vec<BoxRow> = LaborKind::ALL
        .iter()
        .filter_map(|kind| box_row(&rows, kind.label(), format!("{} labor", kind.label()), false))
        .collect();
    let all_hidden = rows.iter().all(|r| !r.shown());
    let note = rows.iter().find(|r| !r.shown()).map(|r| r.note.clone()).unwrap_or_default();
    view! {
        <section aria-labelledby="labor-heading">
            <h2 id="labor-heading">"Customer labor rates"</h2>
            {all_hidden.then(|| view! { <p class="hidden-reason" data-hidden="labor">{format!("Labor rates are not shown: {note}.")}</p> })}
            <BoxChart rows=boxes caption="What shops charge customers per hour, by kind of work." />
            <FigureTable rows caption="Labor rates, dollars per hour" row_heading="Kind of work" />
        </section>
    }
}

#[component]
fn LaborMapSection(page: InsightsPage) -> impl IntoView {
    let Some(map) = page.map.clone() else {
        return view! {
            <section aria-labelledby="map-heading">
                <h2 id="map-heading">"Labor rates by state"</h2>
                <p class="hidden-reason" data-hidden="map">"The map of labor rates is shown to members of verified shops."</p>
            </section>
        }
        .into_any();
    };
    let kind = map.kind;
    let rows = section(&page.rows, "Labor rates by state");
    let states: Vec<StateValue> = map
        .states
        .iter()
        .map(|s| StateValue {
            name: s.name.clone(),
            value: s.figure.figure().map(|f| f.rate.median as f64 / 100.0),
        })
        .collect();
    let shown = states.iter().filter(|s| s.value.is_some()).count();
    let choices = LaborKind::ALL
        .iter()
        .map(|k| {
            let current = (*k == kind).then_some("page");
            view! { <li><a href=page.params.with_labor(*k) aria-current=current>{k.label()}</a></li> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="map-heading">
            <h2 id="map-heading">{format!("{} labor rates by state", kind.label())}</h2>
            <nav aria-label="Kind of labor rate"><ul class="choices">{choices}</ul></nav>
            <StateMap states caption=format!("Median {} labor rate per hour; {shown} of 51 states shown.", kind.label().to_lowercase()) unit="per hour" />
            <details>
                <summary>"Table of the map"</summary>
                <FigureTable rows caption=format!("{} labor rates by state, dollars per hour", kind.label()) row_heading="State" />
            </details>
        </section>
    }
    .into_any()
}

#[component]
fn Trend(rows: Vec<FigureRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! {
            <section aria-labelledby="trend-heading">
                <h2 id="trend-heading">"Trend by quarter"</h2>
                <p class="hidden-reason" data-hidden="trend">"The trend is shown to members of verified shops."</p>
            </section>
        }
        .into_any();
    }
    let points: Vec<(String, Option<f64>)> =
        rows.iter().map(|r| (r.subject.clone(), r.value.parse::<f64>().ok())).collect();
    view! {
        <section aria-labelledby="trend-heading">
            <h2 id="trend-heading">"Trend by quarter"</h2>
            <TrendChart points caption="Median annual pay by quarter; a gap is a quarter whose figure is not shown." />
            <FigureTable rows caption="Median annual pay by quarter" row_heading="Quarter" />
        </section>
    }
    .into_any()
}

/// A section's figures as a table: a line per subject, a column per statistic. Each
/// figure's cell carries `data-figure` = its key (the CSV's `key` column).
#[component]
fn FigureTable(
    rows: Vec<FigureRow>,
    #[prop(into)] caption: String,
    /// What each line is: "Figure", "Benefit", "State", "Quarter"…
    #[prop(into)]
    row_heading: String,
) -> impl IntoView {
    if rows.is_empty() {
        return ().into_any();
    }
    let order = ["P10", "P25", "Median", "P75", "P90", "Share of shops"];
    let columns: Vec<&str> =
        order.iter().copied().filter(|c| rows.iter().any(|r| r.statistic == *c)).collect();
    let with_shops = rows.iter().any(|r| !r.shops.is_empty());
    let with_technicians = rows.iter().any(|r| !r.technicians.is_empty());
    let with_notes = rows.iter().any(|r| !r.note.is_empty());
    let head = columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view();
    let body = subjects(&rows)
        .into_iter()
        .map(|subject| {
            let of_subject: Vec<&FigureRow> = rows.iter().filter(|r| r.subject == subject).collect();
            let first = of_subject[0].clone();
            let cells = columns
                .iter()
                .map(|c| match of_subject.iter().find(|r| r.statistic == *c) {
                    Some(r) => {
                        view! { <td data-figure=r.key.clone() class="num">{r.display()}</td> }.into_any()
                    }
                    None => view! { <td class="num"></td> }.into_any(),
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{subject}</th>
                    {cells}
                    {with_shops.then(|| view! { <td>{first.shops.clone()}</td> })}
                    {with_technicians.then(|| view! { <td>{first.technicians.clone()}</td> })}
                    {with_notes.then(|| view! { <td>{first.note.clone()}</td> })}
                </tr>
            }
        })
        .collect_view();
    let source = rows[0].source.clone();
    view! {
        <TableScroll label=caption.clone()><table class="figure-table">
            <caption>{caption}<span class="source">{format!(" Source: {source}.")}</span></caption>
            <thead>
                <tr>
                    <th scope="col">{row_heading}</th>
                    {head}
                    {with_shops.then(|| view! { <th scope="col">"Shops"</th> })}
                    {with_technicians.then(|| view! { <th scope="col">"Technicians"</th> })}
                    {with_notes.then(|| view! { <th scope="col">"Why not shown"</th> })}
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table></TableScroll>
    }
    .into_any()
}

/// `/insights/privacy`: docs/privacy.md, the rules as the repository states them.
#[component]
pub fn InsightsPrivacyPage() -> impl IntoView {
    let rules = Resource::new(|| (), |_| privacy_rules());
    view! {
        <Layout>
            <Title text="Industry Data Exchange: privacy and competition rules" />
            <Loaded resource=rules let:html>{view! { <article class="prose" inner_html=html></article> }.into_any()}</Loaded>
            <p><a href="/insights">"Back to the figures"</a></p>
        </Layout>
    }
}
