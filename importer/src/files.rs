//! Where each dataset's files are found under `BAYLINE_DATA_DIR`.
use std::path::{Path, PathBuf};

use crate::ImportError;

/// A dataset Bayline imports, in dependency order (completions need institutions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    Institutions,
    Completions,
    ZipCentroids,
    OewsWages,
}

impl Dataset {
    pub const ALL: [Dataset; 4] =
        [Self::Institutions, Self::Completions, Self::ZipCentroids, Self::OewsWages];

    /// What shapes the rows besides the data files: the committed USPS prefix table fills in
    /// the ZIP centroids' missing states, so a new table must re-import them even when the
    /// files are the same. Empty for the datasets read from their files alone.
    pub fn rules(self) -> &'static [u8] {
        match self {
            Self::ZipCentroids => domain::zip_prefix::TABLE.as_bytes(),
            Self::Institutions | Self::Completions | Self::OewsWages => &[],
        }
    }

    /// The name used on the command line and in the import log.
    pub fn name(self) -> &'static str {
        match self {
            Self::Institutions => "institutions",
            Self::Completions => "completions",
            Self::ZipCentroids => "zip_centroids",
            Self::OewsWages => "oews_wages",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.name() == name)
    }

    /// Accepted file names, relative to the data folder, each group in order of preference.
    /// A dataset needs one file from every group.
    fn candidates(self) -> &'static [&'static [&'static str]] {
        match self {
            // The official NCES names first; the CIP 47.06 extract has the same columns.
            Self::Institutions => &[&["ipeds/hd2024.csv", "ipeds/HD2024.csv"]],
            Self::Completions => &[&["ipeds/c2024_a.csv", "ipeds/C2024_A.csv", "ipeds/c2024_a_cip4706.csv"]],
            Self::ZipCentroids => {
                &[&["zip/us_zip_centroids_geonames.csv"], &["zip/us_zcta_centroids_census2021.csv"]]
            }
            Self::OewsWages => &[
                &["wages/oews_may2025_auto_techs_by_area.csv"],
                &["wages/oews_may2025_auto_techs_national_by_industry.csv"],
            ],
        }
    }
}

/// The files found for one dataset.
#[derive(Debug, Clone)]
pub struct DataFiles {
    pub dataset: Dataset,
    pub paths: Vec<PathBuf>,
}

impl DataFiles {
    /// Finds a dataset's files under `dir`, or says which file is missing.
    pub fn locate(dir: &Path, dataset: Dataset) -> Result<Self, ImportError> {
        let mut paths = Vec::new();
        for group in dataset.candidates() {
            let found = group.iter().map(|name| dir.join(name)).find(|path| path.is_file());
            match found {
                Some(path) => paths.push(path),
                None => {
                    return Err(ImportError::MissingFile(format!(
                        "{}: none of {} found in {}",
                        dataset.name(),
                        group.join(", "),
                        dir.display()
                    )));
                }
            }
        }
        Ok(Self { dataset, paths })
    }

    /// Whether `dir` holds every dataset (used to decide on the first-start import).
    pub fn all_present(dir: &Path) -> bool {
        Dataset::ALL.into_iter().all(|d| Self::locate(dir, d).is_ok())
    }
}
