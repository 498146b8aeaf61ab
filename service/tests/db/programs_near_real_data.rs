//! Radius searches over the real imported programs equal an independent great-circle
//! computation: the expected answers come from IPEDS's convenience extract
//! (automotive_programs.csv, with its own lat/lon) and the GeoNames ZIP file, read here with
//! the `csv` crate, never through Bayline's importer or index.
use std::{collections::HashMap, path::PathBuf};

use domain::{AwardLevel, LatLon, ProgramKind, Sector, programs::ProgramFilter};
use sea_orm::DatabaseConnection;
use service::{db_test, programs};

fn data_dir() -> PathBuf {
    std::env::var_os("BAYLINE_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"))
}

/// One institution of the extract, with its programs read from the official completions file.
struct School {
    unitid: i32,
    lat: f64,
    lon: f64,
    /// The extract's own sector label, e.g. "Public 2-year".
    sector: String,
    /// (CIP code, IPEDS AWLEVEL, CTOTALT) of each first-major row of the four CIP codes.
    rows: Vec<(String, i16, u64)>,
}

struct Expected {
    schools: Vec<School>,
    zips: HashMap<String, (f64, f64)>,
}

/// The CIP codes and award levels written out here rather than taken from `domain`.
fn cip_of(kind: ProgramKind) -> &'static str {
    match kind {
        ProgramKind::Auto => "47.0604",
        ProgramKind::Diesel => "47.0605",
        ProgramKind::Collision => "47.0603",
        ProgramKind::HeavyTruck => "47.0613",
    }
}

fn read_expected() -> Expected {
    let dir = data_dir();
    let mut rows: HashMap<i32, Vec<(String, i16, u64)>> = HashMap::new();
    let mut reader = csv::Reader::from_path(dir.join("ipeds/c2024_a_cip4706.csv")).unwrap();
    for row in reader.deserialize::<HashMap<String, String>>() {
        let row = row.unwrap();
        let cip = row["CIPCODE"].clone();
        if row["MAJORNUM"] != "1" || !["47.0604", "47.0605", "47.0603", "47.0613"].contains(&cip.as_str()) {
            continue;
        }
        rows.entry(row["UNITID"].parse().unwrap()).or_default().push((
            cip,
            row["AWLEVEL"].parse().unwrap(),
            row["CTOTALT"].parse().unwrap(),
        ));
    }
    let mut schools = Vec::new();
    let mut reader = csv::Reader::from_path(dir.join("ipeds/automotive_programs.csv")).unwrap();
    for row in reader.deserialize::<HashMap<String, String>>() {
        let row = row.unwrap();
        let unitid: i32 = row["unitid"].parse().unwrap();
        schools.push(School {
            unitid,
            lat: row["lat"].parse().unwrap(),
            lon: row["lon"].parse().unwrap(),
            sector: row["sector"].clone(),
            rows: rows.remove(&unitid).unwrap_or_default(),
        });
    }
    assert!(rows.is_empty(), "every institution with rows is in the extract");
    let mut zips = HashMap::new();
    let mut reader = csv::Reader::from_path(dir.join("zip/us_zip_centroids_geonames.csv")).unwrap();
    for row in reader.deserialize::<HashMap<String, String>>() {
        let row = row.unwrap();
        if !row["state"].is_empty() {
            zips.insert(row["zip"].clone(), (row["lat"].parse().unwrap(), row["lon"].parse().unwrap()));
        }
    }
    Expected { schools, zips }
}

/// The extract's label for a sector, written out here rather than taken from `domain`.
fn extract_label(sector: Sector) -> &'static str {
    match sector {
        Sector::Public4Year => "Public 4-year+",
        Sector::PrivateNonprofit4Year => "Private nonprofit 4-year+",
        Sector::PrivateForProfit4Year => "Private for-profit 4-year+",
        Sector::Public2Year => "Public 2-year",
        Sector::PrivateNonprofit2Year => "Private nonprofit 2-year",
        Sector::PrivateForProfit2Year => "Private for-profit 2-year",
        Sector::PublicUnder2Year => "Public <2-year",
        Sector::PrivateNonprofitUnder2Year => "Private nonprofit <2-year",
        Sector::PrivateForProfitUnder2Year => "Private for-profit <2-year",
    }
}

/// Whether a school passes the filter, judged per row: one row must have the kind's CIP,
/// the award's AWLEVEL and (unless zeros are included) a positive CTOTALT.
fn expected_match(school: &School, filter: &ProgramFilter) -> bool {
    if filter.sector.is_some_and(|s| extract_label(s) != school.sector) {
        return false;
    }
    if filter.kind.is_none() && filter.award.is_none() {
        return true;
    }
    school.rows.iter().any(|(cip, level, awards)| {
        filter.kind.is_none_or(|k| cip_of(k) == cip)
            && filter.award.is_none_or(|a| ipeds_code(a) == *level)
            && (filter.include_zero || *awards > 0)
    })
}

