//! What the importer accepts without complaint: a UTF-8 byte-order mark, headers in any
//! case, extra columns, CRLF line endings, military ZIPs without a state; and how GeoNames and ZCTA combine.
//! SYNTHETIC data from `common`, on both databases.

use crate::common::*;
use importer::{Dataset, ImportOutcome};
use sea_orm::DatabaseConnection;
use service::db_test;

/// The same table with its header rewritten by `header`, an extra column added at the end
/// and, when `bom`, a UTF-8 byte-order mark in front (as NCES publishes HD2024).
fn restyled(csv: &str, header: impl Fn(&str) -> String, bom: bool) -> String {
    let mut lines = csv.lines();
    let mut out = String::from(if bom { "\u{feff}" } else { "" });
    out.push_str(&header(lines.next().unwrap()));
    out.push_str(",EXTRA_Column\n");
    for line in lines {
        out.push_str(line);
        out.push_str(",ignored\n");
    }
    out
}

// Different bytes, same meaning: every dataset is re-imported and yields identical rows.
db_test!(bom_any_case_headers_and_extra_columns_are_accepted, |db: DatabaseConnection| async move {
    let data = Synthetic::new();
    import_all(&db, data.path()).await.unwrap();
    let before = snapshot(&db).await.data();

    let lower = |h: &str| h.to_ascii_lowercase();
    let upper = |h: &str| h.to_ascii_uppercase();
    let mixed = |h: &str| h.replace("zip,lat", "Zip,Lat").replace("state", "STATE");
    // HD also gets Windows line endings, as files saved on Windows have.
    data.write(HD, &restyled(HD_CSV, lower, true).replace('\n', "\r\n"));
    data.write(COMPLETIONS, &restyled(COMPLETIONS_CSV, lower, true));
    data.write(GEONAMES, &restyled(GEONAMES_CSV, mixed, false));
    data.write(ZCTA, &restyled(ZCTA_CSV, upper, true));
    data.write(OEWS_AREA, &restyled(&oews_area_csv(), upper, true));
    data.write(OEWS_INDUSTRY, &restyled(&oews_industry_csv(), upper, false));

    let outcomes = import_all(&db, data.path()).await.unwrap();
    let rows: Vec<u64> = outcomes
        .iter()
        .map(|o| match o {
            ImportOutcome::Imported { rows, .. } => *rows,
            other => panic!("expected a re-import, got {other:?}"),
        })
        .collect();
    assert_eq!(rows, [3, 4, 5, 3]);
    assert_eq!(snapshot(&db).await.data(), before);
});

// GeoNames lists military APO/FPO codes without a state; they are skipped, not refused, even
// when the same ZIP also has a proper row (96860, as in the real file). ZCTA points fill in
// only the ZIPs GeoNames lacks.
db_test!(stateless_geonames_rows_are_skipped_and_zcta_fills_the_gaps, |db: DatabaseConnection| async move {
    let data = Synthetic::new();
    import_all(&db, data.path()).await.unwrap();
    let zips: Vec<_> = snapshot(&db)
        .await
        .zips
        .into_iter()
        .map(|z| (z.zip, z.state, z.city, z.source, z.latitude, z.longitude))
        .collect();
    let row = |zip: &str, state: &str, city: &str, source: &str, lat: f64, lon: f64| {
        (zip.to_string(), state.to_string(), city.to_string(), source.to_string(), lat, lon)
    };
    assert_eq!(
        zips,
        vec![
            // Puerto Rico: not in GeoNames, taken from ZCTA, its state from the USPS prefix.
            row("00601", "PR", "", "zcta", 18.18, -66.75),
            // 09415 (FPO AE) is absent. 62701 keeps GeoNames' point, not ZCTA's 39.79/-89.64.
            row("62701", "IL", "Springfield", "geonames", 39.8, -89.65),
            row("78701", "TX", "Austin", "geonames", 30.27, -97.74),
            row("96860", "HI", "Pearl Harbor", "geonames", 21.35, -157.95),
            row("99501", "AK", "Anchorage", "zcta", 61.21, -149.87),
        ]
    );
});

// A stateless row still has to be well formed: skipping is for military codes, not a way
// round the checks.
db_test!(stateless_rows_are_still_checked, |db: DatabaseConnection| async move {
    let data = Synthetic::new();
    data.write(GEONAMES, &GEONAMES_CSV.replace("09415,50.4406", "09415,150.4406"));
    let err = import_all(&db, data.path()).await.unwrap_err();
    assert_eq!(err.to_string(), data.malformed(GEONAMES, 2, "lat 150.4406 is out of range (±90)"));
    // The datasets before it were imported; the zip table was not touched.
    let snap = snapshot(&db).await;
    assert_eq!((snap.institutions.len(), snap.completions.len(), snap.zips.len()), (3, 4, 0));
});

// The full official C2024_A file (every CIP code, more columns) is preferred over the CIP
// 47.06 extract when both are present; the importer filters the CIP codes itself.
db_test!(the_full_official_completions_file_is_preferred, |db: DatabaseConnection| async move {
    let data = Synthetic::new();
    let full = "UNITID,CIPCODE,MAJORNUM,AWLEVEL,CTOTALT,CTOTALM,CTOTALW,CAIANT\n\
                100001,01.0000,1,3,50,25,25,0\n\
                100001,47.0604,1,3,30,28,2,0\n\
                100002,\"47.0605\",1,5,2,2,0,0\n";
    data.write("ipeds/c2024_a.csv", full);
    let outcomes = import_all(&db, data.path()).await.unwrap();
    assert_eq!(outcomes[1], ImportOutcome::Imported { dataset: Dataset::Completions, rows: 2 });
    let got: Vec<_> = snapshot(&db)
        .await
        .completions
        .into_iter()
        .map(|c| (c.unitid, c.cip_code, c.award_level, c.completions))
        .collect();
    assert_eq!(got, vec![(100001, "47.0604".to_string(), 3, 30), (100002, "47.0605".to_string(), 5, 2)]);
    let run = snapshot(&db).await.runs.into_iter().find(|r| r.dataset == "completions").unwrap();
    assert_eq!(run.source_files, "c2024_a.csv");
});
