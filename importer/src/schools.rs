//! An operator's list of schools: Bayline's own columns (`name,street,city,state,zip,kinds,
//! level,web_host,nces_id,aef_accredited_until,lat,lon`, the last five optional, plus an
//! optional `email` to invite the school at), or the NCES Common Core of Data directory's
//! (`NCESSCH, SCH_NAME, LSTREET1, LCITY, LSTATE, LZIP, SCH_TYPE`, with EDGE `LAT`/`LON`), so
//! an operator can start from the federal file and keep the rows they know teach automotive.
//!
//! Every row is checked against the ZIP centroids already imported: the ZIP must be known
//! and in the row's state. A row without coordinates takes its ZIP code's centroid.
use std::collections::HashMap;

use chrono::NaiveDate;
use domain::{ProgramKind, schools::SchoolLevel};

use crate::{
    ImportError,
    table::{Row, Table},
};

/// Where a ZIP code is, as the centroid tables say.
#[derive(Debug, Clone)]
pub struct ZipPoint {
    pub state: String,
    pub lat: f64,
    pub lon: f64,
}

/// One school of the list, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolRow {
    pub line: u64,
    pub name: String,
    pub name_key: String,
    pub street: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub kinds: Vec<ProgramKind>,
    pub level: SchoolLevel,
    pub web_host: String,
    pub nces_id: Option<String>,
    pub aef_accredited_until: Option<NaiveDate>,
    pub lat: f64,
    pub lon: f64,
    pub located_by_zip: bool,
    pub email: Option<String>,
}

/// The column names of one of the two layouts.
struct Layout {
    name: &'static str,
    street: &'static str,
    city: &'static str,
    state: &'static str,
    zip: &'static str,
    level: &'static str,
    web_host: &'static str,
    nces_id: &'static str,
    lat: &'static str,
    lon: &'static str,
}

const OURS: Layout = Layout {
    name: "name",
    street: "street",
    city: "city",
    state: "state",
    zip: "zip",
    level: "level",
    web_host: "web_host",
    nces_id: "nces_id",
    lat: "lat",
    lon: "lon",
};

const CCD: Layout = Layout {
    name: "SCH_NAME",
    street: "LSTREET1",
    city: "LCITY",
    state: "LSTATE",
    zip: "LZIP",
    level: "SCH_TYPE",
    web_host: "WEBSITE",
    nces_id: "NCESSCH",
    lat: "LAT",
    lon: "LON",
};

/// Longest school name kept.
const MAX_NAME: usize = 200;

/// The name as rows are matched by: lower case, spaces collapsed.
pub fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Parses and checks every row; the first problem refuses the file.
pub fn parse(
    path: &std::path::Path,
    bytes: &[u8],
    zips: &HashMap<String, ZipPoint>,
) -> Result<Vec<SchoolRow>, ImportError> {
    parse_all(path, bytes, zips, 1).map_err(|mut problems| problems.remove(0))
}

