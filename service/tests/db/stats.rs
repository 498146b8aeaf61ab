//! Totals over hand-made rows (synthetic, on both databases).
use domain::ProgramKind::{Auto, Collision, Diesel, HeavyTruck};
use sea_orm::DatabaseConnection;
use service::{
    db_test, stats,
    testing::{add_synthetic_completions as add_completions, add_synthetic_institution},
};

async fn add_institution(db: &DatabaseConnection, unitid: i32, state: &str) {
    add_synthetic_institution(db, unitid, state, 40.0, -90.0).await;
}

db_test!(empty_database_has_zero_totals, |db: DatabaseConnection| async move {
    let totals = stats::program_totals(&db).await.unwrap();
    assert_eq!((totals.schools, totals.programs, totals.places.len(), totals.completions), (0, 0, 0, 0));
    assert_eq!(totals.by_kind.len(), 4, "every kind is listed even without rows");
});

db_test!(counts_schools_programs_places_and_completions_by_kind, |db: DatabaseConnection| async move {
    add_institution(&db, 1, "MI").await;
    add_institution(&db, 2, "MI").await;
    add_institution(&db, 3, "AK").await;
    add_institution(&db, 4, "TX").await; // no program: not counted
    add_completions(&db, 1, Auto, 3, 10).await;
    add_completions(&db, 1, Auto, 21, 5).await;
    add_completions(&db, 1, Diesel, 3, 7).await;
    add_completions(&db, 2, Collision, 2, 0).await;
    add_completions(&db, 3, HeavyTruck, 20, 4).await;

    let totals = stats::program_totals(&db).await.unwrap();
    assert_eq!(totals.schools, 3);
    assert_eq!(totals.programs, 4, "institution 1 teaches auto and diesel: two programs");
    assert_eq!(totals.places, ["AK", "MI"]);
    assert_eq!(totals.completions, 26);
    let by: Vec<(&str, u64, u64)> =
        totals.by_kind.iter().map(|k| (k.kind.slug(), k.programs, k.completions)).collect();
    assert_eq!(by, vec![("auto", 1, 15), ("diesel", 1, 7), ("collision", 1, 0), ("heavy_truck", 1, 4)]);
});
