//! Malformed files are refused with `file:line: message`, and the database is left exactly
//! as the previous (valid) import made it. SYNTHETIC data from `common`, on both databases.
//!
//! Each test first imports the valid synthetic folder, then breaks one file at a time; after
//! every refusal the file is restored, so the cases in one test are independent.
mod common;

use common::*;
use sea_orm::DatabaseConnection;
use service::db_test;

/// Writes `contents` to `file`, checks that `import_all` fails with exactly `expected` and
/// that no table changed, then restores the file.
async fn assert_refused(
    db: &DatabaseConnection,
    data: &Synthetic,
    file: &str,
    contents: &str,
    expected: String,
) {
    let before = snapshot(db).await;
    let original = data.read(file);
    data.write(file, contents);
    let err = import_all(db, data.path())
        .await
        .expect_err(&format!("{file} should be refused: {expected}"));
    assert_eq!(err.to_string(), expected);
    assert!(
        matches!(err, importer::ImportError::Malformed { .. }),
        "{err:?}"
    );
    assert_eq!(
        snapshot(db).await,
        before,
        "the refused import of {file} changed the database"
    );
    data.write_bytes(file, &original);
}

/// A valid synthetic import to break things against.
async fn imported(db: &DatabaseConnection) -> Synthetic {
    let data = Synthetic::new();
    import_all(db, data.path())
        .await
        .expect("the valid synthetic files import");
    data
}

db_test!(
    hd_file_errors_name_file_and_line,
    |db: DatabaseConnection| async move {
        let data = imported(&db).await;
        let cases = [
            // A required column is absent: reported on the header line.
            (
                HD_CSV.replace(",LATITUDE\n", "\n").replace(",39.8\n", "\n"),
                1,
                "missing column LATITUDE",
            ),
            (
                HD_CSV.replace(",7,-149.9", ",seven,-149.9"),
                4,
                "SECTOR is not a valid number: 'seven'",
            ),
            (
                HD_CSV.replace("4,-97.74,30.27", "4,-97.74,91"),
                3,
                "LATITUDE 91 is out of range (±90)",
            ),
            (
                HD_CSV.replace("-89.65,39.8", "-180.5,39.8"),
                2,
                "LONGITUD -180.5 is out of range (±180)",
            ),
            (
                HD_CSV.replace("4,-89.65,39.8", "4,NaN,39.8"),
                2,
                "LONGITUD NaN is out of range (±180)",
            ),
            (
                HD_CSV.replace("4,-89.65,39.8", "4,,39.8"),
                2,
                "LONGITUD is empty",
            ),
            (
                HD_CSV.replace("100003,", "100001,"),
                4,
                "duplicate UNITID 100001",
            ),
            (
                HD_CSV.replace("Springfield,IL", "Springfield,Il"),
                2,
                "STABBR 'Il' is not a two-letter code",
            ),
            // The file cut off in the middle of its last row.
            (
                HD_CSV[..HD_CSV.find("3 Elm Rd").unwrap()].to_string(),
                4,
                "truncated or malformed row: expected 11 fields, found 4",
            ),
            // A header and nothing else is a valid (empty) file, but zero bytes is not.
            (String::new(), 1, "the file is empty"),
        ];
        for (contents, line, message) in cases {
            assert_refused(&db, &data, HD, &contents, data.malformed(HD, line, message)).await;
        }
    }
);

db_test!(
    completions_file_errors_name_file_and_line,
    |db: DatabaseConnection| async move {
        let data = imported(&db).await;
        let cases = [
            (
                COMPLETIONS_CSV.replace("AWLEVEL,", "AWARD,"),
                1,
                "missing column AWLEVEL",
            ),
            (
                COMPLETIONS_CSV.replace("1,21,7,", "1,21,seven,"),
                4,
                "CTOTALT is not a valid number: 'seven'",
            ),
            (
                COMPLETIONS_CSV.replace("1,20,0,", "1,20,-1,"),
                7,
                "CTOTALT -1 is negative",
            ),
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
            assert_refused(
                &db,
                &data,
                COMPLETIONS,
                &contents,
                data.malformed(COMPLETIONS, line, message),
            )
            .await;
        }
    }
);