/// Like [`parse`], telling up to `most` problems at once (for the admin's preview): each a
/// `file:line: what is wrong`. A wrong header or a malformed CSV row stops at once.
pub fn parse_all(
    path: &std::path::Path,
    bytes: &[u8],
    zips: &HashMap<String, ZipPoint>,
    most: usize,
) -> Result<Vec<SchoolRow>, Vec<ImportError>> {
    let table = Table::open(path, bytes, &[]).map_err(|e| vec![e])?;
    let layout = if table.has_column(CCD.nces_id) && table.has_column(CCD.name) { &CCD } else { &OURS };
    let required: &[&str] = if std::ptr::eq(layout, &CCD) {
        &[CCD.nces_id, CCD.name, CCD.street, CCD.city, CCD.state, CCD.zip, CCD.level]
    } else {
        &["name", "street", "city", "state", "zip", "kinds", "level"]
    };
    if let Some(missing) = required.iter().find(|c| !table.has_column(c)) {
        return Err(vec![ImportError::at(path, 1, format!("missing column {missing}"))]);
    }
    let mut by_nces: HashMap<String, u64> = HashMap::new();
    let mut by_name: HashMap<(String, String), u64> = HashMap::new();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let read = table.for_each_row(|row| {
        let checked = school(&row, layout, zips).and_then(|school| {
            if let Some(id) = &school.nces_id
                && let Some(first) = by_nces.insert(id.clone(), row.line)
            {
                return Err(row.error(format!("duplicate NCES id {id} (first on line {first})")));
            }
            if let Some(first) = by_name.insert((school.name_key.clone(), school.zip.clone()), row.line) {
                return Err(row.error(format!(
                    "duplicate school '{}' in ZIP {} (first on line {first})",
                    school.name, school.zip
                )));
            }
            Ok(school)
        });
        match checked {
            Ok(school) => out.push(school),
            Err(problem) => problems.push(problem),
        }
        // Enough to act on; the rest can wait for the corrected file.
        if problems.len() >= most { Err(problems.pop().expect("just pushed")) } else { Ok(()) }
    });
    if let Err(last) = read {
        problems.push(last);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    crate::table::non_empty(path, out, "schools").map_err(|e| vec![e])
}

fn school(
    row: &Row<'_>,
    layout: &Layout,
    zips: &HashMap<String, ZipPoint>,
) -> Result<SchoolRow, ImportError> {
    let name = row.text(layout.name);
    if name.is_empty() {
        return Err(row.error(format!("{} is empty", layout.name)));
    }
    if name.chars().count() > MAX_NAME {
        return Err(row.error(format!("{} is longer than {MAX_NAME} characters", layout.name)));
    }
    let state = row.text(layout.state).to_ascii_uppercase();
    if state.len() != 2 || !state.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(row.error(format!("{} '{state}' is not a two-letter code", layout.state)));
    }
    let zip_text = row.text(layout.zip);
    // ZIP+4 (`48201-1234`) keeps its first five digits.
    let zip = zip_text.split('-').next().unwrap_or_default().to_string();
    if domain::Zip::parse(&zip).is_err() {
        return Err(row.error(format!("{} '{zip_text}' is not a five-digit ZIP code", layout.zip)));
    }
    let Some(point) = zips.get(&zip) else {
        return Err(row.error(format!("ZIP {zip} is not in the ZIP code data")));
    };
    if point.state != state {
        return Err(row.error(format!("ZIP {zip} is in {}, not {state}", point.state)));
    }
    let kinds = kinds(row)?;
    let level = level(row, layout)?;
    let nces_id = row.optional(layout.nces_id).filter(|id| !id.is_empty());
    if let Some(id) = &nces_id
        && (id.len() > 12 || !id.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(row.error(format!("{} '{id}' is not an NCES id (up to 12 digits)", layout.nces_id)));
    }
    let aef_accredited_until = match row.optional("aef_accredited_until").filter(|d| !d.is_empty()) {
        None => None,
        Some(text) => Some(NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| {
            row.error(format!("aef_accredited_until '{text}' is not a date like 2027-06-30"))
        })?),
    };
    let email = row.optional("email").filter(|e| !e.is_empty());
    if let Some(email) = &email
        && !plausible_email(email)
    {
        return Err(row.error(format!("email '{email}' is not an e-mail address")));
    }
    let (lat, lon, located_by_zip) = match (
        row.optional(layout.lat).filter(|v| !v.is_empty()),
        row.optional(layout.lon).filter(|v| !v.is_empty()),
    ) {
        (None, None) => (point.lat, point.lon, true),
        (Some(_), Some(_)) => (row.coordinate(layout.lat, 90.0)?, row.coordinate(layout.lon, 180.0)?, false),
        _ => return Err(row.error(format!("give both {} and {}, or neither", layout.lat, layout.lon))),
    };
    Ok(SchoolRow {
        line: row.line,
        name_key: name_key(&name),
        name,
        street: row.text(layout.street),
        city: row.text(layout.city),
        state,
        zip,
        kinds,
        level,
        web_host: row.optional(layout.web_host).and_then(|w| domain::orgs::site_host(&w)).unwrap_or_default(),
        nces_id,
        aef_accredited_until,
        lat,
        lon,
        located_by_zip,
        email,
    })
}

