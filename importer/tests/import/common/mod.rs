//! Shared helpers for the importer's integration tests: a small synthetic data folder laid
//! out like the real one (see `importer/src/files.rs`), and a snapshot of every table so a
//! test can prove that a refused or repeated import left the database exactly as it was.
//!
//! Every value below is SYNTHETIC: invented rows in the official column layouts, small
//! enough that a whole import takes milliseconds on either database.
#![allow(dead_code)] // each test file uses a different subset of these helpers

use std::path::{Path, PathBuf};

use entity::{import_run, institution, oews_wage, program_completion, zip_centroid};
use importer::{ImportError, ImportOutcome, SilentProgress};
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};

pub const HD: &str = "ipeds/hd2024.csv";
pub const COMPLETIONS: &str = "ipeds/c2024_a_cip4706.csv";
pub const GEONAMES: &str = "zip/us_zip_centroids_geonames.csv";
pub const ZCTA: &str = "zip/us_zcta_centroids_census2021.csv";
pub const OEWS_AREA: &str = "wages/oews_may2025_auto_techs_by_area.csv";
pub const OEWS_INDUSTRY: &str = "wages/oews_may2025_auto_techs_national_by_industry.csv";

/// Synthetic HD2024: the columns the importer reads, in NCES order, plus one it ignores.
pub const HD_CSV: &str = "\
UNITID,INSTNM,IALIAS,ADDR,CITY,STABBR,ZIP,WEBADDR,SECTOR,LONGITUD,LATITUDE
100001,Synthetic Technical College,,1 Main St,Springfield,IL,62701,www.example.edu/,4,-89.65,39.8
100002,\"Synthetic College, Austin\",SCA,2 Oak Ave,Austin,TX,78701-1234,www.example.org,4,-97.74,30.27
100003,Synthetic Career Center,,3 Elm Rd,Anchorage,AK,99501,,7,-149.9,61.22
";

/// Synthetic C2024_A rows: 4 kept; a second major and a marine (47.0616) row are skipped.
pub const COMPLETIONS_CSV: &str = "\
UNITID,CIPCODE,MAJORNUM,AWLEVEL,CTOTALT,CTOTALM,CTOTALW
100001,47.0604,1,3,12,10,2
100001,47.0604,2,3,5,5,0
100001,47.0605,1,21,7,7,0
100002,47.0603,1,2,4,3,1
100002,47.0616,1,3,9,9,0
100003,47.0613,1,20,0,0,0
";

/// Synthetic GeoNames rows. 09415 is a military FPO code without a state (skipped); 96860
/// appears twice, like in the real file: a Hawaii row and a stateless FPO row.
pub const GEONAMES_CSV: &str = "\
zip,lat,lon,city,state,state_name,county,county_fips3,accuracy
09415,50.4406,-4.9954,FPO AE,,,,,
62701,39.8,-89.65,Springfield,IL,Illinois,Sangamon,167,4
78701,30.27,-97.74,Austin,TX,Texas,Travis,453,4
96860,21.35,-157.95,Pearl Harbor,HI,Hawaii,Honolulu,003,4
96860,21.35,-157.95,FPO AA,,,,,
";

/// Synthetic ZCTA rows: 62701 is also in GeoNames (GeoNames wins); 00601 (Puerto Rico, no
/// state) and 99501 are not, so they come from here.
pub const ZCTA_CSV: &str = "\
zip,lat,lon,city,state
00601,18.18,-66.75,,
62701,39.79,-89.64,Springfield,IL
99501,61.21,-149.87,Anchorage,AK
";

pub const OEWS_HEADER: &str = "area_code,area_title,area_type,state_fips,naics,naics_title,occ_code,occ_title,tot_emp,emp_prse,h_mean,a_mean,mean_prse,h_pct10,h_pct25,h_median,h_pct75,h_pct90,a_pct10,a_pct25,a_median,a_pct75,a_pct90,jobs_1000,loc_quotient,footnotes,year,release,bls_series_key";

/// Synthetic OEWS rows, with a thousands separator, `#` (top-coded) and `*` (not released).
pub fn oews_area_csv() -> String {
    format!(
        "{OEWS_HEADER}\n\
0000000,National,national,00,000000,Cross-industry,49-3023,Automotive Service Technicians and Mechanics,\"700,000\",0.6,27.00,56000,0.3,16.00,18.00,24.00,33.00,39.00,33000,37000,50000,69000,81000,,,,2025,May 2025,SYN1\n\
0000006,California,state,06,000000,Cross-industry,49-3023,Automotive Service Technicians and Mechanics,70000,1.5,31.00,64000,0.7,18.00,21.00,28.00,38.00,#,37000,44000,58000,79000,#,4.1,1.05,5,2025,May 2025,SYN2\n"
    )
}

