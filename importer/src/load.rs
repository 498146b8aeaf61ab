//! Writing a parsed dataset: one transaction, replacing the previous import.
use std::{
    collections::HashSet,
    path::{Path, PathBuf},
};

use chrono::Utc;
use entity::{import_run, institution, oews_wage, program_completion, zip_centroid};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    TransactionTrait, sea_query::OnConflict,
};
use sha2::{Digest, Sha256};

use crate::{DataFiles, Dataset, ImportError, completions, institutions, oews, zips};

/// Rows per INSERT: far below SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK: usize = 400;

/// Receives progress while rows are written (a terminal progress bar, or nothing).
pub trait Progress: Send + Sync {
    fn start(&self, dataset: Dataset, rows: u64);
    fn advance(&self, rows: u64);
    fn finish(&self, outcome: &ImportOutcome);
}

/// Reports nothing; for tests and the first-start import (which logs instead).
pub struct SilentProgress;

impl Progress for SilentProgress {
    fn start(&self, _: Dataset, _: u64) {}
    fn advance(&self, _: u64) {}
    fn finish(&self, _: &ImportOutcome) {}
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    Imported {
        dataset: Dataset,
        rows: u64,
    },
    /// The files are byte-for-byte those of the last successful import.
    Unchanged {
        dataset: Dataset,
    },
}

impl std::fmt::Display for ImportOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Imported { dataset, rows } => write!(f, "{}: imported {rows} rows", dataset.name()),
            Self::Unchanged { dataset } => write!(f, "{}: unchanged since the last import", dataset.name()),
        }
    }
}

/// Imports every dataset found in `dir`, in dependency order.
pub async fn import_all(
    db: &DatabaseConnection,
    dir: &Path,
    progress: &dyn Progress,
) -> Result<Vec<ImportOutcome>, ImportError> {
    let mut outcomes = Vec::new();
    for dataset in Dataset::ALL {
        outcomes.push(import(db, dir, dataset, progress).await?);
    }
    Ok(outcomes)
}

/// Imports one dataset from `dir`. Nothing is written unless every row is valid.
pub async fn import(
    db: &DatabaseConnection,
    dir: &Path,
    dataset: Dataset,
    progress: &dyn Progress,
) -> Result<ImportOutcome, ImportError> {
    let files = DataFiles::locate(dir, dataset)?;
    let contents = files
        .paths
        .iter()
        .map(|path| std::fs::read(path).map_err(|source| ImportError::Io { file: path.clone(), source }))
        .collect::<Result<Vec<_>, _>>()?;
    let digest = digest_of(dataset, &contents);
    let previous = import_run::Entity::find_by_id(dataset.name()).one(db).await?;
    if previous.is_some_and(|run| run.content_sha256 == digest) {
        let outcome = ImportOutcome::Unchanged { dataset };
        progress.finish(&outcome);
        return Ok(outcome);
    }

    let txn = db.begin().await?;
    let rows = match dataset {
        Dataset::Institutions => {
            let rows = institutions::parse(&files.paths[0], &contents[0])?;
            progress.start(dataset, rows.len() as u64);
            replace_institutions(&txn, rows, progress).await?
        }
        Dataset::Completions => {
            let known: HashSet<i32> = institution::Entity::find()
                .select_only()
                .column(institution::Column::Unitid)
                .into_tuple::<i32>()
                .all(&txn)
                .await?
                .into_iter()
                .collect();
            let rows = completions::parse(&files.paths[0], &contents[0], &known)?;
            progress.start(dataset, rows.len() as u64);
            program_completion::Entity::delete_many().exec(&txn).await?;
            insert_all::<program_completion::ActiveModel, _>(&txn, rows, progress).await?
        }
        Dataset::ZipCentroids => {
            let geonames = zips::parse(&files.paths[0], &contents[0], "geonames")?;
            let zcta = zips::parse(&files.paths[1], &contents[1], "zcta")?;
            let rows = zips::merge(geonames, zcta);
            progress.start(dataset, rows.len() as u64);
            zip_centroid::Entity::delete_many().exec(&txn).await?;
            insert_all::<zip_centroid::ActiveModel, _>(&txn, rows, progress).await?
        }
        Dataset::OewsWages => {
            let inputs: Vec<(&Path, &[u8])> =
                files.paths.iter().map(PathBuf::as_path).zip(contents.iter().map(Vec::as_slice)).collect();
            let rows = oews::parse(&inputs)?;
            progress.start(dataset, rows.len() as u64);
            oews_wage::Entity::delete_many().exec(&txn).await?;
            insert_all::<oews_wage::ActiveModel, _>(&txn, rows, progress).await?
        }
    };
    record_run(&txn, &files, digest, rows).await?;
    txn.commit().await?;
    let outcome = ImportOutcome::Imported { dataset, rows };
    progress.finish(&outcome);
    tracing::info!(dataset = dataset.name(), rows, "import committed");
    Ok(outcome)
}

