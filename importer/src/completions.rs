//! IPEDS C_A completions: first majors in the four technician CIP codes.
use std::{
    collections::{HashMap, HashSet},
    path::Path,
};

use domain::ProgramKind;
use entity::program_completion;

use crate::{ImportError, table::Table};

const COLUMNS: &[&str] = &["UNITID", "CIPCODE", "MAJORNUM", "AWLEVEL", "CTOTALT"];

/// Parses the rows Bayline keeps (CIP 47.0603/47.0604/47.0605/47.0613, MAJORNUM 1).
/// Every kept row must name an institution in `known_unitids`.
pub(crate) fn parse(
    path: &Path,
    bytes: &[u8],
    known_unitids: &HashSet<i32>,
) -> Result<Vec<program_completion::Model>, ImportError> {
    let mut first_line: HashMap<(i32, String, i16), u64> = HashMap::new();
    let mut out = Vec::new();
    Table::open(path, bytes, COLUMNS)?.for_each_row(|row| {
        let unitid: i32 = row.parse("UNITID")?;
        let cip = normalise_cip(&row.text("CIPCODE"));
        let major: i16 = row.parse("MAJORNUM")?;
        let Some(kind) = ProgramKind::from_cip(&cip) else { return Ok(()) };
        if major != 1 {
            return Ok(());
        }
        let award_level: i16 = row.parse("AWLEVEL")?;
        let completions: i32 = row.parse("CTOTALT")?;
        if completions < 0 {
            return Err(row.error(format!("CTOTALT {completions} is negative")));
        }
        if !known_unitids.contains(&unitid) {
            return Err(row.error(format!(
                "UNITID {unitid} is not among the imported institutions (import the HD file first)"
            )));
        }
        if let Some(earlier) = first_line.insert((unitid, cip.clone(), award_level), row.line) {
            return Err(row.error(format!(
                "duplicate UNITID {unitid}, CIPCODE {cip}, AWLEVEL {award_level} (first on line {earlier})"
            )));
        }
        out.push(program_completion::Model { unitid, cip_code: cip, award_level, kind, completions });
        Ok(())
    })?;
    crate::table::non_empty(path, out, "rows for CIP 47.0603, 47.0604, 47.0605 or 47.0613 (first majors)")
}

/// NCES writes CIP codes as text ("47.0604"); spreadsheets turn them into numbers that
/// lose trailing zeros ("47.06"). Restore the two-digit series and four-digit subseries.
fn normalise_cip(raw: &str) -> String {
    let raw = raw.trim().trim_matches('"');
    match raw.split_once('.') {
        Some((series, sub)) => format!("{series:0>2}.{sub:0<4}"),
        None => raw.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::normalise_cip;

    #[test]
    fn normalises_cip_codes_mangled_by_spreadsheets() {
        assert_eq!(normalise_cip("47.0604"), "47.0604");
        assert_eq!(normalise_cip("47.06"), "47.0600");
        assert_eq!(normalise_cip("1.0101"), "01.0101");
    }
}
