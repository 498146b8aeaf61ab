//! Every migration can be rolled back and re-applied, on both databases.
use migration::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use service::db_test;

db_test!(migrations_roll_back_and_reapply, |db: DatabaseConnection| async move {
    let applied = Migrator::get_applied_migrations(&db).await.unwrap().len();
    assert_eq!(applied, Migrator::migrations().len());
    Migrator::down(&db, None).await.unwrap();
    assert!(Migrator::get_applied_migrations(&db).await.unwrap().is_empty());
    Migrator::up(&db, None).await.unwrap();
    assert_eq!(Migrator::get_applied_migrations(&db).await.unwrap().len(), applied);
    service::stats::program_totals(&db).await.unwrap();
});
