//! Importing twice changes nothing; changing a file replaces that dataset's rows.
//! All on the SYNTHETIC data folder from `common`, on SQLite and on PostgreSQL.

use crate::common::{
    COMPLETIONS, COMPLETIONS_CSV, GEONAMES, GEONAMES_CSV, HD, HD_CSV, Synthetic, import_all, snapshot,
};
use entity::{import_run, institution, oews_wage};
use importer::{Dataset, ImportOutcome, SilentProgress};
use sea_orm::{DatabaseConnection, EntityTrait};
use service::db_test;

fn imported(rows: [u64; 4]) -> Vec<ImportOutcome> {
    Dataset::ALL
        .into_iter()
        .zip(rows)
        .map(|(dataset, rows)| ImportOutcome::Imported { dataset, rows })
        .collect()
}

fn unchanged() -> Vec<ImportOutcome> {
    Dataset::ALL.into_iter().map(|dataset| ImportOutcome::Unchanged { dataset }).collect()
}

// The first import loads exactly the rows the synthetic files describe, so the later tests
// compare against a known-good starting point.
db_test!(first_import_loads_the_synthetic_rows, |db: DatabaseConnection| async move {
    let data = Synthetic::new();
    let outcomes = import_all(&db, data.path()).await.unwrap();
    // 3 institutions; 4 kept completions rows; 3 GeoNames + 2 ZCTA zips; 3 OEWS rows.
    assert_eq!(outcomes, imported([3, 4, 5, 3]));

    let snap = snapshot(&db).await;
    let austin = &snap.institutions[1];
    assert_eq!((austin.unitid, austin.name.as_str()), (100002, "Synthetic College, Austin"));
    assert_eq!((austin.state.as_str(), austin.zip.as_str(), austin.sector), ("TX", "78701-1234", 4));
    assert_eq!((austin.latitude, austin.longitude), (30.27, -97.74));

    // Second majors and CIP codes outside the four kinds are not imported.
    let completions: Vec<_> = snap
        .completions
        .iter()
        .map(|c| (c.unitid, c.cip_code.as_str(), c.award_level, c.kind.slug(), c.completions))
        .collect();
    assert_eq!(
        completions,
        vec![
            (100001, "47.0604", 3, "auto", 12),
            (100001, "47.0605", 21, "diesel", 7),
            (100002, "47.0603", 2, "collision", 4),
            (100003, "47.0613", 20, "heavy_truck", 0),
        ]
    );

    // BLS symbols become NULL; "700,000" is a number.
    let national = oews_wage::Entity::find_by_id(("0000000".into(), "000000".into(), "49-3023".into()))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((national.total_employment, national.annual_median), (Some(700_000), Some(50_000.0)));
    // Ordered by (area, industry, occupation): national cross-industry, national 811100, CA.
    let california = &snap.wages[2];
    assert_eq!(
        (california.area_code.as_str(), california.hourly_p90, california.annual_p90),
        ("0000006", None, None)
    );
    assert_eq!((california.footnotes.as_str(), california.release.as_str()), ("5", "May 2025"));
    let repair = &snap.wages[1];
    assert_eq!(
        (repair.naics.as_str(), repair.hourly_p10, repair.hourly_median),
        ("811100", None, Some(23.0))
    );

    let runs: Vec<_> = snap.runs.iter().map(|r| (r.dataset.as_str(), r.rows)).collect();
    assert_eq!(runs, vec![("completions", 4), ("institutions", 3), ("oews_wages", 3), ("zip_centroids", 5)]);
});

// Running the import again on the same bytes is a no-op: every dataset reports Unchanged
// and every row (including the import log's timestamps) stays as it was.
db_test!(second_import_is_unchanged_and_writes_nothing, |db: DatabaseConnection| async move {
    let data = Synthetic::new();
    import_all(&db, data.path()).await.unwrap();
    let before = snapshot(&db).await;

    assert_eq!(import_all(&db, data.path()).await.unwrap(), unchanged());
    assert_eq!(snapshot(&db).await, before);
    // And a third time, for good measure: still nothing.
    assert_eq!(import_all(&db, data.path()).await.unwrap(), unchanged());
    assert_eq!(snapshot(&db).await, before);
});