/// `auto;diesel`: at least one, each once. The federal file has no such column: its rows
/// are the ones the operator kept as teaching automotive.
fn kinds(row: &Row<'_>) -> Result<Vec<ProgramKind>, ImportError> {
    let Some(text) = row.optional("kinds") else { return Ok(vec![ProgramKind::Auto]) };
    let mut kinds = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let kind = ProgramKind::from_slug(&part.to_ascii_lowercase()).ok_or_else(|| {
            row.error(format!("unknown kind '{part}': use auto, diesel, collision or heavy_truck"))
        })?;
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    if kinds.is_empty() {
        return Err(row.error("kinds is empty: use auto, diesel, collision or heavy_truck, separated by ;"));
    }
    Ok(kinds)
}

/// Ours: `high_school`, `cte_center`, `postsecondary`. The CCD's SCH_TYPE: 1 (or "Regular
/// School") is a high school here, 3 ("Career and Technical School") a CTE center; special
/// education and alternative schools are not listed.
fn level(row: &Row<'_>, layout: &Layout) -> Result<SchoolLevel, ImportError> {
    let text = row.text(layout.level);
    if std::ptr::eq(layout, &CCD) {
        return match text.to_ascii_lowercase().as_str() {
            "1" | "regular school" => Ok(SchoolLevel::HighSchool),
            "3" | "career and technical school" => Ok(SchoolLevel::CteCenter),
            _ => Err(row.error(format!(
                "SCH_TYPE '{text}' is not a school Bayline lists: 1 (regular) or 3 (career and technical)"
            ))),
        };
    }
    SchoolLevel::from_slug(&text.to_ascii_lowercase()).ok_or_else(|| {
        row.error(format!("unknown level '{text}': use high_school, cte_center or postsecondary"))
    })
}

