//! The shared, refreshable program index (and headline totals) of one app server, and the
//! ZIP places and BLS OEWS rows pages have looked up.
//!
//! App servers stay stateless: all of it is a cache of the database's imported reference
//! data. It is dropped and rebuilt when the import log shows that any dataset changed
//! (checked at most every few seconds), so an import run by any process reaches every server.
use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

use domain::{
    insights_view::OewsFigure,
    programs::{NearbyProgram, ProgramProfile},
    totals::ProgramTotals,
    zip::Unplaceable,
};
use entity::import_run;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::{ProgramIndex, ZipPlace, load_programs};

const RECHECK_EVERY: Duration = Duration::from_secs(5);

/// What one import of the reference data yields for the pages: the search index and the
/// home page's totals (both change only when an import does), and the ZIP places and OEWS
/// rows looked up since (kept as found: they too change only when an import does).
#[derive(Debug, Default)]
pub struct Snapshot {
    pub index: ProgramIndex,
    pub totals: ProgramTotals,
    /// ZIP code → its place; only codes that have one (an unknown code asks again).
    places: RwLock<HashMap<String, ZipPlace>>,
    /// (SOC code, state asked) → the row shown and whether it is the national one.
    wages: RwLock<HashMap<(String, Option<String>), (OewsFigure, bool)>>,
    /// UNITID → its profile (institution and completions: both only ever imported).
    profiles: RwLock<HashMap<i32, ProgramProfile>>,
    /// (UNITID, how many) → the nearest other programs (see [`Snapshot::nearest_to`]).
    nearest: RwLock<HashMap<(i32, usize), Vec<NearbyProgram>>>,
}

impl Snapshot {
    /// [`ProgramIndex::nearest_to`], worked out once per program and snapshot: measuring the
    /// distance to every program on each profile view was a seventh of the page's work
    /// (callgrind), and the answer changes only with an import.
    pub fn nearest_to(&self, unitid: i32, count: usize) -> Vec<NearbyProgram> {
        if let Some(found) = read(&self.nearest).get(&(unitid, count)) {
            return found.clone();
        }
        let found = self.index.nearest_to(unitid, count);
        write(&self.nearest).insert((unitid, count), found.clone());
        found
    }
}

#[derive(Default)]
struct State {
    snapshot: Arc<Snapshot>,
    /// Digests of the imports the snapshot was built from.
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
        if let Some(snapshot) = self.fresh() {
            return Ok(snapshot);
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
            ..Default::default()
        });
        tracing::info!(programs = snapshot.index.len(), "program index built");
        let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
        state.snapshot = snapshot.clone();
        state.built_from = Some(signature);
        state.checked_at = Some(Instant::now());
        Ok(snapshot)
    }

    /// The snapshot, if it was checked against the import log within [`RECHECK_EVERY`]: what
    /// [`Self::current`] would answer without asking the database, so a page can render it
    /// at once instead of waiting for a resource.
    pub fn fresh(&self) -> Option<Arc<Snapshot>> {
        let state = self.state.read().unwrap_or_else(|e| e.into_inner());
        state.checked_at.is_some_and(|at| at.elapsed() < RECHECK_EVERY).then(|| state.snapshot.clone())
    }

    /// [`super::zip_place`], answered from memory once a ZIP code has been found: a page
    /// view asks for its visitor's ZIP on every request, and each query is a hand-off to the
    /// database's thread.
    pub async fn zip_place(
        &self,
        db: &impl ConnectionTrait,
        zip: &str,
    ) -> Result<Result<ZipPlace, Unplaceable>, DbErr> {
        let snapshot = self.current(db).await?;
        // An unknown code is not remembered: it asks again.
        remembered(&snapshot.places, zip.to_string(), super::zip_place(db, zip)).await
    }

    /// [`crate::insights::oews::lookup_soc`], answered from memory once found.
    pub async fn wage_row(
        &self,
        db: &impl ConnectionTrait,
        soc: &str,
        state: Option<&str>,
    ) -> Result<Option<(OewsFigure, bool)>, DbErr> {
        let snapshot = self.current(db).await?;
        let key = (soc.to_string(), state.map(str::to_string));
        let row = async { Ok(crate::insights::oews::lookup_soc(db, soc, state).await?.ok_or(())) };
        Ok(remembered(&snapshot.wages, key, row).await?.ok())
    }

    /// [`super::profile`], answered from memory once found: a profile is its institution's
    /// and completions' rows, which only an import writes.
    pub async fn profile(
        &self,
        db: &impl ConnectionTrait,
        unitid: i32,
    ) -> Result<Option<ProgramProfile>, DbErr> {
        let snapshot = self.current(db).await?;
        let profile = async { Ok(super::profile(db, unitid).await?.ok_or(())) };
        Ok(remembered(&snapshot.profiles, unitid, profile).await?.ok())
    }

    /// Makes the next call check the import log at once (tools and tests that import and
    /// then read without waiting [`RECHECK_EVERY`]).
    pub fn recheck_now(&self) {
        write(&self.state).checked_at = None;
    }
}

/// The value `memory` holds for `key`, else what `fetch` finds (`Ok`, then kept) or why it
/// found nothing (`Err`, not kept: the row may be added later).
async fn remembered<K, V, Why>(
    memory: &RwLock<HashMap<K, V>>,
    key: K,
    fetch: impl std::future::Future<Output = Result<Result<V, Why>, DbErr>>,
) -> Result<Result<V, Why>, DbErr>
where
    K: std::hash::Hash + Eq,
    V: Clone,
{
    if let Some(value) = read(memory).get(&key) {
        return Ok(Ok(value.clone()));
    }
    let found = fetch.await?;
    if let Ok(value) = &found {
        write(memory).insert(key, value.clone());
    }
    Ok(found)
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|e| e.into_inner())
}

async fn import_signature(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    let runs = import_run::Entity::find()
        .filter(import_run::Column::Dataset.is_in([
            "institutions",
            "completions",
            "zip_centroids",
            "oews_wages",
        ]))
        .all(db)
        .await?;
    let mut signature: Vec<String> =
        runs.into_iter().map(|r| format!("{}:{}:{}", r.dataset, r.content_sha256, r.finished_at)).collect();
    signature.sort();
    Ok(signature)
}
