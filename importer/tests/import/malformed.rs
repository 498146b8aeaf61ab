//! Malformed IPEDS files (HD, completions) and missing files are refused with
//! `file:line: message`, and the database is left exactly as the previous (valid) import
//! made it. SYNTHETIC data from `common`, on both databases.
//!
//! Each test first imports the valid synthetic folder, then breaks one file at a time; after
//! every refusal the file is restored, so the cases in one test are independent.

use crate::common::*;
use sea_orm::DatabaseConnection;
use service::db_test;

db_test!(hd_file_errors_name_file_and_line, |db: DatabaseConnection| async move {
    let data = imported_synthetic(&db).await;
    let cases = [
        // A required column is absent: reported on the header line.
        (HD_CSV.replace(",LATITUDE\n", "\n").replace(",39.8\n", "\n"), 1, "missing column LATITUDE"),
        (HD_CSV.replace(",7,-149.9", ",seven,-149.9"), 4, "SECTOR is not a valid number: 'seven'"),
        (HD_CSV.replace("4,-97.74,30.27", "4,-97.74,91"), 3, "LATITUDE 91 is out of range (±90)"),
        (HD_CSV.replace("-89.65,39.8", "-180.5,39.8"), 2, "LONGITUD -180.5 is out of range (±180)"),
        (HD_CSV.replace("4,-89.65,39.8", "4,NaN,39.8"), 2, "LONGITUD NaN is out of range (±180)"),
        (HD_CSV.replace("4,-89.65,39.8", "4,,39.8"), 2, "LONGITUD is empty"),
        (HD_CSV.replace("100003,", "100001,"), 4, "duplicate UNITID 100001 (first on line 2)"),
        (HD_CSV.replace("Springfield,IL", "Springfield,Il"), 2, "STABBR 'Il' is not a two-letter code"),
        // The file cut off in the middle of its last row.
        (
            HD_CSV[..HD_CSV.find("3 Elm Rd").unwrap()].to_string(),
            4,
            "truncated or malformed row: expected 11 fields, found 4",
        ),
        // Zero bytes, or a header with no rows (a failed download), would wipe the table.
        (String::new(), 1, "the file is empty"),
        (HD_CSV[..=HD_CSV.find('\n').unwrap()].to_string(), 2, "the file has no institutions"),
    ];
    for (contents, line, message) in cases {
        assert_refused(&db, &data, HD, &contents, data.malformed(HD, line, message)).await;
    }
});

db_test!(completions_file_errors_name_file_and_line, |db: DatabaseConnection| async move {
    let data = imported_synthetic(&db).await;
    let cases = [
        (COMPLETIONS_CSV.replace("AWLEVEL,", "AWARD,"), 1, "missing column AWLEVEL"),
        (COMPLETIONS_CSV.replace("1,21,7,", "1,21,seven,"), 4, "CTOTALT is not a valid number: 'seven'"),
        (COMPLETIONS_CSV.replace("1,20,0,", "1,20,-1,"), 7, "CTOTALT -1 is negative"),
        (
            COMPLETIONS_CSV.replace("100002,47.0603,1,2,", "100001,47.0604,1,3,"),
            5,
            "duplicate UNITID 100001, CIPCODE 47.0604, AWLEVEL 3 (first on line 2)",
        ),
        (
            format!("{COMPLETIONS_CSV}999999,47.0605,1,3,1,1,0\n"),
            8,
            "UNITID 999999 is not among the imported institutions (import the HD file first)",
        ),
        (
            COMPLETIONS_CSV.replace("100002,47.0603,1,2,4,3,1", "100002,47.0603"),
            5,
            "truncated or malformed row: expected 7 fields, found 2",
        ),
    ];
    for (contents, line, message) in cases {
        assert_refused(&db, &data, COMPLETIONS, &contents, data.malformed(COMPLETIONS, line, message)).await;
    }
});

// A missing file is a MissingFile error naming the dataset and the accepted names; the
// datasets before it are unchanged and nothing is written.
db_test!(missing_file_is_reported_clearly, |db: DatabaseConnection| async move {
    let data = imported_synthetic(&db).await;
    let before = snapshot(&db).await;
    data.remove(OEWS_INDUSTRY);
    let err = import_all(&db, data.path()).await.unwrap_err();
    assert!(matches!(err, importer::ImportError::MissingFile(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!("oews_wages: none of {OEWS_INDUSTRY} found in {}", data.path().display())
    );
    assert_eq!(snapshot(&db).await, before);

    // An empty folder: the first dataset is already missing, listing every accepted name.
    let empty = tempfile::tempdir().unwrap();
    let err = import_all(&db, empty.path()).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "institutions: none of ipeds/hd2024.csv, ipeds/HD2024.csv found in {}",
            empty.path().display()
        )
    );
    assert_eq!(snapshot(&db).await, before);
});
