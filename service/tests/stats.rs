//! Totals over hand-made rows (synthetic, on both databases).
use entity::{institution, program_completion};
use sea_orm::{ActiveModelTrait, DatabaseConnection, IntoActiveModel};
use service::{db_test, stats};

async fn add_institution(db: &DatabaseConnection, unitid: i32, state: &str) {
    institution::Model {
        unitid,
        name: format!("Synthetic College {unitid}"),
        address: String::new(),
        city: "Testville".into(),
        state: state.into(),
        zip: "00000".into(),
        website: String::new(),
        sector: 4,
        latitude: 40.0,
        longitude: -90.0,
    }
    .into_active_model()
    .insert(db)
    .await
    .unwrap();
}

async fn add_completions(db: &DatabaseConnection, unitid: i32, cip: &str, kind: &str, level: i16, n: i32) {
    program_completion::Model {
        unitid,
        cip_code: cip.into(),
        award_level: level,
        kind: kind.into(),
        completions: n,
    }
    .into_active_model()
    .insert(db)
    .await
    .unwrap();
}

db_test!(empty_database_has_zero_totals, |db: DatabaseConnection| async move {
    let totals = stats::program_totals(&db).await.unwrap();
    assert_eq!((totals.programs, totals.states, totals.completions), (0, 0, 0));
    assert_eq!(totals.by_kind.len(), 4, "every kind is listed even without rows");
});

db_test!(counts_programs_states_and_completions_by_kind, |db: DatabaseConnection| async move {
    add_institution(&db, 1, "MI").await;
    add_institution(&db, 2, "MI").await;
    add_institution(&db, 3, "AK").await;
    add_institution(&db, 4, "TX").await; // no program: not counted
    add_completions(&db, 1, "47.0604", "auto", 3, 10).await;
    add_completions(&db, 1, "47.0604", "auto", 21, 5).await;
    add_completions(&db, 1, "47.0605", "diesel", 3, 7).await;
    add_completions(&db, 2, "47.0603", "collision", 2, 0).await;
    add_completions(&db, 3, "47.0613", "heavy_truck", 20, 4).await;

    let totals = stats::program_totals(&db).await.unwrap();
    assert_eq!(totals.programs, 3);
    assert_eq!(totals.states, 2);
    assert_eq!(totals.completions, 26);
    let by: Vec<(&str, u64, u64)> =
        totals.by_kind.iter().map(|k| (k.kind.slug(), k.programs, k.completions)).collect();
    assert_eq!(by, vec![("auto", 1, 15), ("diesel", 1, 7), ("collision", 1, 0), ("heavy_truck", 1, 4)]);
});
