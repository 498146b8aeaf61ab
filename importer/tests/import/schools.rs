//! An operator's school list on both databases: a malformed file is refused with
//! `file:line: what is wrong` and changes nothing; importing the same file again changes
//! nothing; a changed row is updated in place (matched by NCES id, else name and ZIP code);
//! the federal directory's columns are read too. The
//! schools are SYNTHETIC; the ZIP codes are `common`'s synthetic centroids.
use chrono::{TimeZone, Utc};
use entity::school_listing;
use importer::{SchoolImport, SilentProgress};
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};
use service::db_test;

use crate::common::*;

const LIST: &str = "\
name,street,city,state,zip,kinds,level,web_host,nces_id,aef_accredited_until,lat,lon
SYNTHETIC Capitol High,1 Main St,Springfield,IL,62701,auto;collision,high_school,https://www.capitol.example.org/cte,170000000001,2027-06-30,,
SYNTHETIC Lone Star Career Center,2 Oak Ave,Austin,TX,78701,diesel,cte_center,,,,30.28,-97.73
";

async fn listings(db: &DatabaseConnection) -> Vec<school_listing::Model> {
    school_listing::Entity::find().order_by_asc(school_listing::Column::Id).all(db).await.unwrap()
}

async fn import(
    db: &DatabaseConnection,
    data: &Synthetic,
    text: &str,
) -> Result<SchoolImport, importer::ImportError> {
    data.write("schools.csv", text);
    let path = data.file("schools.csv");
    let rows = importer::check_schools(db, &path, text.as_bytes()).await?;
    let at = Utc.with_ymd_and_hms(2026, 9, 1, 12, 0, 0).unwrap();
    importer::import_schools(db, &rows, "SYNTHETIC state CTE list", at, &SilentProgress).await
}

db_test!(a_school_list_is_imported_once_and_updated_in_place, |db: DatabaseConnection| async move {
    let data = imported_synthetic(&db).await;
    let first = import(&db, &data, LIST).await.unwrap();
    assert_eq!((first.added.len(), first.updated.len(), first.unchanged), (2, 0, 0));
    let stored = listings(&db).await;
    assert_eq!(stored[0].kinds, "auto,collision");
    assert_eq!(stored[0].web_host, "capitol.example.org");
    assert!(stored[0].located_by_zip, "no coordinates: the ZIP's centroid");
    assert_eq!((stored[0].latitude, stored[0].longitude), (39.8, -89.65));
    assert_eq!((stored[1].latitude, stored[1].longitude, stored[1].located_by_zip), (30.28, -97.73, false));
    assert_eq!((stored[1].source.as_str(), stored[1].source_line), ("SYNTHETIC state CTE list", 3));

    // The same file again: nothing changes, not even a timestamp.
    let again = import(&db, &data, LIST).await.unwrap();
    assert_eq!((again.added.len(), again.updated.len(), again.unchanged), (0, 0, 2));
    assert_eq!(listings(&db).await, stored);

    // A new list renames the first (same NCES id) and moves the second (same name and ZIP,
    // new street): both updated in place, keeping their ids.
    let renamed = LIST
        .replace("SYNTHETIC Capitol High,", "SYNTHETIC Capitol High School,")
        .replace("2 Oak Ave", "9 Elm St");
    let changed = import(&db, &data, &renamed).await.unwrap();
    assert_eq!((changed.added.len(), changed.updated.len()), (0, 2));
    let now = listings(&db).await;
    assert_eq!(now.iter().map(|l| l.id).collect::<Vec<_>>(), stored.iter().map(|l| l.id).collect::<Vec<_>>());
    assert_eq!(now[0].name, "SYNTHETIC Capitol High School");
    assert_eq!(now[1].street, "9 Elm St");
});

db_test!(a_malformed_school_list_changes_nothing, |db: DatabaseConnection| async move {
    let data = imported_synthetic(&db).await;
    import(&db, &data, LIST).await.unwrap();
    let before = listings(&db).await;
    let header = LIST.lines().next().unwrap();
    let cases = [
        (LIST.replace(",kinds,", ",programs,"), 1, "missing column kinds"),
        (LIST.replace("62701,auto", "6270,auto"), 2, "zip '6270' is not a five-digit ZIP code"),
        (LIST.replace("Austin,TX,78701", "Austin,IL,78701"), 3, "ZIP 78701 is in TX, not IL"),
        (
            LIST.replace("auto;collision", "auto;boats"),
            2,
            "unknown kind 'boats': use auto, diesel, collision or heavy_truck",
        ),
        (
            format!("{LIST}SYNTHETIC capitol   high,5 Side St,Springfield,IL,62701,auto,high_school,,,,,\n"),
            4,
            "duplicate school 'SYNTHETIC capitol   high' in ZIP 62701 (first on line 2)",
        ),
        (format!("{header}\n"), 2, "the file has no schools"),
    ];
    for (text, line, message) in cases {
        let error = import(&db, &data, &text).await.expect_err(message);
        assert_eq!(error.to_string(), data.malformed("schools.csv", line, message));
        assert_eq!(listings(&db).await, before, "a refused list changed the database: {message}");
    }
});

db_test!(the_federal_directorys_columns_are_read, |db: DatabaseConnection| async move {
    let data = imported_synthetic(&db).await;
    let ccd = "\
NCESSCH,SCH_NAME,LSTREET1,LCITY,LSTATE,LZIP,SCH_TYPE,LAT,LON
020000000001,SYNTHETIC Anchorage Career Center,3 Elm Rd,Anchorage,AK,99501,Career and Technical School,61.2,-149.9
";
    let done = import(&db, &data, ccd).await.unwrap();
    assert_eq!(done.added, vec!["SYNTHETIC Anchorage Career Center".to_string()]);
    let row = listings(&db).await.remove(0);
    assert_eq!(
        (row.level.slug(), row.kinds.as_str(), row.nces_id.as_deref()),
        ("cte_center", "auto", Some("020000000001"))
    );
    let special = ccd.replace("Career and Technical School", "2");
    let error = import(&db, &data, &special).await.unwrap_err();
    assert!(
        error.to_string().ends_with(
            ":2: SCH_TYPE '2' is not a school Bayline lists: 1 (regular) or 3 (career and technical)"
        ),
        "{error}"
    );
});
