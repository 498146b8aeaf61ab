//! Career paths on both databases: the pay a path's page shows equals the BLS OEWS source
//! rows (read here with the `csv` crate, not through Bayline's importer) for several
//! states, nationally, and where BLS published no state row (national, flagged); bad ZIP
//! codes keep the national figures; the nearest programs teach the path; saving paths.
//! Programs and people are SYNTHETIC; ZIP centroids and OEWS rows are the real files.
use std::collections::HashMap;

use chrono::Utc;
use domain::{
    ProgramKind,
    careers::{CareerPathPage, Occupation},
    insights::Role,
    insights_view::{InsightsFilter, OewsFigure},
};
use sea_orm::DatabaseConnection;
use service::{
    careers::{catalog, page::path_page, saved},
    db_test,
    error::ServiceError,
    insights::{oews::lookup_soc, read::insights, snapshot::InsightsCache},
    programs::ProgramCatalog,
    testing::{
        add_real_zips, add_synthetic_completions, add_synthetic_institution, add_synthetic_user, data_dir,
    },
};

type Row = HashMap<String, String>;

fn source_rows() -> Vec<Row> {
    let path = data_dir().join("wages/oews_may2025_auto_techs_by_area.csv");
    csv::Reader::from_path(path).unwrap().deserialize().map(Result::unwrap).collect()
}

/// The cross-industry source row of an occupation in an area (by its title).
fn source<'a>(rows: &'a [Row], title: &str, occ: &str) -> &'a Row {
    rows.iter()
        .find(|r| r["area_title"] == title && r["occ_code"] == occ && r["naics"] == "000000")
        .unwrap_or_else(|| panic!("no source row for {occ} in {title}"))
}

fn assert_equals_source(figure: &OewsFigure, row: &Row) {
    let number = |col: &str| row[col].parse::<f64>().ok();
    assert_eq!(figure.area_title, row["area_title"]);
    assert_eq!(figure.occ_code, row["occ_code"]);
    assert_eq!(figure.hourly, ["h_pct10", "h_pct25", "h_median", "h_pct75", "h_pct90"].map(number));
    assert_eq!(figure.annual, ["a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90"].map(number));
    assert_eq!(figure.release, row["release"]);
}

async fn import_wages(db: &DatabaseConnection) {
    importer::import(db, &data_dir(), importer::Dataset::OewsWages, &importer::SilentProgress).await.unwrap();
}

async fn page(db: &DatabaseConnection, path: &str, zip: Option<&str>) -> CareerPathPage {
    let (programs, cache) = (ProgramCatalog::default(), InsightsCache::new());
    path_page(db, &programs, &cache, None, path, zip, Utc::now()).await.unwrap().expect("a known path")
}

db_test!(pay_equals_the_source_rows_by_state_and_nationally, |db: DatabaseConnection| async move {
    import_wages(&db).await;
    // Detroit MI, Houston TX, San Francisco CA, Columbus OH: real GeoNames ZIP codes.
    add_real_zips(&db, &["48201", "77002", "94103", "43215"]).await;
    let rows = source_rows();
    for (path, zip, title) in [
        ("automotive-service", Some("48201"), "Michigan"),
        ("diesel-heavy-truck", Some("77002"), "Texas"),
        ("collision-repair", Some("94103"), "California"),
        ("ev-hybrid-adas", Some("43215"), "Ohio"),
        ("automotive-service", None, "National"),
        ("collision-repair", None, "National"),
    ] {
        let page = page(&db, path, zip).await;
        assert_eq!(page.zip_problem, None);
        let occupations = page.path.occupations();
        assert!(!occupations.is_empty());
        assert_eq!(page.wages.len(), occupations.len(), "{path}: one row per occupation");
        for wage in &page.wages {
            assert_equals_source(&wage.figure, source(&rows, title, wage.occupation.slug()));
            assert!(!wage.fell_back, "{path} {zip:?}: BLS published {title}");
        }
    }
});

