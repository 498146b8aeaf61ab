//! Server-rendered SVG charts of the Industry Data Exchange. Each chart is a picture of a
//! table printed right after it (the "table twin"), so the SVG is hidden from screen
//! readers and the table carries the figures for them and for anyone without graphics.
use leptos::prelude::*;

/// One distribution in dollars: P10, P25, median, P75, P90 (tails and quartiles optional).
#[derive(Debug, Clone, PartialEq)]
pub struct BoxRow {
    pub label: String,
    pub values: [Option<f64>; 5],
    /// A second colour for rows from another source (BLS OEWS beside the shops' figures).
    pub other_source: bool,
}

const WIDTH: f64 = 720.0;
const LABEL_WIDTH: f64 = 230.0;
const RIGHT_PAD: f64 = 24.0;
const ROW_HEIGHT: f64 = 34.0;
const AXIS_HEIGHT: f64 = 30.0;

/// Round tick marks (1, 2 or 5 × a power of ten) covering `low..high`.
pub fn ticks(low: f64, high: f64) -> Vec<f64> {
    if high <= low || high.is_nan() {
        return vec![low];
    }
    let rough = (high - low) / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * power).find(|s| *s >= rough).unwrap_or(power * 10.0);
    let first = (low / step).floor() * step;
    let mut out = Vec::new();
    let mut t = first;
    while t <= high + step * 0.5 && out.len() < 12 {
        out.push(t);
        t += step;
    }
    out
}

/// How a tick or value is written on an axis: `$52k`, `$135`, `$24.50`.
pub fn axis_label(value: f64) -> String {
    if value >= 10_000.0 {
        format!("${:.0}k", value / 1000.0)
    } else if value >= 100.0 || value.fract() == 0.0 {
        format!("${value:.0}")
    } else {
        format!("${value:.2}")
    }
}

/// A horizontal scale from dollars to x.
#[derive(Clone, Copy)]
struct Scale {
    low: f64,
    high: f64,
}

impl Scale {
    fn of(rows: &[BoxRow]) -> Option<Self> {
        let all: Vec<f64> = rows.iter().flat_map(|r| r.values.iter().flatten().copied()).collect();
        let low = all.iter().copied().fold(f64::INFINITY, f64::min);
        let high = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if !low.is_finite() {
            return None;
        }
        let ticks = ticks(low * 0.95, high * 1.05);
        Some(Self { low: ticks[0], high: *ticks.last().unwrap_or(&high) })
    }

    fn x(self, value: f64) -> f64 {
        let span = (self.high - self.low).max(f64::EPSILON);
        LABEL_WIDTH + (value - self.low) / span * (WIDTH - LABEL_WIDTH - RIGHT_PAD)
    }
}

fn axis(scale: Scale, top: f64, bottom: f64) -> impl IntoView {
    ticks(scale.low, scale.high)
        .into_iter()
        .map(|t| {
            let x = scale.x(t);
            view! {
                <line class="chart-grid" x1=x x2=x y1=top y2=bottom />
                <text class="chart-tick" x=x y=bottom + 18.0 text-anchor="middle">{axis_label(t)}</text>
            }
        })
        .collect_view()
}

/// Box plots: whiskers P10–P90 (when shown), box P25–P75, a bar at the median.
#[component]
pub fn BoxChart(rows: Vec<BoxRow>, #[prop(into)] caption: String) -> impl IntoView {
    let Some(scale) = Scale::of(&rows) else { return ().into_any() };
    let height = rows.len() as f64 * ROW_HEIGHT + AXIS_HEIGHT;
    let plot_bottom = rows.len() as f64 * ROW_HEIGHT;
    let boxes = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let mid = i as f64 * ROW_HEIGHT + ROW_HEIGHT / 2.0;
            let [p10, p25, median, p75, p90] = row.values;
            let class = if row.other_source { "chart-box other" } else { "chart-box" };
            let whisker = p10.zip(p90).map(|(a, b)| {
                view! { <line class="chart-whisker" x1=scale.x(a) x2=scale.x(b) y1=mid y2=mid /> }
            });
            let body = p25.zip(p75).map(|(a, b)| {
                view! { <rect class=class x=scale.x(a) y=mid - 9.0 width=(scale.x(b) - scale.x(a)).max(1.0) height=18.0 /> }
            });
            let centre = median.map(|m| {
                view! { <line class="chart-median" x1=scale.x(m) x2=scale.x(m) y1=mid - 12.0 y2=mid + 12.0 /> }
            });
            view! {
                <text class="chart-label" x=LABEL_WIDTH - 8.0 y=mid + 4.0 text-anchor="end">{row.label}</text>
                {whisker}
                {body}
                {centre}
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {height}") aria-hidden="true" focusable="false">
                {axis(scale, 0.0, plot_bottom)}
                {boxes}
            </svg>
            <figcaption>{caption}</figcaption>
        </figure>
    }
    .into_any()
}

