//! Imports the real official files (IPEDS HD2024 + C2024_A, GeoNames + Census ZCTA, BLS OEWS
//! May 2025) and checks the totals against figures from the data's PROVENANCE.md files and
//! against an independent reading of the CSVs with the `csv` crate.
//!
//! The folder is `BAYLINE_DATA_DIR` if set, else `../../shared/data` next to the workspace.
//! It is read in place, never copied. One import per database: it takes a few seconds.
use std::{
    collections::{BTreeMap, BTreeSet, HashSet},
    path::{Path, PathBuf},
};

use entity::{institution, oews_wage, program_completion, zip_centroid};
use importer::{Dataset, ImportOutcome, SilentProgress};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use service::{db_test, stats};

pub(crate) fn data_dir() -> PathBuf {
    let dir = std::env::var_os("BAYLINE_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"));
    assert!(
        dir.join("ipeds/hd2024.csv").is_file(),
        "real data not found in {} (set BAYLINE_DATA_DIR)",
        dir.display()
    );
    dir
}

/// Reads a CSV into header-keyed rows (independently of the importer's own reader).
pub(crate) fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers: Vec<String> =
        reader.headers().unwrap().iter().map(|h| h.trim_start_matches('\u{feff}').to_string()).collect();
    reader
        .records()
        .map(|r| headers.iter().cloned().zip(r.unwrap().iter().map(str::to_string)).collect())
        .collect()
}

/// Per kind slug: (distinct UNITIDs, sum of CTOTALT), over first majors; plus the number of
/// rows kept. The CIP-to-kind table is written out here rather than taken from `domain`.
fn expected_completions(dir: &Path) -> (BTreeMap<&'static str, (u64, u64)>, u64) {
    let kinds =
        [("47.0604", "auto"), ("47.0605", "diesel"), ("47.0603", "collision"), ("47.0613", "heavy_truck")];
    let mut units: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut sums: BTreeMap<&str, u64> = BTreeMap::new();
    let mut rows = 0;
    for row in read_csv(&dir.join("ipeds/c2024_a_cip4706.csv")) {
        let Some(&(_, kind)) = kinds.iter().find(|(cip, _)| *cip == row["CIPCODE"]) else {
            continue;
        };
        if row["MAJORNUM"] != "1" {
            continue;
        }
        rows += 1;
        units.entry(kind).or_default().insert(row["UNITID"].clone());
        *sums.entry(kind).or_default() += row["CTOTALT"].parse::<u64>().unwrap();
    }
    let by_kind = kinds.iter().map(|&(_, k)| (k, (units[k].len() as u64, sums[k]))).collect();
    (by_kind, rows)
}

/// GeoNames rows that have a state, plus ZCTA ZIPs not among them.
fn expected_zip_rows(dir: &Path) -> u64 {
    let geonames: Vec<String> = read_csv(&dir.join("zip/us_zip_centroids_geonames.csv"))
        .into_iter()
        .filter(|r| !r["state"].is_empty())
        .map(|r| r["zip"].clone())
        .collect();
    let known: HashSet<&String> = geonames.iter().collect();
    assert_eq!(known.len(), geonames.len(), "GeoNames ZIPs with a state are unique");
    let zcta = read_csv(&dir.join("zip/us_zcta_centroids_census2021.csv"));
    let extra = zcta.iter().filter(|r| !known.contains(&r["zip"])).count();
    (geonames.len() + extra) as u64
}

db_test!(imports_the_real_data, |db: DatabaseConnection| async move {
    let dir = data_dir();
    let (by_kind, completion_rows) = expected_completions(&dir);
    let zip_rows = expected_zip_rows(&dir);

    let outcomes = importer::import_all(&db, &dir, &SilentProgress).await.expect("the real data imports");
    let expected: Vec<ImportOutcome> = Dataset::ALL
        .into_iter()
        .zip([6_072, completion_rows, zip_rows, 2_251])
        .map(|(dataset, rows)| ImportOutcome::Imported { dataset, rows })
        .collect();
    assert_eq!(outcomes, expected);

    // Row counts as stored, not just as reported.
    assert_eq!(institution::Entity::find().count(&db).await.unwrap(), 6_072);
    assert_eq!(program_completion::Entity::find().count(&db).await.unwrap(), completion_rows);
    assert_eq!(zip_centroid::Entity::find().count(&db).await.unwrap(), zip_rows);
    assert_eq!(oews_wage::Entity::find().count(&db).await.unwrap(), 2_251);

    // Every ZIP has a state or territory; the territories' come from the USPS prefix table.
    let stateless =
        zip_centroid::Entity::find().filter(zip_centroid::Column::State.eq("")).count(&db).await.unwrap();
    assert_eq!(stateless, 0, "every imported ZIP names its state or territory");
    for (zip, state) in [("00901", "PR"), ("00802", "VI"), ("96910", "GU"), ("96950", "MP"), ("96799", "AS")]
    {
        let place = zip_centroid::Entity::find_by_id(zip.to_string()).one(&db).await.unwrap().expect(zip);
        assert_eq!(place.state, state, "{zip}");
    }
    assert!(
        zip_centroid::Entity::find_by_id("09001".to_string()).one(&db).await.unwrap().is_none(),
        "an APO code has no centroid"
    );

    // Headline figures from ipeds/PROVENANCE.md (automotive_programs.csv).
    let totals = stats::program_totals(&db).await.unwrap();
    assert_eq!((totals.schools, totals.places.len(), totals.completions), (848, 55, 59_135));
    // Programs are institution × CIP code: the kinds' institution counts add up to them.
    assert_eq!(totals.programs, by_kind.values().map(|(units, _)| units).sum::<u64>());
    assert_eq!(totals.programs, 1_565);
    assert_eq!(totals.places_summary, "50 states, 3 territories and 2 freely associated states");
    let got: BTreeMap<&str, (u64, u64)> =
        totals.by_kind.iter().map(|k| (k.kind.slug(), (k.programs, k.completions))).collect();
    assert_eq!(got, by_kind);
    assert_eq!(by_kind.values().map(|(_, n)| n).sum::<u64>(), 59_135);

    // Spot check from wages/PROVENANCE.md: national 49-3023 median $50,620/yr, $24.34/h.
    let national = oews_wage::Entity::find_by_id(("0000000".into(), "000000".into(), "49-3023".into()))
        .one(&db)
        .await
        .unwrap()
        .expect("national cross-industry row for 49-3023");
    assert_eq!(national.annual_median, Some(50_620.0));
    assert_eq!(national.hourly_median, Some(24.34));
    assert_eq!(national.total_employment, Some(704_640));

    // A second run over the same files is a no-op (the synthetic tests check this in depth).
    let again = importer::import_all(&db, &dir, &SilentProgress).await.unwrap();
    assert!(again.iter().all(|o| matches!(o, ImportOutcome::Unchanged { .. })), "{again:?}");
});