db_test!(unpublished_areas_fall_back_to_the_national_row, |db: DatabaseConnection| async move {
    import_wages(&db).await;
    let rows = source_rows();
    // BLS published no Guam row for body repairers and no Virgin Islands row for diesel.
    for (soc, state) in [("49-3021", "GU"), ("49-3031", "VI")] {
        let (figure, fell_back) = lookup_soc(&db, soc, Some(state)).await.unwrap().unwrap();
        assert!(fell_back, "{soc} in {state}");
        assert_equals_source(&figure, source(&rows, "National", soc));
    }
    // Both territories' automotive technicians are published: no fallback there (BLS
    // titles the U.S. Virgin Islands "Virgin Islands").
    for (state, title) in [("GU", "Guam"), ("VI", "Virgin Islands")] {
        let (figure, fell_back) = lookup_soc(&db, "49-3023", Some(state)).await.unwrap().unwrap();
        assert!(!fell_back, "{state}");
        assert_equals_source(&figure, source(&rows, title, "49-3023"));
    }
    // Nationally on purpose is not a fallback.
    let (_, fell_back) = lookup_soc(&db, "49-3023", None).await.unwrap().unwrap();
    assert!(!fell_back);

    // A real ZIP in the Marshall Islands: a place with no OEWS state row at all.
    add_real_zips(&db, &["96960"]).await;
    let marshall = page(&db, "collision-repair", Some("96960")).await;
    assert_eq!(marshall.place.as_ref().unwrap().state, "MH");
    let wage = marshall.wage_of(Occupation::BodyRepairers).unwrap();
    assert!(wage.fell_back);
    assert_equals_source(&wage.figure, source(&rows, "National", "49-3021"));
});

db_test!(
    territories_get_their_own_figures_and_military_zips_a_sentence,
    |db: DatabaseConnection| async move {
        import_wages(&db).await;
        importer::import(&db, &data_dir(), importer::Dataset::ZipCentroids, &importer::SilentProgress)
            .await
            .unwrap();
        let rows = source_rows();
        // Census ZCTA points, which name no state: the USPS prefix places them, so BLS's own
        // territory rows stand where national ones stood (San Juan's median is $22,680, the
        // nation's $50,620).
        for (zip, state, title) in
            [("00901", "PR", "Puerto Rico"), ("96910", "GU", "Guam"), ("00802", "VI", "Virgin Islands")]
        {
            let page = page(&db, "automotive-service", Some(zip)).await;
            assert_eq!(page.place.as_ref().unwrap().state, state, "{zip}");
            let wage = page.wage_of(Occupation::AutomotiveTechnicians).unwrap();
            assert!(!wage.fell_back, "{zip}");
            assert_equals_source(&wage.figure, source(&rows, title, "49-3023"));
        }
        let san_juan = page(&db, "automotive-service", Some("00901")).await;
        assert_eq!(
            san_juan.wage_of(Occupation::AutomotiveTechnicians).unwrap().figure.annual[2],
            Some(22_680.0)
        );
        // American Samoa: BLS publishes nothing, so national figures, flagged as standing in
        // for a known territory (not for a ZIP without a state).
        let samoa = page(&db, "automotive-service", Some("96799")).await;
        assert_eq!(samoa.place.as_ref().unwrap().state, "AS");
        let wage = samoa.wage_of(Occupation::AutomotiveTechnicians).unwrap();
        assert!(wage.fell_back);
        assert_equals_source(&wage.figure, source(&rows, "National", "49-3023"));
        // A military ZIP: the sentence, and national figures.
        let apo = page(&db, "automotive-service", Some("09001")).await;
        let problem = apo.zip_problem.expect("the page explains");
        assert!(
            problem.contains("military ZIP codes have no fixed place: use the ZIP code where you are"),
            "{problem}"
        );
        assert_eq!(apo.place, None);

        // /insights: the same ZIP codes reach Puerto Rico's BLS row, and the military sentence.
        let filter = |zip: &str| InsightsFilter {
            zip: Some(zip.into()),
            ..InsightsFilter::national(Role::GeneralService)
        };
        let cache = InsightsCache::new();
        let view = insights(&db, &cache, None, &filter("00901"), Utc::now()).await.unwrap();
        assert_eq!(view.oews.expect("an OEWS row").area_title, "Puerto Rico");
        match insights(&db, &cache, None, &filter("09001"), Utc::now()).await {
            Err(ServiceError::Invalid { field, message }) => {
                assert_eq!(field, "zip");
                assert!(message.contains("military ZIP codes have no fixed place"), "{message}");
            }
            other => panic!("a military ZIP is refused in words: {other:?}"),
        }
    }
);

