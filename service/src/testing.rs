//! Fresh databases for tests: an in-memory SQLite one always, and a PostgreSQL one created
//! (and dropped afterwards) on the server named by `TEST_POSTGRES_URL`, by default the
//! local `postgres://postgres@127.0.0.1:5432/postgres`.
//!
//! Without a reachable PostgreSQL the PostgreSQL half of a test is skipped with a loud
//! message, unless `BAYLINE_REQUIRE_POSTGRES=1` (set by the test command and CI), which
//! turns that into a failure.
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

use crate::db;

const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A migrated database that exists for one test.
pub struct TestDb {
    pub conn: DatabaseConnection,
    /// For PostgreSQL: the administrative URL and the database to drop.
    postgres: Option<(String, String)>,
}

/// A fresh, migrated in-memory SQLite database.
pub async fn sqlite() -> TestDb {
    let conn = db::connect("sqlite::memory:").await.expect("in-memory SQLite");
    TestDb { conn, postgres: None }
}

/// Runs `body` on a fresh SQLite file (removed afterwards): unlike the in-memory database,
/// its pool really has several connections, which race tests need.
pub async fn on_a_sqlite_file<F, Fut>(name: &str, body: F)
where
    F: FnOnce(DatabaseConnection) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let dir = std::env::temp_dir().join(format!("bayline-{name}-{}", std::process::id()));
    let url = format!("sqlite://{}", dir.join("bayline.db").display());
    let db = db::connect(&url).await.expect("a SQLite file");
    body(db).await;
    std::fs::remove_dir_all(&dir).ok();
}

/// A fresh, migrated PostgreSQL database, or `None` when PostgreSQL is unavailable and not
/// required.
pub async fn postgres() -> Option<TestDb> {
    let admin_url = std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_ADMIN_URL.into());
    let admin = match Database::connect(&admin_url).await {
        Ok(admin) => admin,
        Err(e) => {
            let required = std::env::var("BAYLINE_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
            let message = format!("PostgreSQL at {} is unreachable: {e}", db::redact(&admin_url));
            assert!(!required, "{message} (BAYLINE_REQUIRE_POSTGRES=1)");
            eprintln!("\n!!!!!!!! SKIPPING the PostgreSQL half of this test: {message} !!!!!!!!\n");
            return None;
        }
    };
    let name = format!("bayline_t_{}", uuid::Uuid::new_v4().simple());
    admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create test database");
    admin.close().await.ok();
    let url = replace_database(&admin_url, &name);
    let conn = db::connect(&url).await.expect("connect to and migrate the test database");
    Some(TestDb { conn, postgres: Some((admin_url, name)) })
}

fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let base = match base.rfind('/') {
        Some(slash) if slash > base.find("://").map_or(0, |i| i + 2) => &base[..slash],
        _ => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else { return };
        // Drop may run inside the test's runtime: use a thread with its own runtime.
        let result = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(async move {
                let admin = Database::connect(&admin_url).await.map_err(std::io::Error::other)?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await
                    .map_err(std::io::Error::other)?;
                admin.close().await.map_err(std::io::Error::other)
            })
        })
        .join();
        if !matches!(result, Ok(Ok(()))) {
            eprintln!("warning: could not drop a PostgreSQL test database: {result:?}");
        }
    }
}

/// The stored value a test names by its slug (`stored("verified")`), for rows a test writes
/// by hand; a slug that is no value of the column's vocabulary fails the test.
pub fn stored<T: domain::vocabulary::Slugged>(slug: &str) -> T {
    T::from_slug(slug).unwrap_or_else(|| panic!("{slug:?} is not a stored value of this column"))
}

/// Inserts a SYNTHETIC institution (sector 4, "Testville") at a point.
pub async fn add_synthetic_institution(
    db: &DatabaseConnection,
    unitid: i32,
    state: &str,
    lat: f64,
    lon: f64,
) {
    crate::synthetic::rows::institution(db, unitid, state, lat, lon)
        .await
        .expect("insert a synthetic institution");
}

/// Inserts SYNTHETIC completions of one kind and award level.
pub async fn add_synthetic_completions(
    db: &DatabaseConnection,
    unitid: i32,
    kind: domain::ProgramKind,
    level: i16,
    n: i32,
) {
    crate::synthetic::rows::completions(db, unitid, kind, level, n)
        .await
        .expect("insert synthetic completions");
}

