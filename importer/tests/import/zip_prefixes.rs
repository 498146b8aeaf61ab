//! The committed USPS prefix table (domain/data/zip_prefixes.csv) against the real ZIP files,
//! read here with the `csv` crate: it must agree with every state GeoNames names, recognise
//! every ZIP GeoNames lists without a state as military, and place every ZCTA point.
use std::collections::{BTreeMap, HashSet};

use domain::{
    Zip,
    zip_prefix::{ZipArea, area_of},
};

use crate::real_data::{data_dir, read_csv};

/// ZIP codes USPS assigned across a state line; GeoNames (read first) names their states.
const ACROSS_A_STATE_LINE: [&str; 6] = ["06390", "20588", "20598", "72643", "73960", "83414"];

fn area(zip: &str) -> Option<ZipArea> {
    area_of(&Zip::parse(zip).unwrap())
}

#[test]
fn the_prefix_table_agrees_with_geonames_and_places_every_zcta_point() {
    let dir = data_dir();
    let geonames = read_csv(&dir.join("zip/us_zip_centroids_geonames.csv"));
    let stated: HashSet<&str> =
        geonames.iter().filter(|r| !r["state"].is_empty()).map(|r| r["zip"].as_str()).collect();
    let mut disagree = BTreeMap::new();
    let mut military = 0;
    for row in &geonames {
        let (zip, state) = (row["zip"].as_str(), row["state"].as_str());
        if state.is_empty() {
            // An APO/FPO row; two share a ZIP with a Hawaiian post office GeoNames also lists.
            if !stated.contains(zip) {
                assert_eq!(area(zip), Some(ZipArea::Military), "{zip} ({}) is military", row["city"]);
                military += 1;
            }
        } else if !matches!(area(zip), Some(ZipArea::Place(code)) if code == state)
            && !ACROSS_A_STATE_LINE.contains(&zip)
        {
            disagree.insert(zip.to_string(), (state.to_string(), area(zip)));
        }
    }
    assert!(disagree.is_empty(), "prefix table disagrees with GeoNames: {disagree:?}");
    assert_eq!(military, 509, "GeoNames' APO/FPO codes");

    let mut by_territory: BTreeMap<&str, usize> = BTreeMap::new();
    for row in read_csv(&dir.join("zip/us_zcta_centroids_census2021.csv")) {
        let zip = row["zip"].as_str();
        let Some(ZipArea::Place(code)) = area(zip) else { panic!("ZCTA {zip} has no place") };
        if !row["state"].is_empty() && !ACROSS_A_STATE_LINE.contains(&zip) {
            assert_eq!(code, row["state"], "ZCTA {zip}");
        }
        if row["state"].is_empty() {
            *by_territory.entry(code).or_default() += 1;
        }
    }
    // The ZCTA points GeoNames has no state for: Puerto Rico, the Virgin Islands, Guam, the
    // Northern Mariana Islands, American Samoa, and two Hawaiian ZIPs GeoNames lists twice.
    let territories: Vec<&str> = by_territory.keys().copied().collect();
    assert_eq!(territories, ["AS", "GU", "HI", "MP", "PR", "VI"]);
    assert_eq!(by_territory["PR"], 132);
}
