//! The shared, refreshable program index (and headline totals) of one app server.
//!
//! App servers stay stateless: the index is a cache of the database. It is rebuilt when the
//! import log shows that institutions or completions changed (checked at most every few
//! seconds), so an import run by any process reaches every server.
use std::{
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

use domain::totals::ProgramTotals;
use entity::import_run;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::{ProgramIndex, load_programs};

const RECHECK_EVERY: Duration = Duration::from_secs(5);

/// What one import of the reference data yields for the pages: the search index and the
/// home page's totals (both change only when an import does).
#[derive(Debug, Default)]
pub struct Snapshot {
    pub index: ProgramIndex,
    pub totals: ProgramTotals,
}

#[derive(Default)]
struct State {
    snapshot: Arc<Snapshot>,
    /// Digests of the institutions and completions imports the index was built from.
    built_from: Option<Vec<String>>,
    checked_at: Option<Instant>,
}

#[derive(Clone, Default)]
pub struct ProgramCatalog {
    state: Arc<RwLock<State>>,
}

impl ProgramCatalog {
    /// The current snapshot, rebuilt first if the imported data changed.
    pub async fn current(&self, db: &impl ConnectionTrait) -> Result<Arc<Snapshot>, DbErr> {
        {
            let state = self.state.read().unwrap_or_else(|e| e.into_inner());
            if state.checked_at.is_some_and(|at| at.elapsed() < RECHECK_EVERY) {
                return Ok(state.snapshot.clone());
            }
        }
        let signature = import_signature(db).await?;
        let unchanged = {
            let state = self.state.read().unwrap_or_else(|e| e.into_inner());
            state.built_from.as_ref() == Some(&signature)
        };
        if unchanged {
            let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
            state.checked_at = Some(Instant::now());
            return Ok(state.snapshot.clone());
        }
        let snapshot = Arc::new(Snapshot {
            index: ProgramIndex::new(load_programs(db).await?),
            totals: crate::stats::program_totals(db).await?,
        });
        tracing::info!(programs = snapshot.index.len(), "program index built");
        let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
        state.snapshot = snapshot.clone();
        state.built_from = Some(signature);
        state.checked_at = Some(Instant::now());
        Ok(snapshot)
    }
}

async fn import_signature(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    let runs = import_run::Entity::find()
        .filter(import_run::Column::Dataset.is_in(["institutions", "completions"]))
        .all(db)
        .await?;
    let mut signature: Vec<String> =
        runs.into_iter().map(|r| format!("{}:{}:{}", r.dataset, r.content_sha256, r.finished_at)).collect();
    signature.sort();
    Ok(signature)
}
