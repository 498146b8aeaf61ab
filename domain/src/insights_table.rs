//! An insights answer as a flat list of figures. The page's table twins, the CSV download
//! and the API answer are all printed from this one list, so "the CSV holds exactly the
//! figures on screen" holds by construction; each figure carries a key the page puts on
//! its table cell, which is how the end-to-end test checks it cell by cell.
use serde::{Deserialize, Serialize};

use crate::{
    disclosure::Quartiles,
    insights::CountBand,
    insights_view::{InsightsView, LaborMap, OewsFigure, PayFigure, Shown},
    numbers::group_thousands,
};

/// A figure's unit; values are printed with the unit's precision everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Whole US dollars per year.
    DollarsPerYear,
    /// US dollars and cents per hour.
    DollarsPerHour,
    /// Percent with one decimal.
    Percent,
}

impl Unit {
    pub fn label(self) -> &'static str {
        match self {
            Self::DollarsPerYear => "USD per year",
            Self::DollarsPerHour => "USD per hour",
            Self::Percent => "percent of shops",
        }
    }
}

/// One figure, shown (with `value`) or hidden (with `note` saying why).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureRow {
    /// `section/subject/statistic`, stable: the page marks the figure's cell with it.
    pub key: String,
    /// "Pay", "Benefits", "Labor rates", "Trend" or "BLS OEWS".
    pub section: String,
    /// What is measured, e.g. "Annual pay" or "Health insurance".
    pub subject: String,
    /// "P10", "P25", "Median", "P75", "P90" or "Share of shops".
    pub statistic: String,
    /// The number as printed: plain digits and a decimal point, no symbols; empty when hidden.
    pub value: String,
    pub unit: Unit,
    /// How many shops stand behind it, as a band ("5–14", "15–49", "50 or more").
    pub shops: String,
    pub technicians: String,
    /// Why it is hidden, or empty.
    pub note: String,
    /// Where it comes from.
    pub source: String,
}

impl FigureRow {
    pub fn shown(&self) -> bool {
        !self.value.is_empty()
    }

    /// The value as people read it: `$52,340`, `$25.16`, `62.5%`; "—" when hidden.
    pub fn display(&self) -> String {
        if self.value.is_empty() {
            return "—".into();
        }
        match self.unit {
            Unit::DollarsPerYear | Unit::DollarsPerHour => {
                let (whole, fraction) = self.value.split_once('.').unwrap_or((&self.value, ""));
                let grouped = group_thousands(whole);
                if fraction.is_empty() { format!("${grouped}") } else { format!("${grouped}.{fraction}") }
            }
            Unit::Percent => format!("{}%", self.value),
        }
    }
}

/// Cents as whole dollars, rounded half away from zero (annual figures).
pub fn whole_dollars(cents: i64) -> String {
    ((cents as f64 / 100.0).round() as i64).to_string()
}

/// Cents as dollars with two decimals (hourly figures).
pub fn dollars_and_cents(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, (cents % 100).abs())
}

fn band(band: Option<CountBand>) -> String {
    band.map(|b| b.label().to_string()).unwrap_or_default()
}

fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The rows of one section, built with the section's shared columns.
struct Section<'a> {
    name: &'a str,
    source: String,
    rows: Vec<FigureRow>,
}

impl Section<'_> {
    fn push(
        &mut self,
        subject: &str,
        statistic: &str,
        value: Option<String>,
        unit: Unit,
        counts: (String, String),
        note: &str,
    ) {
        self.rows.push(FigureRow {
            key: format!("{}/{}/{}", slug(self.name), slug(subject), slug(statistic)),
            section: self.name.to_string(),
            subject: subject.to_string(),
            statistic: statistic.to_string(),
            value: value.unwrap_or_default(),
            unit,
            shops: counts.0,
            technicians: counts.1,
            note: note.to_string(),
            source: self.source.clone(),
        });
    }

    /// The statistics a distribution shows (the tails only when present), or one hidden row.
    fn distribution<T>(
        &mut self,
        subject: &str,
        shown: &Shown<T>,
        pick: impl Fn(&T) -> (Quartiles, (String, String)),
        unit: Unit,
        print: fn(i64) -> String,
    ) {
        match shown {
            Shown::Yes { figure } => {
                let (q, counts) = pick(figure);
                for (statistic, value) in [
                    ("P10", q.p10),
                    ("P25", q.p25),
                    ("Median", Some(q.median)),
                    ("P75", q.p75),
                    ("P90", q.p90),
                ] {
                    if let Some(value) = value {
                        self.push(subject, statistic, Some(print(value)), unit, counts.clone(), "");
                    }
                }
            }
            Shown::No { reason } => {
                self.push(subject, "Median", None, unit, Default::default(), reason.label());
            }
        }
    }
}

const STATISTICS: [&str; 5] = ["P10", "P25", "Median", "P75", "P90"];

