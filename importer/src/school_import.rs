//! Writing an operator's school list: every row checked first (`schools::parse`), then one
//! transaction that adds the new schools and updates the changed ones, matched by NCES id,
//! else by name and ZIP code. Schools the list no longer names are left as they are (a list
//! of one county does not remove another county's), and importing the same file again
//! changes nothing.
use std::{collections::HashMap, path::Path};

use chrono::{DateTime, Utc};
use entity::{school_listing, zip_centroid};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, Set, TransactionTrait};

use crate::{
    ImportError,
    schools::{self, SchoolRow, ZipPoint},
};

/// What a school import did (or, for a preview, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchoolImport {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub unchanged: usize,
}

impl std::fmt::Display for SchoolImport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "schools: {} added, {} updated, {} unchanged",
            self.added.len(),
            self.updated.len(),
            self.unchanged
        )
    }
}

/// Reports rows as they are written (the command line's progress bar).
pub trait RowProgress: Send + Sync {
    fn start(&self, rows: u64);
    fn advance(&self, rows: u64);
    /// Every row is written (or the import failed): the bar goes.
    fn done(&self);
}

impl RowProgress for crate::SilentProgress {
    fn start(&self, _: u64) {}
    fn advance(&self, _: u64) {}
    fn done(&self) {}
}

async fn zip_points(db: &DatabaseConnection) -> Result<HashMap<String, ZipPoint>, ImportError> {
    let rows = zip_centroid::Entity::find().all(db).await?;
    Ok(rows
        .into_iter()
        .map(|z| (z.zip, ZipPoint { state: z.state, lat: z.latitude, lon: z.longitude }))
        .collect())
}

/// Checks `bytes` (the contents of `path`) against the ZIP codes imported: the rows, or the
/// first problem.
pub async fn check_schools(
    db: &DatabaseConnection,
    path: &Path,
    bytes: &[u8],
) -> Result<Vec<SchoolRow>, ImportError> {
    let zips = zip_points(db).await?;
    if zips.is_empty() {
        return Err(ImportError::MissingFile(
            "no ZIP codes are imported yet: run `bayline import zip_centroids` first".into(),
        ));
    }
    schools::parse(path, bytes, &zips)
}

/// Like [`check_schools`], telling up to `most` problems at once (the admin's preview).
pub async fn check_schools_all(
    db: &DatabaseConnection,
    path: &Path,
    bytes: &[u8],
    most: usize,
) -> Result<Vec<SchoolRow>, Vec<ImportError>> {
    let zips = zip_points(db).await.map_err(|e| vec![e])?;
    if zips.is_empty() {
        return Err(vec![ImportError::MissingFile(
            "no ZIP codes are imported yet: run `bayline import zip_centroids` first".into(),
        )]);
    }
    schools::parse_all(path, bytes, &zips, most)
}

/// The row `school` would replace, if any: same NCES id, else same name and ZIP code.
fn existing<'a>(
    by_nces: &HashMap<String, &'a school_listing::Model>,
    by_name: &HashMap<(String, String), &'a school_listing::Model>,
    school: &SchoolRow,
) -> Option<&'a school_listing::Model> {
    school
        .nces_id
        .as_ref()
        .and_then(|id| by_nces.get(id).copied())
        .or_else(|| by_name.get(&(school.name_key.clone(), school.zip.clone())).copied())
}

/// Whether the stored row already says everything the list says.
fn same(row: &school_listing::Model, school: &SchoolRow) -> bool {
    row.name == school.name
        && row.street == school.street
        && row.city == school.city
        && row.state == school.state
        && row.zip == school.zip
        && row.kinds == kinds_column(school)
        && row.level == school.level
        && row.web_host == school.web_host
        && row.nces_id == school.nces_id
        && row.aef_accredited_until == school.aef_accredited_until
        && row.latitude == school.lat
        && row.longitude == school.lon
        && row.located_by_zip == school.located_by_zip
        && row.contact_email == school.email
}

