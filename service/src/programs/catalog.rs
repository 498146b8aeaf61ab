//! The shared, refreshable program index of one app server.
//!
//! App servers stay stateless: the index is a cache of the database. It is rebuilt when the
//! import log shows that institutions or completions changed (checked at most every few
//! seconds), so an import run by any process reaches every server.
use std::{
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

use entity::import_run;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::{ProgramIndex, load_programs};

const RECHECK_EVERY: Duration = Duration::from_secs(5);

#[derive(Default)]
struct State {
    index: Arc<ProgramIndex>,
    /// Digests of the institutions and completions imports the index was built from.
    built_from: Option<Vec<String>>,
    checked_at: Option<Instant>,
}

#[derive(Clone, Default)]
pub struct ProgramCatalog {
    state: Arc<RwLock<State>>,
}

impl ProgramCatalog {
    /// The current index, rebuilt first if the imported data changed.
    pub async fn current(&self, db: &impl ConnectionTrait) -> Result<Arc<ProgramIndex>, DbErr> {
        {
            let state = self.state.read().unwrap_or_else(|e| e.into_inner());
            if state.checked_at.is_some_and(|at| at.elapsed() < RECHECK_EVERY) {
                return Ok(state.index.clone());
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
            return Ok(state.index.clone());
        }
        let index = Arc::new(ProgramIndex::new(load_programs(db).await?));
        tracing::info!(programs = index.len(), "program index built");
        let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
        state.index = index.clone();
        state.built_from = Some(signature);
        state.checked_at = Some(Instant::now());
        Ok(index)
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