/// Every figure of an answer, in page order: pay, benefits, labor rates, trend, OEWS.
pub fn figure_rows(view: &InsightsView) -> Vec<FigureRow> {
    let exchange_source = match view.quarter {
        Some(q) => format!("Bayline Industry Data Exchange, {q} (shops' own reports)"),
        None => "Bayline Industry Data Exchange (shops' own reports)".to_string(),
    };
    let section = |name: &'static str| Section { name, source: exchange_source.clone(), rows: Vec::new() };

    let mut pay = section("Pay");
    let pay_counts = |f: &PayFigure| (band(Some(f.shops)), band(Some(f.technicians)));
    pay.distribution(
        "Annual pay",
        &view.pay,
        |f| (f.annual, pay_counts(f)),
        Unit::DollarsPerYear,
        whole_dollars,
    );
    if view.pay.figure().is_some() {
        pay.distribution(
            "Hourly equivalent",
            &view.pay,
            |f| (f.hourly, pay_counts(f)),
            Unit::DollarsPerHour,
            dollars_and_cents,
        );
    }

    // The nearest wider place's pay, when the asked place's is hidden: its own section, each
    // subject naming the place, so a reader of the CSV cannot take it for the asked place.
    let mut wider = section("Nearest wider place");
    if let Some(found) = &view.wider_pay {
        let shown = Shown::Yes { figure: found.figure.clone() };
        let place = found.place.name();
        wider.distribution(
            &format!("Annual pay in {place}"),
            &shown,
            |f| (f.annual, pay_counts(f)),
            Unit::DollarsPerYear,
            whole_dollars,
        );
        wider.distribution(
            &format!("Hourly equivalent in {place}"),
            &shown,
            |f| (f.hourly, pay_counts(f)),
            Unit::DollarsPerHour,
            dollars_and_cents,
        );
    }

    let mut benefits = section("Benefits");
    match &view.benefits {
        Shown::Yes { figure } => {
            for (benefit, tenths) in &figure.prevalence {
                let value = format!("{}.{}", tenths / 10, tenths % 10);
                benefits.push(
                    benefit.label(),
                    "Share of shops",
                    Some(value),
                    Unit::Percent,
                    (band(Some(figure.shops)), String::new()),
                    "",
                );
            }
        }
        Shown::No { reason } => {
            benefits.push(
                "All benefits",
                "Share of shops",
                None,
                Unit::Percent,
                Default::default(),
                reason.label(),
            );
        }
    }

    let mut labor = section("Labor rates");
    for (kind, shown) in &view.labor {
        labor.distribution(
            kind.label(),
            shown,
            |f| (f.rate, (band(Some(f.shops)), String::new())),
            Unit::DollarsPerHour,
            dollars_and_cents,
        );
    }

    let mut trend = section("Trend");
    for point in &view.trend {
        let subject = point.quarter.to_string();
        match &point.median_annual {
            Shown::Yes { figure } => trend.push(
                &subject,
                "Median",
                Some(whole_dollars(*figure)),
                Unit::DollarsPerYear,
                Default::default(),
                "",
            ),
            Shown::No { reason } => {
                trend.push(&subject, "Median", None, Unit::DollarsPerYear, Default::default(), reason.label())
            }
        }
    }

    let mut rows = Vec::new();
    for part in [pay, wider, benefits, labor, trend] {
        rows.extend(part.rows);
    }
    if let Some(oews) = &view.oews {
        rows.extend(oews_rows(oews));
    }
    rows
}

/// The map's figures: each state's labor rate, shown or hidden, in the map's order.
pub fn map_rows(map: &LaborMap) -> Vec<FigureRow> {
    let source = match map.quarter {
        Some(q) => format!("Bayline Industry Data Exchange, {q} (shops' own reports)"),
        None => "Bayline Industry Data Exchange (shops' own reports)".to_string(),
    };
    let mut section = Section { name: "Labor rates by state", source, rows: Vec::new() };
    for state in &map.states {
        section.distribution(
            &state.name,
            &state.figure,
            |f| (f.rate, (band(Some(f.shops)), String::new())),
            Unit::DollarsPerHour,
            dollars_and_cents,
        );
    }
    section.rows
}

/// The OEWS percentiles exactly as BLS published them (dollars), hourly and annual.
fn oews_rows(oews: &OewsFigure) -> Vec<FigureRow> {
    let mut section = Section {
        name: "BLS OEWS",
        source: format!(
            "BLS OEWS {}, {} ({}), {}",
            oews.release, oews.occ_title, oews.occ_code, oews.area_title
        ),
        rows: Vec::new(),
    };
    let published = |value: Option<f64>, unit: Unit| {
        value.map(|v| match unit {
            Unit::DollarsPerYear => format!("{v:.0}"),
            _ => format!("{v:.2}"),
        })
    };
    for (subject, values, unit) in [
        ("Hourly wage", oews.hourly, Unit::DollarsPerHour),
        ("Annual wage", oews.annual, Unit::DollarsPerYear),
    ] {
        for (statistic, value) in STATISTICS.iter().zip(values) {
            let note = if value.is_none() { "Not published by BLS for this area" } else { "" };
            section.push(subject, statistic, published(value, unit), unit, Default::default(), note);
        }
    }
    section.rows
}