db_test!(
    zip_file_errors_name_file_and_line,
    |db: DatabaseConnection| async move {
        let data = imported(&db).await;
        let geonames = [
            (
                GEONAMES_CSV.replace("zip,lat,lon,", "zip,latitude,lon,"),
                1,
                "missing column lat",
            ),
            (
                GEONAMES_CSV.replace("39.8,-89.65", "39.8.1,-89.65"),
                3,
                "lat is not a valid number: '39.8.1'",
            ),
            (
                GEONAMES_CSV.replace("21.35,-157.95,Pearl", "95.5,-157.95,Pearl"),
                5,
                "lat 95.5 is out of range (±90)",
            ),
            (
                GEONAMES_CSV.replace("30.27,-97.74", "30.27,197.74"),
                4,
                "lon 197.74 is out of range (±180)",
            ),
            // Two rows with a state for one ZIP (the stateless FPO duplicate is fine, see below).
            (
                format!("{GEONAMES_CSV}62701,39.7,-89.6,Springfield,IL,Illinois,Sangamon,167,4\n"),
                7,
                "duplicate zip 62701 (first on line 3)",
            ),
            // A spreadsheet dropped the leading zero.
            (
                GEONAMES_CSV.replace("09415,", "9415,"),
                2,
                "zip '9415' is not five digits",
            ),
            (
                GEONAMES_CSV.replace("Travis,453,4\n", "Travis\n"),
                4,
                "truncated or malformed row: expected 9 fields, found 7",
            ),
        ];
        for (contents, line, message) in geonames {
            assert_refused(
                &db,
                &data,
                GEONAMES,
                &contents,
                data.malformed(GEONAMES, line, message),
            )
            .await;
        }
        let zcta = [
            (
                ZCTA_CSV.replace(",state\n", "\n"),
                1,
                "missing column state",
            ),
            (
                ZCTA_CSV.replace("18.18,", "north,"),
                2,
                "lat is not a valid number: 'north'",
            ),
            (
                ZCTA_CSV.replace("61.21,", "-90.5,"),
                4,
                "lat -90.5 is out of range (±90)",
            ),
            (
                format!("{ZCTA_CSV}00601,18.2,-66.7,,\n"),
                5,
                "duplicate zip 00601 (first on line 2)",
            ),
        ];
        for (contents, line, message) in zcta {
            assert_refused(
                &db,
                &data,
                ZCTA,
                &contents,
                data.malformed(ZCTA, line, message),
            )
            .await;
        }
    }
);

db_test!(
    oews_file_errors_name_file_and_line,
    |db: DatabaseConnection| async move {
        let data = imported(&db).await;
        let area = oews_area_csv();
        let cases = [
            (
                area.replacen("occ_code,", "soc_code,", 1),
                1,
                "missing column occ_code",
            ),
            (
                area.replace("37000,44000,58000,", "37000,44000,58k,"),
                3,
                "a_median is not a valid number: '58k'",
            ),
            (
                area.replace("70000,1.5,", "-70000,1.5,"),
                3,
                "tot_emp is not a valid number: '-70000'",
            ),
            (
                area.replace("0000006,California", ",California"),
                3,
                "area_code, naics and occ_code are required",
            ),
            (
                area.replace("0000006,California", "0000000,California"),
                3,
                "duplicate area 0000000, industry 000000, occupation 49-3023 (first at {area}:2)",
            ),
            (
                area.replace(",2025,May 2025,SYN2", ""),
                3,
                "truncated or malformed row: expected 29 fields, found 26",
            ),
        ];
        for (contents, line, message) in cases {
            let message = message.replace("{area}", &data.file(OEWS_AREA).display().to_string());
            assert_refused(
                &db,
                &data,
                OEWS_AREA,
                &contents,
                data.malformed(OEWS_AREA, line, &message),
            )
            .await;
        }

        // The key must be unique across both OEWS files: the by-industry file repeating the
        // national cross-industry row is refused, naming where it was first seen.
        let first = area.lines().nth(1).unwrap();
        let expected = format!(
            "duplicate area 0000000, industry 000000, occupation 49-3023 (first at {}:2)",
            data.file(OEWS_AREA).display()
        );
        let industry = format!("{}{first}\n", oews_industry_csv());
        assert_refused(
            &db,
            &data,
            OEWS_INDUSTRY,
            &industry,
            data.malformed(OEWS_INDUSTRY, 3, &expected),
        )
        .await;
    }
);

// A missing file is a MissingFile error naming the dataset and the accepted names; the
// datasets before it are unchanged and nothing is written.
db_test!(
    missing_file_is_reported_clearly,
    |db: DatabaseConnection| async move {
        let data = imported(&db).await;
        let before = snapshot(&db).await;
        data.remove(OEWS_INDUSTRY);
        let err = import_all(&db, data.path()).await.unwrap_err();
        assert!(
            matches!(err, importer::ImportError::MissingFile(_)),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!(
                "oews_wages: none of {OEWS_INDUSTRY} found in {}",
                data.path().display()
            )
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
    }
);
