//! Opening the database: an embedded SQLite file by default, PostgreSQL for scale-out.
use std::{path::Path, time::Duration};

use domain::LatLon;
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ColumnTrait, ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, QueryFilter, Select,
    sea_query::Expr,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};

/// Which engine a `DATABASE_URL` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Why a `DATABASE_URL` cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UrlError {
    #[error("unsupported scheme in '{0}': use sqlite://PATH or postgres://USER@HOST/DB")]
    UnsupportedScheme(String),
    #[error("a SQLite URL needs a file path, e.g. sqlite://data/bayline.db")]
    MissingSqlitePath,
}

impl Backend {
    /// Classifies a database URL, refusing anything Bayline does not support.
    pub fn of(url: &str) -> Result<Self, UrlError> {
        if let Some(rest) = url.strip_prefix("sqlite:") {
            let path = rest.trim_start_matches("//");
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() {
                return Err(UrlError::MissingSqlitePath);
            }
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres)
        } else {
            Err(UrlError::UnsupportedScheme(redact(url)))
        }
    }
}

/// Hides any password in a URL before it is shown or logged.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}://{}:***@{}", &url[..scheme_end], user, &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

/// Connects and runs the migrations. For SQLite the file (and its folder) is created on
/// first start, in WAL mode with a busy timeout so readers never block the writer and
/// concurrent writers wait instead of failing.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let backend = Backend::of(url).map_err(|e| DbErr::Custom(e.to_string()))?;
    if backend == Backend::Sqlite {
        ensure_sqlite_folder(url)?;
    }
    if backend == Backend::Sqlite && in_memory(url) {
        // An in-memory database lives per connection: exactly one, migrated in place.
        let db = Database::connect(options(url, backend, 1)).await?;
        Migrator::up(&db, None).await?;
        return Ok(db);
    }
    // The schema changes on one connection of its own, closed before the pool opens: a
    // pooled connection opened while tables were being altered could keep statements
    // prepared against the old columns (seen on SQLite files: a new column read as missing
    // by concurrent inserts right after start-up).
    let migrating = Database::connect(options(url, backend, 1)).await?;
    Migrator::up(&migrating, None).await?;
    migrating.close().await?;
    let pool = match backend {
        Backend::Sqlite => 8,
        Backend::Postgres => 16,
    };
    Database::connect(options(url, backend, pool)).await
}

/// An in-memory SQLite database lives per connection.
fn in_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// How long a pooled connection may sit idle before it is checked on its next use.
const IDLE_BEFORE_PING: Duration = Duration::from_secs(30);

fn options(url: &str, backend: Backend, max_connections: u32) -> ConnectOptions {
    let mut options = ConnectOptions::new(url.to_string());
    options
        .sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .max_connections(max_connections)
        // sqlx pings every connection it hands out by default: one more round trip for
        // each query (on PostgreSQL a message to the server and back, on SQLite a hand-off
        // to the connection's thread). Only a connection idle long enough for the server,
        // a proxy or a firewall to have dropped it is pinged.
        .test_before_acquire_if_idle_for(IDLE_BEFORE_PING);
    if backend == Backend::Sqlite {
        let in_memory = in_memory(url);
        options.map_sqlx_sqlite_opts(move |opts| {
            let opts = opts
                .create_if_missing(true)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
                .synchronous(SqliteSynchronous::Normal);
            if in_memory { opts } else { opts.journal_mode(SqliteJournalMode::Wal) }
        });
    }
    options
}

fn ensure_sqlite_folder(url: &str) -> Result<(), DbErr> {
    let path = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = path.split('?').next().unwrap_or_default();
    if path.contains(":memory:") {
        return Ok(());
    }
    match Path::new(path).parent() {
        Some(parent) if !parent.as_os_str().is_empty() => std::fs::create_dir_all(parent)
            .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", parent.display()))),
        _ => Ok(()),
    }
}

/// Answers whether the database can serve a query (`/readyz`).
pub async fn ping(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    db.execute_unprepared("SELECT 1").await.map(|_| ())
}

/// Takes the row lock of the row of `E` whose `id` column is `id`, for the rest of the
/// transaction: a no-op UPDATE (`id = id`), which both databases honour. On PostgreSQL
/// (READ COMMITTED) a second transaction taking it waits for the first to end and then
/// reads what it committed; SQLite's write transactions (see [`begin_write`]) already run
/// one at a time. `false` when there is no such row.
pub async fn lock_row<E: EntityTrait>(
    txn: &DatabaseTransaction,
    id_column: E::Column,
    id: i64,
) -> Result<bool, DbErr> {
    let touched =
        E::update_many().col_expr(id_column, Expr::col(id_column)).filter(id_column.eq(id)).exec(txn).await?;
    Ok(touched.rows_affected > 0)
}

/// `select` narrowed to the latitude/longitude box around the circle of `radius_mi` around
/// `origin` (the columns are indexed); the exact great-circle test is the caller's.
pub fn within_box<E: EntityTrait>(
    select: Select<E>,
    (latitude, longitude): (E::Column, E::Column),
    origin: LatLon,
    radius_mi: f64,
) -> Select<E> {
    let ((south, north), (west, east)) = origin.box_around(radius_mi);
    select.filter(latitude.between(south, north)).filter(longitude.between(west, east))
}

/// Starts a transaction that will write. On SQLite it takes the write lock at `BEGIN`
/// (`BEGIN IMMEDIATE`): a transaction that reads first and writes later would otherwise fail
/// at once with "database is locked" when another request wrote in between, and the busy
/// timeout cannot help it. PostgreSQL ignores the option.
pub async fn begin_write(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_supported_urls() {
        assert_eq!(Backend::of("sqlite://data/bayline.db?mode=rwc"), Ok(Backend::Sqlite));
        assert_eq!(Backend::of("sqlite::memory:"), Ok(Backend::Sqlite));
        assert_eq!(Backend::of("postgres://u@h/db"), Ok(Backend::Postgres));
        assert_eq!(Backend::of("postgresql://u@h/db"), Ok(Backend::Postgres));
    }

    #[test]
    fn refuses_other_schemes_without_leaking_passwords() {
        let err = Backend::of("mysql://root:secret@host/db").unwrap_err();
        assert!(!err.to_string().contains("secret"), "{err}");
        assert!(err.to_string().contains("mysql://root:***@host/db"), "{err}");
        assert_eq!(Backend::of("sqlite://"), Err(UrlError::MissingSqlitePath));
    }
}