fn kinds_column(school: &SchoolRow) -> String {
    school.kinds.iter().map(|k| k.slug()).collect::<Vec<_>>().join(",")
}

fn fill(
    mut active: school_listing::ActiveModel,
    school: &SchoolRow,
    source: &str,
    now: DateTime<Utc>,
) -> school_listing::ActiveModel {
    active.name = Set(school.name.clone());
    active.name_key = Set(school.name_key.clone());
    active.street = Set(school.street.clone());
    active.city = Set(school.city.clone());
    active.state = Set(school.state.clone());
    active.zip = Set(school.zip.clone());
    active.kinds = Set(kinds_column(school));
    active.level = Set(school.level);
    active.web_host = Set(school.web_host.clone());
    active.nces_id = Set(school.nces_id.clone());
    active.aef_accredited_until = Set(school.aef_accredited_until);
    active.latitude = Set(school.lat);
    active.longitude = Set(school.lon);
    active.located_by_zip = Set(school.located_by_zip);
    active.contact_email = Set(school.email.clone());
    active.source = Set(source.to_string());
    active.source_line = Set(i32::try_from(school.line).unwrap_or(i32::MAX));
    active.updated_at = Set(now);
    active
}

/// What importing `schools` would do, without writing (the admin page's preview).
pub async fn plan(
    db: &impl sea_orm::ConnectionTrait,
    schools: &[SchoolRow],
) -> Result<SchoolImport, ImportError> {
    let stored = school_listing::Entity::find().all(db).await?;
    let by_nces: HashMap<String, &school_listing::Model> =
        stored.iter().filter_map(|r| Some((r.nces_id.clone()?, r))).collect();
    let by_name: HashMap<(String, String), &school_listing::Model> =
        stored.iter().map(|r| ((r.name_key.clone(), r.zip.clone()), r)).collect();
    let mut plan = SchoolImport::default();
    for school in schools {
        match existing(&by_nces, &by_name, school) {
            None => plan.added.push(school.name.clone()),
            Some(row) if same(row, school) => plan.unchanged += 1,
            Some(_) => plan.updated.push(school.name.clone()),
        }
    }
    Ok(plan)
}

/// Imports the checked `schools` from the list `source` (its name as people know it, e.g.
/// "Michigan CTE directory 2026"), in one transaction.
pub async fn import_schools(
    db: &DatabaseConnection,
    schools: &[SchoolRow],
    source: &str,
    now: DateTime<Utc>,
    progress: &dyn RowProgress,
) -> Result<SchoolImport, ImportError> {
    let txn = db.begin().await?;
    let stored = school_listing::Entity::find().all(&txn).await?;
    let by_nces: HashMap<String, &school_listing::Model> =
        stored.iter().filter_map(|r| Some((r.nces_id.clone()?, r))).collect();
    let by_name: HashMap<(String, String), &school_listing::Model> =
        stored.iter().map(|r| ((r.name_key.clone(), r.zip.clone()), r)).collect();
    progress.start(schools.len() as u64);
    let mut done = SchoolImport::default();
    for school in schools {
        match existing(&by_nces, &by_name, school) {
            Some(row) if same(row, school) => done.unchanged += 1,
            Some(row) => {
                fill(row.clone().into_active_model(), school, source, now).update(&txn).await?;
                done.updated.push(school.name.clone());
            }
            None => {
                let fresh = school_listing::ActiveModel {
                    imported_at: Set(now),
                    claimed_org_id: Set(None),
                    ..Default::default()
                };
                fill(fresh, school, source, now).insert(&txn).await?;
                done.added.push(school.name.clone());
            }
        }
        progress.advance(1);
    }
    progress.done();
    txn.commit().await?;
    tracing::info!(
        added = done.added.len(),
        updated = done.updated.len(),
        unchanged = done.unchanged,
        source,
        "schools imported"
    );
    Ok(done)
}