db_test!(bad_zip_codes_keep_the_national_figures, |db: DatabaseConnection| async move {
    import_wages(&db).await;
    let rows = source_rows();
    for zip in ["4820", "abcde", "00000"] {
        let page = page(&db, "automotive-service", Some(zip)).await;
        let problem = page.zip_problem.clone().expect("the page explains");
        assert!(problem.contains(zip) && problem.contains("national"), "{problem}");
        assert_eq!(page.place, None);
        let wage = page.wage_of(Occupation::AutomotiveTechnicians).unwrap();
        assert!(!wage.fell_back);
        assert_equals_source(&wage.figure, source(&rows, "National", "49-3023"));
        assert!(page.programs.is_empty() && page.openings.is_empty());
    }
    // An empty field is no ZIP at all.
    assert_eq!(page(&db, "automotive-service", Some("  ")).await.zip_problem, None);
    let (programs, cache) = (ProgramCatalog::default(), InsightsCache::new());
    let unknown = path_page(&db, &programs, &cache, None, "astronaut", None, Utc::now()).await.unwrap();
    assert!(unknown.is_none());
});

db_test!(exchange_medians_obey_the_privacy_rules, |db: DatabaseConnection| async move {
    import_wages(&db).await;
    // No shop has contributed: every role's median is withheld, with the reason.
    let page = page(&db, "automotive-service", None).await;
    assert_eq!(page.exchange.len(), page.path.roles().len());
    for median in &page.exchange {
        assert_eq!(median.median_annual_cents, Err(domain::disclosure::Suppressed::TooFewShops));
    }
});

db_test!(nearest_programs_teach_the_path, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    // Detroit is at about 42.33, -83.05. SYNTHETIC programs at growing distances.
    for (unitid, lat, kind) in [
        (910001, 42.34, ProgramKind::Collision),
        (910002, 42.40, ProgramKind::Auto),
        (910003, 42.50, ProgramKind::Diesel),
        (910004, 42.60, ProgramKind::HeavyTruck),
        (910005, 45.00, ProgramKind::Auto), // about 185 miles: too far
    ] {
        add_synthetic_institution(&db, unitid, "MI", lat, -83.05).await;
        add_synthetic_completions(&db, unitid, kind, 3, 5).await;
    }
    let ids = |page: &CareerPathPage| page.programs.iter().map(|p| p.program.unitid).collect::<Vec<_>>();
    assert_eq!(ids(&page(&db, "automotive-service", Some("48201")).await), [910002]);
    assert_eq!(ids(&page(&db, "collision-repair", Some("48201")).await), [910001]);
    let diesel = page(&db, "diesel-heavy-truck", Some("48201")).await;
    assert_eq!(ids(&diesel), [910003, 910004], "nearest first");
    assert!(diesel.programs[0].distance_mi < diesel.programs[1].distance_mi);
    assert!(page(&db, "automotive-service", None).await.programs.is_empty());
});

