//! A map of the states filled by a figure each, drawn on the server as SVG from the
//! us-atlas outlines (Albers USA, 975 × 610; written to app/data by
//! scripts/state-shapes.mjs). The table after it carries the same figures for screen
//! readers, so the picture itself is hidden from them.
use leptos::prelude::*;

use super::insights_charts::axis_label;

/// `fips \t name \t path` per line; `#` lines are comments.
const SHAPES: &str = include_str!("../../data/us-states-albers.tsv");

/// The outline of each state by name.
fn shapes() -> impl Iterator<Item = (&'static str, &'static str)> {
    SHAPES.lines().filter(|l| !l.starts_with('#')).filter_map(|line| {
        let mut parts = line.split('\t');
        let _fips = parts.next()?;
        Some((parts.next()?, parts.next()?))
    })
}

/// One state's figure: its name and the value to colour by (`None` when hidden).
#[derive(Debug, Clone, PartialEq)]
pub struct StateValue {
    pub name: String,
    pub value: Option<f64>,
}

/// Up to five bands of equal counts over the shown values: the upper bound of each.
pub fn band_limits(values: &[f64]) -> Vec<f64> {
    let mut sorted: Vec<f64> = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.dedup();
    let bands = sorted.len().min(5);
    (1..=bands).map(|b| sorted[(b * sorted.len()).div_ceil(bands) - 1]).collect()
}

fn band_of(limits: &[f64], value: f64) -> usize {
    limits.iter().position(|limit| value <= *limit).unwrap_or(limits.len().saturating_sub(1))
}

#[component]
pub fn StateMap(
    states: Vec<StateValue>,
    #[prop(into)] caption: String,
    #[prop(into)] unit: String,
) -> impl IntoView {
    let shown: Vec<f64> = states.iter().filter_map(|s| s.value).collect();
    let limits = band_limits(&shown);
    let value_of = |name: &str| states.iter().find(|s| s.name == name).and_then(|s| s.value);
    let paths = shapes()
        .map(|(name, d)| {
            let value = value_of(name);
            let (class, tip) = match value {
                Some(v) => (
                    format!("map-state band-{}", band_of(&limits, v)),
                    format!("{name}: {} {unit}", axis_label(v)),
                ),
                None => ("map-state hidden".to_string(), format!("{name}: not shown")),
            };
            view! { <path class=class d=d><title>{tip}</title></path> }
        })
        .collect_view();
    let mut lower = None::<f64>;
    let legend = limits
        .iter()
        .enumerate()
        .map(|(i, limit)| {
            let text = match lower {
                None => format!("up to {}", axis_label(*limit)),
                Some(low) => format!("{} – {}", axis_label(low), axis_label(*limit)),
            };
            lower = Some(*limit);
            view! { <li><span class=format!("swatch band-{i}") aria-hidden="true"></span>{text}</li> }
        })
        .collect_view();
    view! {
        <figure class="chart state-map">
            <svg viewBox="0 0 975 610" aria-hidden="true" focusable="false">{paths}</svg>
            <figcaption>
                {caption}
                <ul class="map-legend">
                    {legend}
                    <li><span class="swatch hidden" aria-hidden="true"></span>"not shown (too few shops, or not for your access)"</li>
                </ul>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mapped_state_has_an_outline() {
        let names: Vec<&str> = shapes().map(|(name, _)| name).collect();
        assert_eq!(names.len(), 51, "50 states and DC");
        for (_, name) in domain::states::STATES.iter().filter(|(code, _)| code.len() == 2) {
            let territory = [
                "American Samoa",
                "Guam",
                "Marshall Islands",
                "Northern Mariana Islands",
                "Puerto Rico",
                "U.S. Virgin Islands",
                "Federated States of Micronesia",
                "Palau",
            ];
            if !territory.contains(name) {
                assert!(names.contains(name), "{name} has no outline");
            }
        }
        assert!(shapes().all(|(_, d)| d.starts_with('M') && d.ends_with('Z')));
    }

    #[test]
    fn bands_split_the_values_by_count() {
        assert_eq!(
            band_limits(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]),
            vec![2.0, 4.0, 6.0, 8.0, 10.0]
        );
        assert_eq!(band_limits(&[3.0, 1.0]), vec![1.0, 3.0]);
        assert!(band_limits(&[]).is_empty());
        let limits = band_limits(&[10.0, 20.0, 30.0]);
        assert_eq!(band_of(&limits, 20.0), 1);
        assert_eq!(band_of(&limits, 99.0), 2);
    }
}