fn ipeds_code(award: AwardLevel) -> i16 {
    match award {
        AwardLevel::CertificateUnder12Weeks => 20,
        AwardLevel::CertificateUnder1Year => 21,
        AwardLevel::Certificate1To2Years => 2,
        AwardLevel::Associate => 3,
        AwardLevel::Certificate2To4Years => 4,
        AwardLevel::Bachelor => 5,
    }
}

/// Haversine written out again, on purpose, rather than calling `LatLon::distance_mi`.
fn great_circle_mi(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
    let h = ((p2 - p1) / 2.0).sin().powi(2)
        + p1.cos() * p2.cos() * ((b.1 - a.1).to_radians() / 2.0).sin().powi(2);
    2.0 * 3958.8 * h.sqrt().asin()
}

db_test!(radius_results_equal_an_independent_computation, |db: DatabaseConnection| async move {
    importer::import_all(&db, &data_dir(), &importer::SilentProgress).await.unwrap();
    let index = programs::ProgramIndex::new(programs::load_programs(&db).await.unwrap());
    assert_eq!(index.len(), 848);
    let expected = read_expected();
    // Detroit, Manhattan, Los Angeles, rural Montana, Anchorage, Honolulu, Miami; and a
    // radius in the Alaskan interior that holds no program. Then combined filters, which
    // must hold for one and the same program.
    let f = |kind, award, sector, include_zero| ProgramFilter { kind, award, sector, include_zero };
    let any = ProgramFilter::default();
    let cases: Vec<(&str, u16, ProgramFilter)> = vec![
        ("48201", 25, any),
        // Henry Ford College lists diesel but awarded none in 2023-24: only zeros included
        // find it within 50 miles.
        ("48201", 50, f(Some(ProgramKind::Diesel), None, None, true)),
        ("48201", 100, f(Some(ProgramKind::Diesel), None, None, false)),
        ("10001", 10, any),
        ("90012", 30, f(Some(ProgramKind::Collision), None, None, false)),
        ("59301", 200, any),
        ("99501", 100, any),
        ("96813", 20, any),
        ("33101", 500, f(Some(ProgramKind::HeavyTruck), None, None, false)),
        ("99723", 50, any),
        ("64106", 500, f(Some(ProgramKind::Diesel), Some(AwardLevel::Associate), None, false)),
        ("64106", 500, f(Some(ProgramKind::Diesel), Some(AwardLevel::Associate), None, true)),
        ("64106", 500, f(None, Some(AwardLevel::CertificateUnder12Weeks), None, false)),
        (
            "48201",
            250,
            f(
                Some(ProgramKind::Auto),
                Some(AwardLevel::Certificate1To2Years),
                Some(Sector::Public2Year),
                false,
            ),
        ),
        ("30303", 500, f(Some(ProgramKind::Collision), None, Some(Sector::PrivateForProfit2Year), true)),
        ("60601", 500, f(None, None, Some(Sector::PrivateNonprofit4Year), false)),
    ];
    let mut combined = Vec::new();
    for (zip, radius, filter) in cases {
        let origin = expected.zips[zip];
        let mut want: Vec<(i32, f64)> = expected
            .schools
            .iter()
            .filter(|school| expected_match(school, &filter))
            .map(|school| (school.unitid, great_circle_mi(origin, (school.lat, school.lon))))
            .filter(|(_, d)| *d <= f64::from(radius))
            .collect();
        want.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));

        let place = programs::zip_place(&db, zip).await.unwrap().expect(zip);
        assert_eq!((place.location.lat, place.location.lon), origin, "{zip} centroid is GeoNames's");
        let got = index.within(LatLon::new(origin.0, origin.1).unwrap(), f64::from(radius), &filter);
        let got_ids: Vec<i32> = got.iter().map(|(_, p)| p.unitid).collect();
        let want_ids: Vec<i32> = want.iter().map(|(id, _)| *id).collect();
        assert_eq!(got_ids, want_ids, "{zip} within {radius} mi, {filter:?}");
        if zip == "64106" && filter.award == Some(AwardLevel::Associate) {
            combined.push(got_ids.len());
        }
        for ((d, _), (_, w)) in got.iter().zip(&want) {
            assert!((d - w).abs() < 1e-6, "{zip}: distance {d} vs {w}");
        }
        if zip == "99723" {
            assert!(got.is_empty(), "no program within 50 miles of Utqiagvik");
        } else {
            assert!(!got.is_empty(), "{zip} within {radius} should find programs ({filter:?})");
        }
    }
    // Per institution, 72 schools within 500 miles of Kansas City teach diesel and award
    // associate degrees; 56 of them report a diesel associate program, and 46 of those
    // awarded at least one in 2023-24.
    assert_eq!(combined, [46, 56]);
});