db_test!(students_save_and_remove_paths, |db: DatabaseConnection| async move {
    let catalog = catalog().unwrap();
    let now = Utc::now();
    let anonymous = saved::save(&db, None, catalog, "collision-repair", now).await;
    assert!(matches!(anonymous, Err(ServiceError::SignInRequired)));
    let student = add_synthetic_user(&db, "student@example.com", false).await;
    let unknown = saved::save(&db, Some(student), catalog, "astronaut", now).await;
    assert!(matches!(unknown, Err(ServiceError::Invalid { field: "path", .. })));
    saved::save(&db, Some(student), catalog, "collision-repair", now).await.unwrap();
    saved::save(&db, Some(student), catalog, "collision-repair", now).await.unwrap();
    saved::save(&db, Some(student), catalog, "ev-hybrid-adas", now + chrono::Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(saved::list(&db, Some(student)).await.unwrap(), ["ev-hybrid-adas", "collision-repair"]);
    let other = add_synthetic_user(&db, "other@example.com", false).await;
    assert!(saved::list(&db, Some(other)).await.unwrap().is_empty(), "each person sees their own");

    let (programs, cache) = (ProgramCatalog::default(), InsightsCache::new());
    let shown = |actor| {
        let (programs, cache, db) = (&programs, &cache, &db);
        async move {
            path_page(db, programs, cache, actor, "collision-repair", None, now).await.unwrap().unwrap().saved
        }
    };
    assert_eq!(shown(None).await, None);
    assert_eq!(shown(Some(student)).await, Some(true));
    assert_eq!(shown(Some(other)).await, Some(false));

    saved::remove(&db, Some(student), "collision-repair").await.unwrap();
    assert_eq!(saved::list(&db, Some(student)).await.unwrap(), ["ev-hybrid-adas"]);
    assert!(matches!(saved::remove(&db, None, "ev-hybrid-adas").await, Err(ServiceError::SignInRequired)));
});

db_test!(
    remembered_zip_places_and_wage_rows_are_the_databases_until_the_next_import,
    |db: DatabaseConnection| async move {
        import_wages(&db).await;
        add_real_zips(&db, &["48201", "77002"]).await;
        let catalog = ProgramCatalog::default();
        for _ in 0..2 {
            // The second round is answered from memory: the same answers.
            for zip in ["48201", "77002", "00000", "09001", "99999"] {
                assert_eq!(
                    catalog.zip_place(&db, zip).await.unwrap(),
                    service::programs::zip_place(&db, zip).await.unwrap(),
                    "{zip}"
                );
            }
            for (soc, state) in [("49-3023", Some("MI")), ("49-3021", Some("GU")), ("49-3031", None)] {
                assert_eq!(
                    catalog.wage_row(&db, soc, state).await.unwrap(),
                    lookup_soc(&db, soc, state).await.unwrap(),
                    "{soc} {state:?}"
                );
            }
        }
        // Profiles likewise (SYNTHETIC institutions: the second round is from memory).
        add_synthetic_institution(&db, 910001, "MI", 42.34, -83.05).await;
        add_synthetic_completions(&db, 910001, ProgramKind::Diesel, 3, 5).await;
        for _ in 0..2 {
            for unitid in [910001, 910002] {
                assert_eq!(
                    catalog.profile(&db, unitid).await.unwrap(),
                    service::programs::profile(&db, unitid).await.unwrap(),
                    "{unitid}"
                );
            }
        }
        assert!(catalog.profile(&db, 910001).await.unwrap().is_some());
        // A ZIP unknown a moment ago is found once it is in the database.
        assert!(catalog.zip_place(&db, "94103").await.unwrap().is_err());
        add_real_zips(&db, &["94103"]).await;
        assert_eq!(catalog.zip_place(&db, "94103").await.unwrap().unwrap().state, "CA");

        // Reference data changes only by an import, which every server sees: after a new
        // import of the ZIP centroids nothing remembered from the old one is answered.
        use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};
        let rename = |db: DatabaseConnection| async move {
            let row = entity::zip_centroid::Entity::find_by_id("48201").one(&db).await.unwrap().unwrap();
            let mut changed = row.into_active_model();
            changed.city = Set("Renamed by a SYNTHETIC import".into());
            changed.update(&db).await.unwrap();
        };
        rename(db.clone()).await;
        catalog.recheck_now();
        assert_eq!(catalog.zip_place(&db, "48201").await.unwrap().unwrap().city, "Detroit", "no import yet");
        importer::import(&db, &data_dir(), importer::Dataset::ZipCentroids, &importer::SilentProgress)
            .await
            .unwrap();
        rename(db.clone()).await;
        catalog.recheck_now();
        assert_eq!(
            catalog.zip_place(&db, "48201").await.unwrap().unwrap().city,
            "Renamed by a SYNTHETIC import",
            "the import dropped what was remembered"
        );
    }
);