/// Institutions are updated in place (later features refer to them by UNITID); those no
/// longer in the file are removed. Completions depend on them, so they must be re-imported.
async fn replace_institutions(
    txn: &sea_orm::DatabaseTransaction,
    rows: Vec<institution::Model>,
    progress: &dyn Progress,
) -> Result<u64, ImportError> {
    let incoming: HashSet<i32> = rows.iter().map(|r| r.unitid).collect();
    let existing: Vec<i32> = institution::Entity::find()
        .select_only()
        .column(institution::Column::Unitid)
        .into_tuple()
        .all(txn)
        .await?;
    let gone: Vec<i32> = existing.into_iter().filter(|id| !incoming.contains(id)).collect();
    for chunk in gone.chunks(CHUNK) {
        program_completion::Entity::delete_many()
            .filter(program_completion::Column::Unitid.is_in(chunk.iter().copied()))
            .exec(txn)
            .await?;
        institution::Entity::delete_many()
            .filter(institution::Column::Unitid.is_in(chunk.iter().copied()))
            .exec(txn)
            .await?;
    }
    import_run::Entity::delete_by_id(Dataset::Completions.name()).exec(txn).await?;

    let total = rows.len() as u64;
    let upsert = OnConflict::column(institution::Column::Unitid)
        .update_columns([
            institution::Column::Name,
            institution::Column::Address,
            institution::Column::City,
            institution::Column::State,
            institution::Column::Zip,
            institution::Column::Website,
            institution::Column::Sector,
            institution::Column::Latitude,
            institution::Column::Longitude,
        ])
        .to_owned();
    for chunk in rows.chunks(CHUNK) {
        institution::Entity::insert_many(chunk.iter().cloned().map(institution::ActiveModel::from))
            .on_conflict(upsert.clone())
            .exec_without_returning(txn)
            .await?;
        progress.advance(chunk.len() as u64);
    }
    Ok(total)
}

async fn insert_all<A, M>(
    txn: &sea_orm::DatabaseTransaction,
    rows: Vec<M>,
    progress: &dyn Progress,
) -> Result<u64, ImportError>
where
    A: ActiveModelTrait + From<M> + Send,
    M: Clone,
{
    let total = rows.len() as u64;
    for chunk in rows.chunks(CHUNK) {
        <A::Entity as EntityTrait>::insert_many(chunk.iter().cloned().map(A::from))
            .exec_without_returning(txn)
            .await?;
        progress.advance(chunk.len() as u64);
    }
    Ok(total)
}

async fn record_run(
    txn: &sea_orm::DatabaseTransaction,
    files: &DataFiles,
    digest: String,
    rows: u64,
) -> Result<(), ImportError> {
    let names: Vec<String> = files
        .paths
        .iter()
        .map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
        .collect();
    let run = import_run::Model {
        dataset: files.dataset.name().to_string(),
        source_files: names.join(", "),
        content_sha256: digest,
        rows: rows as i64,
        finished_at: Utc::now(),
    };
    import_run::Entity::insert(import_run::ActiveModel::from(run))
        .on_conflict(
            OnConflict::column(import_run::Column::Dataset)
                .update_columns([
                    import_run::Column::SourceFiles,
                    import_run::Column::ContentSha256,
                    import_run::Column::Rows,
                    import_run::Column::FinishedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// What an import is judged unchanged by: its files, and the rules that shape its rows (see
/// [`Dataset::rules`]; none for most, whose digest is their files' alone).
fn digest_of(dataset: Dataset, contents: &[Vec<u8>]) -> String {
    let rules = dataset.rules();
    let mut hasher = Sha256::new();
    for bytes in contents.iter().map(Vec::as_slice).chain((!rules.is_empty()).then_some(rules)) {
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site imported before the prefix table came kept Puerto Rico's ZIP codes without a
    /// state: its files are the same, so only the table in the digest makes it import again.
    #[test]
    fn the_prefix_table_is_part_of_the_zip_digest_and_of_no_other() {
        let files = vec![b"zip,lat,lon,city,state\n".to_vec(), b"zip,lat,lon,city,state\n".to_vec()];
        let files_alone = {
            let mut hasher = Sha256::new();
            for bytes in &files {
                hasher.update((bytes.len() as u64).to_le_bytes());
                hasher.update(bytes);
            }
            hasher.finalize().iter().map(|b| format!("{b:02x}")).collect::<String>()
        };
        assert_ne!(digest_of(Dataset::ZipCentroids, &files), files_alone);
        for dataset in [Dataset::Institutions, Dataset::Completions, Dataset::OewsWages] {
            assert_eq!(digest_of(dataset, &files), files_alone, "{} imports as before", dataset.name());
        }
    }
}
