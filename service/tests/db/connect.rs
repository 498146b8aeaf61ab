//! Opening an embedded SQLite file: created with its folder, migrated, in WAL mode.
use sea_orm::{ConnectionTrait, Statement};

#[tokio::test]
async fn sqlite_file_is_created_migrated_and_in_wal_mode() {
    let dir = std::env::temp_dir().join(format!("bayline-connect-{}", std::process::id()));
    let path = dir.join("nested/bayline.db");
    let url = format!("sqlite://{}", path.display());
    let db = service::db::connect(&url).await.unwrap();
    assert!(path.is_file(), "the database file is created on first start");
    let backend = db.get_database_backend();
    let mode =
        db.query_one_raw(Statement::from_string(backend, "PRAGMA journal_mode")).await.unwrap().unwrap();
    assert_eq!(mode.try_get_by_index::<String>(0).unwrap(), "wal");
    let timeout =
        db.query_one_raw(Statement::from_string(backend, "PRAGMA busy_timeout")).await.unwrap().unwrap();
    assert_eq!(timeout.try_get_by_index::<i64>(0).unwrap(), 5000);
    service::db::ping(&db).await.unwrap();
    // A second start on the same file finds the schema already migrated.
    drop(db);
    service::db::connect(&url).await.unwrap();
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn refuses_an_unsupported_url() {
    let err = service::db::connect("mysql://root@localhost/db").await.unwrap_err();
    assert!(err.to_string().contains("unsupported scheme"), "{err}");
}

/// Requests that read and then write in one transaction, at the same moment, on the embedded
/// file: each must wait its turn rather than fail with "database is locked". People are
/// SYNTHETIC; the ZIP centroid is the real GeoNames row.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writing_transactions_on_a_sqlite_file_all_succeed() {
    use service::orgs::create::{ShopForm, create_shop};
    let dir = std::env::temp_dir().join(format!("bayline-concurrent-{}", std::process::id()));
    let url = format!("sqlite://{}", dir.join("bayline.db").display());
    let db = service::db::connect(&url).await.unwrap();
    service::testing::add_real_zips(&db, &["48201"]).await;
    let mut tasks = Vec::new();
    for n in 0..16 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            let owner =
                service::testing::add_synthetic_user(&db, &format!("owner{n}@example.com"), false).await;
            let form = ShopForm {
                name: format!("Synthetic Shop {n}"),
                shop_type: "fleet".into(),
                size_band: "1-4".into(),
                city: "Detroit".into(),
                state: "MI".into(),
                zip: "48201".into(),
                ..Default::default()
            };
            create_shop(&db, Some(owner), &form, chrono::Utc::now()).await
        }));
    }
    for task in tasks {
        task.await.unwrap().expect("every shop is created");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Right after start-up, eight inserts at once on a SQLite file, one per pooled connection,
/// all see the columns the last migrations added (a pool opened while the schema changed
/// once read a new column as missing).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_fresh_pool_sees_every_migrated_column() {
    service::testing::on_a_sqlite_file("fresh-pool", |db: sea_orm::DatabaseConnection| async move {
        let inserts: Vec<_> = (0..8)
            .map(|n| {
                let db = db.clone();
                tokio::spawn(async move {
                    service::testing::add_synthetic_user(&db, &format!("fresh{n}@example.com"), false).await
                })
            })
            .collect();
        for insert in inserts {
            insert.await.expect("every insert reads its row back");
        }
    })
    .await;
}