pub fn oews_industry_csv() -> String {
    format!(
        "{OEWS_HEADER}\n\
0000000,National,national,00,811100,Automotive Repair and Maintenance,49-3023,Automotive Service Technicians and Mechanics,250000,1.0,25.00,52000,0.5,*,*,23.00,*,*,*,*,47000,*,*,,,,2025,May 2025,SYN3\n"
    )
}

/// A temporary data folder holding the synthetic files; removed when dropped.
pub struct Synthetic {
    dir: tempfile::TempDir,
}

impl Synthetic {
    /// A folder with every dataset, valid.
    pub fn new() -> Self {
        let data = Self { dir: tempfile::tempdir().expect("temporary data folder") };
        data.write(HD, HD_CSV);
        data.write(COMPLETIONS, COMPLETIONS_CSV);
        data.write(GEONAMES, GEONAMES_CSV);
        data.write(ZCTA, ZCTA_CSV);
        data.write(OEWS_AREA, &oews_area_csv());
        data.write(OEWS_INDUSTRY, &oews_industry_csv());
        data
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The full path of a data file, as it appears in the importer's error messages.
    pub fn file(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn write(&self, relative: &str, contents: &str) {
        self.write_bytes(relative, contents.as_bytes());
    }

    pub fn write_bytes(&self, relative: &str, contents: &[u8]) {
        let path = self.file(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    pub fn read(&self, relative: &str) -> Vec<u8> {
        std::fs::read(self.file(relative)).unwrap()
    }

    pub fn remove(&self, relative: &str) {
        std::fs::remove_file(self.file(relative)).unwrap();
    }

    /// The message a `Malformed` error for `relative` at `line` displays.
    pub fn malformed(&self, relative: &str, line: u64, message: &str) -> String {
        format!("{}:{line}: {message}", self.file(relative).display())
    }
}

/// `import_all` without progress output.
pub async fn import_all(db: &DatabaseConnection, dir: &Path) -> Result<Vec<ImportOutcome>, ImportError> {
    importer::import_all(db, dir, &SilentProgress).await
}

/// Every row of every table, ordered by primary key.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub institutions: Vec<institution::Model>,
    pub completions: Vec<program_completion::Model>,
    pub zips: Vec<zip_centroid::Model>,
    pub wages: Vec<oews_wage::Model>,
    /// Includes each run's digest and finish time, so even a no-op rewrite would show.
    pub runs: Vec<import_run::Model>,
}

impl Snapshot {
    /// The imported data without the import log (for comparing imports of different bytes).
    pub fn data(&self) -> Self {
        Self { runs: Vec::new(), ..self.clone() }
    }
}

pub async fn snapshot(db: &DatabaseConnection) -> Snapshot {
    use entity::{
        import_run::Column as R, institution::Column as I, oews_wage::Column as W,
        program_completion::Column as C, zip_centroid::Column as Z,
    };
    Snapshot {
        institutions: institution::Entity::find().order_by_asc(I::Unitid).all(db).await.unwrap(),
        completions: program_completion::Entity::find()
            .order_by_asc(C::Unitid)
            .order_by_asc(C::CipCode)
            .order_by_asc(C::AwardLevel)
            .all(db)
            .await
            .unwrap(),
        zips: zip_centroid::Entity::find().order_by_asc(Z::Zip).all(db).await.unwrap(),
        wages: oews_wage::Entity::find()
            .order_by_asc(W::AreaCode)
            .order_by_asc(W::Naics)
            .order_by_asc(W::OccCode)
            .all(db)
            .await
            .unwrap(),
        runs: import_run::Entity::find().order_by_asc(R::Dataset).all(db).await.unwrap(),
    }
}

/// Writes `contents` to `file`, checks that `import_all` fails with exactly `expected` and
/// that no table changed, then restores the file.
pub async fn assert_refused(
    db: &DatabaseConnection,
    data: &Synthetic,
    file: &str,
    contents: &str,
    expected: String,
) {
    let before = snapshot(db).await;
    let original = data.read(file);
    data.write(file, contents);
    let err = import_all(db, data.path()).await.expect_err(&format!("{file} should be refused: {expected}"));
    assert_eq!(err.to_string(), expected);
    assert!(matches!(err, importer::ImportError::Malformed { .. }), "{err:?}");
    assert_eq!(snapshot(db).await, before, "the refused import of {file} changed the database");
    data.write_bytes(file, &original);
}

/// A valid synthetic import to break things against.
pub async fn imported_synthetic(db: &DatabaseConnection) -> Synthetic {
    let data = Synthetic::new();
    import_all(db, data.path()).await.expect("the valid synthetic files import");
    data
}
