//! Radius searches over the real imported programs equal an independent great-circle
//! computation: the expected answers come from IPEDS's convenience extract
//! (automotive_programs.csv, with its own lat/lon) and the GeoNames ZIP file, read here with
//! the `csv` crate, never through Bayline's importer or index.
use std::{collections::HashMap, path::PathBuf};

use domain::{LatLon, ProgramKind, programs::ProgramFilter};
use sea_orm::DatabaseConnection;
use service::{db_test, programs};

fn data_dir() -> PathBuf {
    std::env::var_os("BAYLINE_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"))
}

struct Expected {
    programs: Vec<(i32, f64, f64, Vec<ProgramKind>)>,
    zips: HashMap<String, (f64, f64)>,
}

fn read_expected() -> Expected {
    let dir = data_dir();
    let mut programs = Vec::new();
    let mut reader = csv::Reader::from_path(dir.join("ipeds/automotive_programs.csv")).unwrap();
    for row in reader.deserialize::<HashMap<String, String>>() {
        let row = row.unwrap();
        let mut kinds = Vec::new();
        for (column, kind) in [
            ("completions_470604_auto", ProgramKind::Auto),
            ("completions_470605_diesel", ProgramKind::Diesel),
            ("completions_470603_collision", ProgramKind::Collision),
            ("completions_470613_med_heavy_truck", ProgramKind::HeavyTruck),
        ] {
            if !row[column].is_empty() {
                kinds.push(kind);
            }
        }
        programs.push((
            row["unitid"].parse().unwrap(),
            row["lat"].parse().unwrap(),
            row["lon"].parse().unwrap(),
            kinds,
        ));
    }
    let mut zips = HashMap::new();
    let mut reader = csv::Reader::from_path(dir.join("zip/us_zip_centroids_geonames.csv")).unwrap();
    for row in reader.deserialize::<HashMap<String, String>>() {
        let row = row.unwrap();
        if !row["state"].is_empty() {
            zips.insert(row["zip"].clone(), (row["lat"].parse().unwrap(), row["lon"].parse().unwrap()));
        }
    }
    Expected { programs, zips }
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
    // radius in the Alaskan interior that holds no program.
    let cases: [(&str, u16, Option<ProgramKind>); 9] = [
        ("48201", 25, None),
        ("48201", 50, Some(ProgramKind::Diesel)),
        ("10001", 10, None),
        ("90012", 30, Some(ProgramKind::Collision)),
        ("59301", 200, None),
        ("99501", 100, None),
        ("96813", 20, None),
        ("33101", 500, Some(ProgramKind::HeavyTruck)),
        ("99723", 50, None),
    ];
    for (zip, radius, kind) in cases {
        let origin = expected.zips[zip];
        let mut want: Vec<(i32, f64)> = expected
            .programs
            .iter()
            .filter(|(_, _, _, kinds)| kind.is_none_or(|k| kinds.contains(&k)))
            .map(|(unitid, lat, lon, _)| (*unitid, great_circle_mi(origin, (*lat, *lon))))
            .filter(|(_, d)| *d <= f64::from(radius))
            .collect();
        want.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));

        let place = programs::zip_place(&db, zip).await.unwrap().expect(zip);
        assert_eq!((place.location.lat, place.location.lon), origin, "{zip} centroid is GeoNames's");
        let filter = ProgramFilter { kind, ..Default::default() };
        let got = index.within(LatLon::new(origin.0, origin.1).unwrap(), f64::from(radius), &filter);
        let got_ids: Vec<i32> = got.iter().map(|(_, p)| p.unitid).collect();
        let want_ids: Vec<i32> = want.iter().map(|(id, _)| *id).collect();
        assert_eq!(got_ids, want_ids, "{zip} within {radius} mi, kind {kind:?}");
        for ((d, _), (_, w)) in got.iter().zip(&want) {
            assert!((d - w).abs() < 1e-6, "{zip}: distance {d} vs {w}");
        }
        if zip == "99723" {
            assert!(got.is_empty(), "no program within 50 miles of Utqiagvik");
        } else {
            assert!(!got.is_empty(), "{zip} within {radius} should find programs");
        }
    }
});
