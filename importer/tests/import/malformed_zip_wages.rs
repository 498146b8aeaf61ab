//! Malformed ZIP-centroid (GeoNames, ZCTA) and BLS OEWS files are refused with
//! `file:line: message`, and the database is left exactly as the previous (valid) import
//! made it. SYNTHETIC data from `common`, on both databases; see `malformed.rs` for IPEDS.

use crate::common::*;
use sea_orm::DatabaseConnection;
use service::db_test;

db_test!(zip_file_errors_name_file_and_line, |db: DatabaseConnection| async move {
    let data = imported_synthetic(&db).await;
    let geonames = [
        (GEONAMES_CSV.replace("zip,lat,lon,", "zip,latitude,lon,"), 1, "missing column lat"),
        (GEONAMES_CSV.replace("39.8,-89.65", "39.8.1,-89.65"), 3, "lat is not a valid number: '39.8.1'"),
        (
            GEONAMES_CSV.replace("21.35,-157.95,Pearl", "95.5,-157.95,Pearl"),
            5,
            "lat 95.5 is out of range (±90)",
        ),
        (GEONAMES_CSV.replace("30.27,-97.74", "30.27,197.74"), 4, "lon 197.74 is out of range (±180)"),
        // Two rows with a state for one ZIP (the stateless FPO duplicate is fine, see below).
        (
            format!("{GEONAMES_CSV}62701,39.7,-89.6,Springfield,IL,Illinois,Sangamon,167,4\n"),
            7,
            "duplicate zip 62701 (first on line 3)",
        ),
        // A spreadsheet dropped the leading zero.
        (GEONAMES_CSV.replace("09415,", "9415,"), 2, "zip '9415' is not five digits"),
        (
            GEONAMES_CSV.replace("Travis,453,4\n", "Travis\n"),
            4,
            "truncated or malformed row: expected 9 fields, found 7",
        ),
    ];
    for (contents, line, message) in geonames {
        assert_refused(&db, &data, GEONAMES, &contents, data.malformed(GEONAMES, line, message)).await;
    }
    let zcta = [
        (ZCTA_CSV.replace(",state\n", "\n"), 1, "missing column state"),
        (ZCTA_CSV.replace("18.18,", "north,"), 2, "lat is not a valid number: 'north'"),
        (ZCTA_CSV.replace("61.21,", "-90.5,"), 4, "lat -90.5 is out of range (±90)"),
        (format!("{ZCTA_CSV}00601,18.2,-66.7,,\n"), 5, "duplicate zip 00601 (first on line 2)"),
        // No state, and a prefix USPS has not assigned: nothing can say where it is.
        (format!("{ZCTA_CSV}00001,18.2,-66.7,,\n"), 5, "zip 00001 has no state and its prefix names none"),
        (format!("{ZCTA_CSV}09001,38.1,15.7,,\n"), 5, "zip 09001 has no state and its prefix names none"),
    ];
    for (contents, line, message) in zcta {
        assert_refused(&db, &data, ZCTA, &contents, data.malformed(ZCTA, line, message)).await;
    }
});

db_test!(oews_file_errors_name_file_and_line, |db: DatabaseConnection| async move {
    let data = imported_synthetic(&db).await;
    let area = oews_area_csv();
    let cases = [
        (area.replacen("occ_code,", "soc_code,", 1), 1, "missing column occ_code"),
        (area.replace("37000,44000,58000,", "37000,44000,58k,"), 3, "a_median is not a valid number: '58k'"),
        (area.replace("70000,1.5,", "-70000,1.5,"), 3, "tot_emp is not a valid number: '-70000'"),
        (area.replace("0000006,California", ",California"), 3, "area_code, naics and occ_code are required"),
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
        assert_refused(&db, &data, OEWS_AREA, &contents, data.malformed(OEWS_AREA, line, &message)).await;
    }

    // The key must be unique across both OEWS files: the by-industry file repeating the
    // national cross-industry row is refused, naming where it was first seen.
    let first = area.lines().nth(1).unwrap();
    let expected = format!(
        "duplicate area 0000000, industry 000000, occupation 49-3023 (first at {}:2)",
        data.file(OEWS_AREA).display()
    );
    let industry = format!("{}{first}\n", oews_industry_csv());
    assert_refused(&db, &data, OEWS_INDUSTRY, &industry, data.malformed(OEWS_INDUSTRY, 3, &expected)).await;
});
