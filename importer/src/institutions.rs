//! IPEDS HD (institutional characteristics) directory file.
use std::{collections::HashMap, path::Path};

use entity::institution;

use crate::{ImportError, table::Table};

const COLUMNS: &[&str] =
    &["UNITID", "INSTNM", "ADDR", "CITY", "STABBR", "ZIP", "WEBADDR", "SECTOR", "LATITUDE", "LONGITUD"];

/// Parses every institution in an HD file; refuses duplicates and impossible coordinates.
pub(crate) fn parse(path: &Path, bytes: &[u8]) -> Result<Vec<institution::Model>, ImportError> {
    let mut first_line: HashMap<i32, u64> = HashMap::new();
    let mut out = Vec::new();
    Table::open(path, bytes, COLUMNS)?.for_each_row(|row| {
        let unitid: i32 = row.parse("UNITID")?;
        if let Some(earlier) = first_line.insert(unitid, row.line) {
            return Err(row.error(format!("duplicate UNITID {unitid} (first on line {earlier})")));
        }
        let name = row.text("INSTNM");
        if name.is_empty() {
            return Err(row.error("INSTNM is empty"));
        }
        let state = row.text("STABBR");
        if state.len() != 2 || !state.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(row.error(format!("STABBR '{state}' is not a two-letter code")));
        }
        out.push(institution::Model {
            unitid,
            name,
            address: row.text("ADDR"),
            city: row.text("CITY"),
            state,
            zip: row.text("ZIP"),
            website: row.text("WEBADDR"),
            sector: row.parse("SECTOR")?,
            latitude: row.coordinate("LATITUDE", 90.0)?,
            longitude: row.coordinate("LONGITUD", 180.0)?,
        });
        Ok(())
    })?;
    crate::table::non_empty(path, out, "institutions")
}