fn plausible_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
        && !domain.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zips() -> HashMap<String, ZipPoint> {
        let point = |state: &str, lat, lon| ZipPoint { state: state.into(), lat, lon };
        HashMap::from([
            ("48201".to_string(), point("MI", 42.35, -83.06)),
            ("43004".into(), point("OH", 40.0, -82.8)),
        ])
    }

    fn parse_text(text: &str) -> Result<Vec<SchoolRow>, ImportError> {
        parse(std::path::Path::new("schools.csv"), text.as_bytes(), &zips())
    }

    const HEADER: &str =
        "name,street,city,state,zip,kinds,level,web_host,nces_id,aef_accredited_until,lat,lon\n";

    #[test]
    fn reads_a_row_and_fills_the_point_from_the_zip() {
        let rows = parse_text(&format!(
            "{HEADER}SYNTHETIC  Westside High,1 Main St,Detroit,mi,48201-1234,auto; diesel,high_school,https://www.westside.example.org/cte,,,,\n"
        ))
        .unwrap();
        let row = &rows[0];
        assert_eq!(
            (row.name_key.as_str(), row.state.as_str(), row.zip.as_str()),
            ("synthetic westside high", "MI", "48201")
        );
        assert_eq!(row.kinds, vec![ProgramKind::Auto, ProgramKind::Diesel]);
        assert_eq!(row.web_host, "westside.example.org");
        assert!(row.located_by_zip);
        assert_eq!((row.lat, row.lon), (42.35, -83.06));
    }

    #[test]
    fn reads_the_federal_directorys_columns() {
        let rows = parse_text(
            "NCESSCH,SCH_NAME,LSTREET1,LCITY,LSTATE,LZIP,SCH_TYPE,LAT,LON\n260000000001,SYNTHETIC Career Center,2 Oak,Detroit,MI,48201,3,42.3,-83.1\n",
        )
        .unwrap();
        assert_eq!(rows[0].level, SchoolLevel::CteCenter);
        assert_eq!(rows[0].kinds, vec![ProgramKind::Auto]);
        assert_eq!(rows[0].nces_id.as_deref(), Some("260000000001"));
        assert!(!rows[0].located_by_zip);
    }

    #[test]
    fn the_preview_tells_several_problems_at_once() {
        let text = format!(
            "{HEADER}A,1 Main,Detroit,MI,4820,auto,high_school,,,,,\nB,2 Elm,Detroit,MI,48201,auto,high_school,,,,,\nC,3 Oak,Detroit,OH,48201,auto,high_school,,,,,\n"
        );
        let problems =
            parse_all(std::path::Path::new("schools.csv"), text.as_bytes(), &zips(), 10).unwrap_err();
        let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "schools.csv:2: zip '4820' is not a five-digit ZIP code",
                "schools.csv:4: ZIP 48201 is in MI, not OH"
            ]
        );
        let first = parse_all(std::path::Path::new("schools.csv"), text.as_bytes(), &zips(), 1).unwrap_err();
        assert_eq!(first.len(), 1);
    }

    #[test]
    fn says_what_is_wrong_and_where() {
        let cases = [
            (
                "name,street,city,state,zip,level\nA,B,C,MI,48201,high_school\n",
                "schools.csv:1: missing column kinds",
            ),
            (
                &format!("{HEADER}A,1 Main,Detroit,MI,4820,auto,high_school,,,,,\n"),
                "schools.csv:2: zip '4820' is not a five-digit ZIP code",
            ),
            (
                &format!("{HEADER}A,1 Main,Delaware,OH,48201,auto,high_school,,,,,\n"),
                "schools.csv:2: ZIP 48201 is in MI, not OH",
            ),
            (
                &format!("{HEADER}A,1 Main,Detroit,MI,99999,auto,high_school,,,,,\n"),
                "schools.csv:2: ZIP 99999 is not in the ZIP code data",
            ),
            (
                &format!("{HEADER}A,1 Main,Detroit,MI,48201,boats,high_school,,,,,\n"),
                "schools.csv:2: unknown kind 'boats': use auto, diesel, collision or heavy_truck",
            ),
            (
                &format!("{HEADER}A,1 Main,Detroit,MI,48201,auto,middle_school,,,,,\n"),
                "schools.csv:2: unknown level 'middle_school': use high_school, cte_center or postsecondary",
            ),
            (
                &format!("{HEADER}A,1 Main,Detroit,MI,48201,auto,high_school,,,,42.3,\n"),
                "schools.csv:2: give both lat and lon, or neither",
            ),
            (
                &format!("{HEADER}A,1 Main,Detroit,MI,48201,auto,high_school,,,2027-13-01,,\n"),
                "schools.csv:2: aef_accredited_until '2027-13-01' is not a date like 2027-06-30",
            ),
            (
                &format!(
                    "{HEADER}A,1 Main,Detroit,MI,48201,auto,high_school,,,,,\na , 2 Elm,Detroit,MI,48201,diesel,high_school,,,,,\n"
                ),
                "schools.csv:3: duplicate school 'a' in ZIP 48201 (first on line 2)",
            ),
            (
                &format!(
                    "{HEADER}A,1 Main,Detroit,MI,48201,auto,high_school,,7,,,\nB,2 Elm,Detroit,MI,48201,auto,high_school,,7,,,\n"
                ),
                "schools.csv:3: duplicate NCES id 7 (first on line 2)",
            ),
            (HEADER, "schools.csv:2: the file has no schools"),
        ];
        for (text, message) in cases {
            let error = parse_text(text).unwrap_err();
            assert_eq!(error.to_string(), message, "{text}");
        }
    }
}