/// A SYNTHETIC college in Michigan at a point, with automotive completions, whose
/// instructor `{who}@college-{unitid}.example.edu` claimed its program: the address is at
/// the college's own web host, so the claim is verified at once. Returns the instructor and
/// the program's organisation.
pub async fn add_verified_college(
    db: &DatabaseConnection,
    unitid: i32,
    who: &str,
    lat: f64,
    lon: f64,
) -> (crate::authz::Actor, i64) {
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
    add_synthetic_institution(db, unitid, "MI", lat, lon).await;
    add_synthetic_completions(db, unitid, domain::ProgramKind::Auto, 3, 10).await;
    let host = format!("college-{unitid}.example.edu");
    let found = entity::institution::Entity::find_by_id(unitid).one(db).await.expect("read the college");
    let mut row = found.expect("the college just added").into_active_model();
    row.website = Set(format!("www.{host}"));
    row.update(db).await.expect("give the college its web host");
    let instructor = add_synthetic_user(db, &format!("{who}@{host}"), false).await;
    let claimed =
        crate::orgs::claims::claim_program(db, Some(instructor), &unitid.to_string(), chrono::Utc::now())
            .await
            .expect("claim the program");
    (instructor, claimed.verified().expect("verified at once: the address is at the college's host"))
}

/// The folder of the real public datasets (`BAYLINE_DATA_DIR`, else ../shared/data).
pub fn data_dir() -> std::path::PathBuf {
    std::env::var_os("BAYLINE_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"))
}

/// Copies the real GeoNames rows of these ZIP codes into the database (faster than
/// importing all 41,000 when a test needs a few addresses).
pub async fn add_real_zips(db: &DatabaseConnection, zips: &[&str]) {
    use sea_orm::{ActiveModelTrait, IntoActiveModel};
    let path = data_dir().join("zip/us_zip_centroids_geonames.csv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for zip in zips {
        let line = text
            .lines()
            .find(|line| line.starts_with(&format!("{zip},")))
            .unwrap_or_else(|| panic!("ZIP {zip} is not in {}", path.display()));
        let cells: Vec<&str> = line.split(',').collect();
        entity::zip_centroid::Model {
            zip: zip.to_string(),
            latitude: cells[1].parse().unwrap(),
            longitude: cells[2].parse().unwrap(),
            city: cells[3].to_string(),
            state: cells[4].to_string(),
            source: "geonames".into(),
        }
        .into_active_model()
        .insert(db)
        .await
        .expect("insert a ZIP centroid");
    }
}

/// Inserts a SYNTHETIC person with a verified address (no usable password: tests that sign
/// in go through `accounts::users`). Returns them as an actor.
pub async fn add_synthetic_user(db: &DatabaseConnection, email: &str, is_admin: bool) -> crate::authz::Actor {
    crate::synthetic::rows::user(db, email, is_admin, chrono::Utc::now())
        .await
        .expect("insert a synthetic user")
}

/// A confirmed SYNTHETIC authenticator for a person; returns its secret, from which
/// `accounts::totp::code_at` makes the codes.
pub async fn add_synthetic_second_factor(db: &DatabaseConnection, user_id: i64) -> String {
    crate::synthetic::rows::second_factor(db, user_id, chrono::Utc::now())
        .await
        .expect("insert a synthetic second factor")
}

/// A verified SYNTHETIC shop ("Synthetic {who} Garage", owned by a new person
/// `{who}@shop.example.com`) in Detroit, made through the real form and verified by `admin`.
/// The real GeoNames row of ZIP 48201 must be loaded first ([`add_real_zips`]).
pub async fn add_verified_shop(
    db: &DatabaseConnection,
    who: &str,
    shop_type: &str,
    admin: crate::authz::Actor,
) -> (i64, crate::authz::Actor) {
    use crate::orgs::{create, verification};
    let owner = add_synthetic_user(db, &format!("{who}@shop.example.com"), false).await;
    let form = create::ShopForm {
        name: format!("Synthetic {who} Garage"),
        shop_type: shop_type.into(),
        size_band: "5-9".into(),
        city: "Detroit".into(),
        state: "MI".into(),
        zip: "48201".into(),
        ..Default::default()
    };
    let now = chrono::Utc::now();
    let id = create::create_shop(db, Some(owner), &form, now).await.expect("create the shop").id;
    verification::verify(db, Some(admin), id, "http://localhost", now).await.expect("verify the shop");
    (id, owner)
}

/// Runs an async test body once on SQLite and once on PostgreSQL:
/// `db_test!(name, |db| async move { … })` defines `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! db_test {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::testing::sqlite().await;
                ($body)(db.conn.clone()).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(db) = $crate::testing::postgres().await {
                    ($body)(db.conn.clone()).await;
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::replace_database;

    #[test]
    fn swaps_the_database_name_keeping_options() {
        assert_eq!(replace_database("postgres://u@h:5432/postgres", "t1"), "postgres://u@h:5432/t1");
        assert_eq!(
            replace_database("postgres://u@h/x?sslmode=disable", "t1"),
            "postgres://u@h/t1?sslmode=disable"
        );
        assert_eq!(replace_database("postgres://u@h", "t1"), "postgres://u@h/t1");
    }
}
