//! BLS OEWS estimates (the May 2025 extract for the technician occupations).
use std::{collections::HashMap, path::Path};

use entity::oews_wage;

use crate::{ImportError, table::Row, table::Table};

const COLUMNS: &[&str] = &[
    "area_code",
    "area_title",
    "area_type",
    "state_fips",
    "naics",
    "naics_title",
    "occ_code",
    "occ_title",
    "tot_emp",
    "h_mean",
    "a_mean",
    "h_pct10",
    "h_pct25",
    "h_median",
    "h_pct75",
    "h_pct90",
    "a_pct10",
    "a_pct25",
    "a_median",
    "a_pct75",
    "a_pct90",
    "footnotes",
    "release",
];

/// Parses OEWS rows from several files; a repeated (area, industry, occupation) is refused.
pub(crate) fn parse(files: &[(&Path, &[u8])]) -> Result<Vec<oews_wage::Model>, ImportError> {
    let mut first_seen: HashMap<(String, String, String), String> = HashMap::new();
    let mut out = Vec::new();
    for (path, bytes) in files {
        Table::open(path, bytes, COLUMNS)?.for_each_row(|row| {
            let key = (row.text("area_code"), row.text("naics"), row.text("occ_code"));
            if key.0.is_empty() || key.1.is_empty() || key.2.is_empty() {
                return Err(row.error("area_code, naics and occ_code are required"));
            }
            let here = format!("{}:{}", path.display(), row.line);
            if let Some(earlier) = first_seen.insert(key.clone(), here) {
                return Err(row.error(format!(
                    "duplicate area {}, industry {}, occupation {} (first at {earlier})",
                    key.0, key.1, key.2
                )));
            }
            let employment = estimate(&row, "tot_emp")?;
            out.push(oews_wage::Model {
                area_code: key.0,
                naics: key.1,
                occ_code: key.2,
                area_title: row.text("area_title"),
                area_type: row.text("area_type"),
                state_fips: row.text("state_fips"),
                naics_title: row.text("naics_title"),
                occ_title: row.text("occ_title"),
                total_employment: employment.map(|e| e.round() as i64),
                hourly_mean: estimate(&row, "h_mean")?,
                annual_mean: estimate(&row, "a_mean")?,
                hourly_p10: estimate(&row, "h_pct10")?,
                hourly_p25: estimate(&row, "h_pct25")?,
                hourly_median: estimate(&row, "h_median")?,
                hourly_p75: estimate(&row, "h_pct75")?,
                hourly_p90: estimate(&row, "h_pct90")?,
                annual_p10: estimate(&row, "a_pct10")?,
                annual_p25: estimate(&row, "a_pct25")?,
                annual_median: estimate(&row, "a_median")?,
                annual_p75: estimate(&row, "a_pct75")?,
                annual_p90: estimate(&row, "a_pct90")?,
                footnotes: row.text("footnotes"),
                release: row.text("release"),
            });
            Ok(())
        })?;
    }
    match files.first() {
        Some((path, _)) => crate::table::non_empty(path, out, "wage estimates"),
        None => Ok(out),
    }
}

/// An estimate, or `None` where BLS publishes a symbol instead of a number:
/// `-`, `*` and `**` (not available / not released) and `#` (at or above the top-coding cap).
fn estimate(row: &Row<'_>, column: &str) -> Result<Option<f64>, ImportError> {
    let text = row.text(column).replace(',', "");
    if text.is_empty() || matches!(text.as_str(), "-" | "*" | "**" | "#" | "~") {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() && value >= 0.0 => Ok(Some(value)),
        _ => Err(row.error(format!("{column} is not a valid number: '{text}'"))),
    }
}
