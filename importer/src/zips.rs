//! ZIP centroids: GeoNames postal codes first, Census ZCTA internal points for the rest.
use std::{collections::HashMap, path::Path};

use entity::zip_centroid;

use crate::{ImportError, table::Table};

const COLUMNS: &[&str] = &["zip", "lat", "lon", "city", "state"];

/// Parses one centroid file. GeoNames rows without a state are military APO/FPO codes, which
/// have no place on a map, and are skipped; a ZCTA point without a state takes the state or
/// territory of its USPS prefix; any repeated ZIP is refused.
pub(crate) fn parse(
    path: &Path,
    bytes: &[u8],
    source: &str,
) -> Result<Vec<zip_centroid::Model>, ImportError> {
    let mut first_line: HashMap<String, u64> = HashMap::new();
    let mut out = Vec::new();
    Table::open(path, bytes, COLUMNS)?.for_each_row(|row| {
        let zip = row.text("zip");
        if domain::Zip::parse(&zip).is_err() {
            return Err(row.error(format!("zip '{zip}' is not five digits")));
        }
        let latitude = row.coordinate("lat", 90.0)?;
        let longitude = row.coordinate("lon", 180.0)?;
        let mut state = row.text("state");
        if state.is_empty() && source == "geonames" {
            // GeoNames lists the APO/FPO codes by their military post office, without a
            // state; they have no place, and the services recognise them by prefix instead.
            return Ok(());
        }
        if state.is_empty() {
            // Census ZCTA points carry no state in the territories: the USPS prefix says.
            state = match domain::zip_prefix::area_of(&domain::Zip::parse(&zip).expect("checked above")) {
                Some(domain::zip_prefix::ZipArea::Place(code)) => code.to_string(),
                _ => return Err(row.error(format!("zip {zip} has no state and its prefix names none"))),
            };
        }
        if let Some(earlier) = first_line.insert(zip.clone(), row.line) {
            return Err(row.error(format!("duplicate zip {zip} (first on line {earlier})")));
        }
        out.push(zip_centroid::Model {
            zip,
            latitude,
            longitude,
            city: row.text("city"),
            state,
            source: source.to_string(),
        });
        Ok(())
    })?;
    crate::table::non_empty(path, out, "ZIP codes")
}

/// GeoNames rows, then ZCTA rows for ZIPs GeoNames does not have.
pub(crate) fn merge(
    geonames: Vec<zip_centroid::Model>,
    zcta: Vec<zip_centroid::Model>,
) -> Vec<zip_centroid::Model> {
    let known: std::collections::HashSet<String> = geonames.iter().map(|z| z.zip.clone()).collect();
    let mut all = geonames;
    all.extend(zcta.into_iter().filter(|z| !known.contains(&z.zip)));
    all
}