/// Horizontal bars of percentages (benefit prevalence).
#[component]
pub fn BarChart(rows: Vec<(String, f64)>, #[prop(into)] caption: String) -> impl IntoView {
    if rows.is_empty() {
        return ().into_any();
    }
    let height = rows.len() as f64 * ROW_HEIGHT + AXIS_HEIGHT;
    let plot_bottom = rows.len() as f64 * ROW_HEIGHT;
    let x = |percent: f64| LABEL_WIDTH + percent / 100.0 * (WIDTH - LABEL_WIDTH - RIGHT_PAD);
    let grid = [0.0, 25.0, 50.0, 75.0, 100.0]
        .into_iter()
        .map(|p| {
            view! {
                <line class="chart-grid" x1=x(p) x2=x(p) y1=0.0 y2=plot_bottom />
                <text class="chart-tick" x=x(p) y=plot_bottom + 18.0 text-anchor="middle">{format!("{p:.0}%")}</text>
            }
        })
        .collect_view();
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, percent))| {
            let mid = i as f64 * ROW_HEIGHT + ROW_HEIGHT / 2.0;
            view! {
                <text class="chart-label" x=LABEL_WIDTH - 8.0 y=mid + 4.0 text-anchor="end">{label}</text>
                <rect class="chart-bar" x=LABEL_WIDTH y=mid - 9.0 width=(x(percent) - LABEL_WIDTH).max(1.0) height=18.0 />
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {height}") aria-hidden="true" focusable="false">
                {grid}
                {bars}
            </svg>
            <figcaption>{caption}</figcaption>
        </figure>
    }
    .into_any()
}

/// Median by quarter as points joined by lines; a hidden quarter leaves a gap.
#[component]
pub fn TrendChart(points: Vec<(String, Option<f64>)>, #[prop(into)] caption: String) -> impl IntoView {
    let values: Vec<f64> = points.iter().filter_map(|(_, v)| *v).collect();
    if values.is_empty() {
        return ().into_any();
    }
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let marks = ticks(low * 0.97, high * 1.03);
    let (bottom, top) = (marks[0], *marks.last().unwrap_or(&high));
    let (plot_top, plot_bottom, left, right) = (10.0, 190.0, 80.0, WIDTH - RIGHT_PAD);
    let n = points.len().max(2) as f64 - 1.0;
    let x = move |i: usize| left + i as f64 / n * (right - left);
    let y = move |v: f64| {
        plot_bottom - (v - bottom) / (top - bottom).max(f64::EPSILON) * (plot_bottom - plot_top)
    };
    let grid = marks
        .iter()
        .map(|t| {
            let t = *t;
            view! {
                <line class="chart-grid" x1=left x2=right y1=y(t) y2=y(t) />
                <text class="chart-tick" x=left - 6.0 y=y(t) + 4.0 text-anchor="end">{axis_label(t)}</text>
            }
        })
        .collect_view();
    // Segments only between neighbouring shown quarters: a gap is honest about a hidden one.
    let segments = points
        .windows(2)
        .enumerate()
        .filter_map(|(i, pair)| {
            let (a, b) = (pair[0].1?, pair[1].1?);
            Some(view! { <line class="chart-line" x1=x(i) x2=x(i + 1) y1=y(a) y2=y(b) /> })
        })
        .collect_view();
    let dots = points
        .iter()
        .enumerate()
        .map(|(i, (quarter, value))| {
            let dot = value.map(|v| view! { <circle class="chart-dot" cx=x(i) cy=y(v) r=4.0 /> });
            view! {
                {dot}
                <text class="chart-tick" x=x(i) y=plot_bottom + 20.0 text-anchor="middle">{quarter.clone()}</text>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} 220") aria-hidden="true" focusable="false">
                {grid}
                {segments}
                {dots}
            </svg>
            <figcaption>{caption}</figcaption>
        </figure>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(
            ticks(41_000.0, 63_000.0),
            vec![40_000.0, 45_000.0, 50_000.0, 55_000.0, 60_000.0, 65_000.0]
        );
        assert_eq!(ticks(0.0, 100.0), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(ticks(5.0, 5.0), vec![5.0]);
    }

    #[test]
    fn axis_labels_are_short() {
        assert_eq!(axis_label(52_000.0), "$52k");
        assert_eq!(axis_label(135.0), "$135");
        assert_eq!(axis_label(24.5), "$24.50");
    }
}