// Completions hang off institutions, so a changed HD file makes the completions import run
// again even though the completions file itself did not change.
db_test!(changed_hd_updates_in_place_and_reimports_completions, |db: DatabaseConnection| async move {
    let data = Synthetic::new();
    import_all(&db, data.path()).await.unwrap();
    let before = snapshot(&db).await;

    data.write(HD, &HD_CSV.replace("Synthetic Career Center", "Renamed Career Center"));
    let outcomes = import_all(&db, data.path()).await.unwrap();
    assert_eq!(outcomes[..2], imported([3, 4, 0, 0])[..2]);
    assert_eq!(outcomes[2..], unchanged()[2..]);

    let after = snapshot(&db).await;
    assert_eq!(after.institutions[2].name, "Renamed Career Center");
    assert_eq!(after.institutions[..2], before.institutions[..2]);
    assert_eq!(
        (&after.completions, &after.zips, &after.wages),
        (&before.completions, &before.zips, &before.wages)
    );
});

// An institution dropped from HD is deleted together with its completions as soon as the
// institutions are imported; the completions are then imported afresh.
db_test!(institution_removed_from_hd_disappears_with_its_completions, |db: DatabaseConnection| async move {
    let data = Synthetic::new();
    import_all(&db, data.path()).await.unwrap();
    let before = snapshot(&db).await;

    let without =
        |text: &str| text.lines().filter(|l| !l.starts_with("100003,")).collect::<Vec<_>>().join("\n");
    data.write(HD, &without(HD_CSV));
    let outcome = importer::import(&db, data.path(), Dataset::Institutions, &SilentProgress).await.unwrap();
    assert_eq!(outcome, ImportOutcome::Imported { dataset: Dataset::Institutions, rows: 2 });

    let mid = snapshot(&db).await;
    assert_eq!(mid.institutions, before.institutions[..2]);
    assert_eq!(mid.completions, before.completions[..3], "100003's completions went with it");
    assert!(
        import_run::Entity::find_by_id("completions").one(&db).await.unwrap().is_none(),
        "the completions import is marked as needing a re-run"
    );

    data.write(COMPLETIONS, &without(COMPLETIONS_CSV));
    let outcomes = import_all(&db, data.path()).await.unwrap();
    assert_eq!(outcomes[0], ImportOutcome::Unchanged { dataset: Dataset::Institutions });
    assert_eq!(outcomes[1], ImportOutcome::Imported { dataset: Dataset::Completions, rows: 3 });
    let after = snapshot(&db).await;
    assert_eq!((&after.institutions, &after.completions), (&mid.institutions, &mid.completions));
    assert!(institution::Entity::find_by_id(100003).one(&db).await.unwrap().is_none());
});

// Other datasets are replaced wholesale: a ZIP dropped from GeoNames is gone after the
// re-import (it is not in the ZCTA file either), and only that dataset is re-imported.
db_test!(changed_zip_file_replaces_the_centroids, |db: DatabaseConnection| async move {
    let data = Synthetic::new();
    import_all(&db, data.path()).await.unwrap();
    let before = snapshot(&db).await;

    data.write(GEONAMES, &GEONAMES_CSV.replace("78701,30.27,-97.74,Austin,TX,Texas,Travis,453,4\n", ""));
    let outcomes = import_all(&db, data.path()).await.unwrap();
    assert_eq!(outcomes[2], ImportOutcome::Imported { dataset: Dataset::ZipCentroids, rows: 4 });
    assert_eq!([&outcomes[..2], &outcomes[3..]].concat(), [&unchanged()[..2], &unchanged()[3..]].concat());

    let after = snapshot(&db).await;
    let zips: Vec<&str> = after.zips.iter().map(|z| z.zip.as_str()).collect();
    assert_eq!(zips, ["00601", "62701", "96860", "99501"]);
    assert_eq!(after.zips[0].state, "PR", "a ZCTA point without a state takes its USPS prefix's");
    assert_eq!((&after.institutions, &after.wages), (&before.institutions, &before.wages));
});
