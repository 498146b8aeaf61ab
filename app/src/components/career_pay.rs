//! Pay on the career pages: the BLS OEWS rows a path uses, each step's estimated band
//! within them, and the Industry Data Exchange's public median. Every figure names its
//! source; estimates say that they are estimates.
use crate::components::table_scroll::TableScroll;
use domain::{
    careers::{AreaWage, Band, CareerPathPage, CareerStep, ExchangeMedian, annual_dollars, hourly_dollars},
    states::state_name,
};
use leptos::prelude::*;

use crate::components::format::thousands;

/// "BLS OEWS May 2025, Michigan" — the citation every OEWS figure carries.
pub fn oews_source(wage: &AreaWage) -> String {
    format!("U.S. Bureau of Labor Statistics, OEWS {}, {}", wage.figure.release, wage.figure.area_title)
}

/// Why national figures stand where state ones were asked for, or `None`.
pub fn fallback_note(wage: &AreaWage, state: Option<&str>) -> Option<String> {
    wage.fell_back.then(|| match state.filter(|s| !s.is_empty()) {
        Some(code) => format!(
            "BLS did not publish {} figures for {}, so these are the national figures.",
            wage.occupation.label(),
            state_name(code).unwrap_or(code)
        ),
        None => {
            "We could not tell which state this ZIP code is in, so these are the national figures.".into()
        }
    })
}

/// "$38,900–$50,620 a year ($18.70–$24.34 an hour)" for a band, when BLS published its ends.
pub fn band_text(wage: &AreaWage, band: Band) -> Option<String> {
    let (low, high) = band.of(&wage.figure.annual)?;
    let hourly = band
        .of(&wage.figure.hourly)
        .map(|(l, h)| format!(" ({}–{} an hour)", hourly_dollars(l), hourly_dollars(h)))
        .unwrap_or_default();
    Some(format!("{}–{} a year{hourly}", annual_dollars(low), annual_dollars(high)))
}

fn cell(value: Option<f64>, hourly: bool) -> String {
    match value {
        Some(v) if hourly => hourly_dollars(v),
        Some(v) => annual_dollars(v),
        // BLS leaves a cell empty above its top-coding cap or where it did not publish.
        None => "not published".into(),
    }
}

/// The OEWS wage distribution of each occupation the path uses, for the area shown.
#[component]
pub fn WageTables(page: CareerPathPage) -> impl IntoView {
    let state = page.place.as_ref().map(|p| p.state.clone());
    page.wages
        .into_iter()
        .map(|wage| {
            let note = fallback_note(&wage, state.as_deref());
            let caption = format!(
                "{} (SOC {}), {} — all industries",
                wage.figure.occ_title, wage.figure.occ_code, wage.figure.area_title
            );
            let row = |label: &'static str, values: [Option<f64>; 5], hourly: bool| {
                view! {
                    <tr>
                        <th scope="row">{label}</th>
                        {values.into_iter().map(|v| view! { <td class="num">{cell(v, hourly)}</td> }).collect_view()}
                    </tr>
                }
            };
            view! {
                <div class="wage-table" data-occupation=wage.occupation.slug()>
                    {note.map(|n| view! { <p class="fallback" role="note">{n}</p> })}
                    <TableScroll label="Pay for this occupation"><table>
                        <caption>{caption}</caption>
                        <thead>
                            <tr>
                                <td></td>
                                <th scope="col">"10th percentile"</th>
                                <th scope="col">"25th"</th>
                                <th scope="col">"Median"</th>
                                <th scope="col">"75th"</th>
                                <th scope="col">"90th"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {row("A year", wage.figure.annual, false)}
                            {row("An hour", wage.figure.hourly, true)}
                        </tbody>
                    </table></TableScroll>
                    <p class="source">{format!("Source: {}.", oews_source(&wage))}</p>
                </div>
            }
        })
        .collect_view()
}

/// A step's pay: its estimated band and the Exchange's median, each with its source.
#[component]
pub fn StepPay(step: CareerStep, wage: Option<AreaWage>, exchange: Option<ExchangeMedian>) -> impl IntoView {
    let estimate = match (step.wage, wage) {
        (Some((occupation, band)), Some(wage)) => {
            let figure = band_text(&wage, band)
                .unwrap_or_else(|| "BLS did not publish both ends of this band".to_string());
            view! {
                <p class="step-pay">
                    <strong>"Estimated pay at this step: "</strong>
                    <span data-testid="step-band">{figure}</span>
                </p>
                <p class="estimate-note">
                    {format!(
                        "Estimate: this step usually sits in the {} range of pay for {}. Source: {}.",
                        band.label(),
                        occupation.label(),
                        oews_source(&wage),
                    )}
                </p>
                {(!step.band_note.is_empty()).then(|| view! {
                    <p class="estimate-note band-note" data-testid="band-note">{step.band_note.clone()}</p>
                })}
            }
            .into_any()
        }
        _ => view! {
            <p class="step-pay">
                "No BLS figure: Bayline's wage data covers the three technician occupations, "
                "and this role is outside them."
            </p>
        }
        .into_any(),
    };
    let exchange = exchange.map(|median| {
        let text = match median.median_annual_cents {
            Ok(cents) => format!(
                "Industry Data Exchange, national median for {}: ${} a year{} (pay reported by shops).",
                median.role.label().to_lowercase(),
                thousands(u64::try_from(cents / 100).unwrap_or(0)),
                median.quarter.map(|q| format!(", {q}")).unwrap_or_default(),
            ),
            Err(reason) => format!(
                "Industry Data Exchange, {}: no figure shown. {}.",
                median.role.label().to_lowercase(),
                reason.label()
            ),
        };
        view! { <p class="exchange">{text}</p> }
    });
    view! { {estimate} {exchange} }
}

#[cfg(test)]
mod tests {
    use domain::{careers::Occupation, insights_view::OewsFigure};

    use super::*;

    fn wage(fell_back: bool) -> AreaWage {
        AreaWage {
            occupation: Occupation::AutomotiveTechnicians,
            figure: OewsFigure {
                occ_code: "49-3023".into(),
                occ_title: "Automotive Service Technicians and Mechanics".into(),
                area_title: "National".into(),
                hourly: [Some(16.66), Some(18.7), Some(24.34), Some(33.86), Some(39.32)],
                annual: [Some(34660.0), Some(38900.0), Some(50620.0), Some(70430.0), None],
                footnotes: String::new(),
                release: "May 2025".into(),
            },
            fell_back,
        }
    }

    #[test]
    fn bands_read_from_the_row() {
        assert_eq!(
            band_text(&wage(false), Band::Developing).as_deref(),
            Some("$38,900–$50,620 a year ($18.70–$24.34 an hour)")
        );
        assert_eq!(band_text(&wage(false), Band::Top), None, "no published 90th percentile");
    }

    #[test]
    fn fallbacks_say_so() {
        assert_eq!(fallback_note(&wage(false), Some("MI")), None);
        let note = fallback_note(&wage(true), Some("MH")).unwrap();
        assert!(note.contains("Marshall Islands") && note.contains("national"), "{note}");
        let unknown = fallback_note(&wage(true), Some("")).unwrap();
        assert!(unknown.contains("could not tell which state"), "{unknown}");
        assert_eq!(oews_source(&wage(true)), "U.S. Bureau of Labor Statistics, OEWS May 2025, National");
    }
}