/// RFC 4180 CSV of the rows, with a header; fields with commas, quotes or line breaks are
/// quoted. Spreadsheet formula prefixes are neutralised (no cell starts with = + - @).
pub fn to_csv(rows: &[FigureRow]) -> String {
    let mut out = String::from("section,subject,statistic,value,unit,shops,technicians,note,source,key\r\n");
    for row in rows {
        let fields = [
            row.section.as_str(),
            &row.subject,
            &row.statistic,
            &row.value,
            row.unit.label(),
            &row.shops,
            &row.technicians,
            &row.note,
            &row.source,
            &row.key,
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

pub fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_string() };
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        disclosure::Suppressed,
        insights::{Access, Quarter, Role},
        insights_view::{InsightsFilter, Place, WiderPay},
    };

    fn view(pay: Shown<PayFigure>) -> InsightsView {
        InsightsView {
            access: Access::Contributor,
            filter: InsightsFilter::national(Role::Diesel),
            place: Place::National,
            quarter: Quarter::parse("2026-Q2"),
            pay,
            wider_pay: None,
            benefits: Shown::No { reason: Suppressed::NotForYou },
            labor: Vec::new(),
            trend: Vec::new(),
            oews: None,
        }
    }

    #[test]
    fn shown_pay_prints_each_statistic_with_its_unit() {
        let q =
            Quartiles { p10: None, p25: Some(4_500_050), median: 5_000_000, p75: Some(5_500_000), p90: None };
        let figure = PayFigure {
            shops: CountBand::From15To49,
            technicians: CountBand::From50,
            annual: q,
            hourly: Quartiles { median: 2_404, ..q },
        };
        let rows = figure_rows(&view(Shown::Yes { figure }));
        let median = rows.iter().find(|r| r.key == "pay/annual-pay/median").unwrap();
        assert_eq!((median.value.as_str(), median.display()), ("50000", "$50,000".to_string()));
        assert_eq!(median.shops, "15–49");
        let p25 = rows.iter().find(|r| r.key == "pay/annual-pay/p25").unwrap();
        assert_eq!(p25.value, "45001", "45,000.50 rounds half away from zero");
        let hourly = rows.iter().find(|r| r.key == "pay/hourly-equivalent/median").unwrap();
        assert_eq!(hourly.display(), "$24.04");
        assert!(rows.iter().all(|r| !r.key.ends_with("/p10")), "no tails without 10 shops");
        let hidden = rows.iter().find(|r| r.section == "Benefits").unwrap();
        assert!(!hidden.shown() && hidden.note == Suppressed::NotForYou.label());
    }

    #[test]
    fn a_hidden_figure_is_one_row_with_its_reason() {
        let rows = figure_rows(&view(Shown::No { reason: Suppressed::TooFewShops }));
        let pay: Vec<_> = rows.iter().filter(|r| r.section == "Pay").collect();
        assert_eq!(pay.len(), 1);
        assert_eq!(pay[0].display(), "—");
        assert_eq!(pay[0].note, "Fewer than 5 shops reported for this selection");
    }

    #[test]
    fn a_wider_places_pay_is_its_own_section_naming_the_place() {
        let q = Quartiles { p10: None, p25: None, median: 5_000_000, p75: None, p90: None };
        let figure = PayFigure {
            shops: CountBand::From5To14,
            technicians: CountBand::From5To14,
            annual: q,
            hourly: q,
        };
        let mut hidden = view(Shown::No { reason: Suppressed::TooFewShops });
        hidden.wider_pay = Some(WiderPay {
            place: Place::Division { division: crate::divisions::Division::EastNorthCentral },
            figure,
        });
        let rows = figure_rows(&hidden);
        let median = rows
            .iter()
            .find(|r| r.key == "nearest-wider-place/annual-pay-in-east-north-central/median")
            .unwrap();
        assert_eq!((median.value.as_str(), median.shops.as_str()), ("50000", "5–14"));
        assert_eq!(rows.iter().filter(|r| r.section == "Pay").count(), 1, "the asked place stays hidden");
    }

    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        let rows = figure_rows(&view(Shown::No { reason: Suppressed::DominantShop }));
        let csv = to_csv(&rows);
        assert!(csv.starts_with("section,subject,statistic,value,unit"));
        assert_eq!(csv.lines().count(), rows.len() + 1);
    }
}
