//! Radius-query speed: the 848 real IPEDS programs, and 100,000 SYNTHETIC points (uniform
//! over the contiguous United States, labelled so in the bench names). Criterion measures
//! the mean; after it, each set is timed query by query and the p50/p99/max are printed,
//! because the budget is a tail latency (p99 ≤ 1 ms real, ≤ 5 ms synthetic).
//!
//! `cargo bench -p service --bench radius` (needs BAYLINE_DATA_DIR or ../shared/data).
use std::{hint::black_box, path::PathBuf, time::Instant};

use criterion::Criterion;
use domain::{
    AwardLevel, LatLon, ProgramKind,
    programs::{Offering, ProgramFilter, ProgramSummary},
};
use service::programs::ProgramIndex;

fn data_dir() -> PathBuf {
    std::env::var_os("BAYLINE_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"))
}

/// The real programs, imported into an in-memory database exactly as the server does.
fn real_index() -> ProgramIndex {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let db = service::db::connect("sqlite::memory:").await.unwrap();
        importer::import_all(&db, &data_dir(), &importer::SilentProgress).await.unwrap();
        ProgramIndex::new(service::programs::load_programs(&db).await.unwrap())
    })
}

/// A small deterministic generator, so every run queries the same points.
struct Lcg(u64);
impl Lcg {
    fn unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn point(&mut self) -> LatLon {
        LatLon::new(24.5 + self.unit() * 24.9, -124.7 + self.unit() * 57.8).unwrap()
    }
}

fn synthetic_index(n: usize) -> ProgramIndex {
    let mut rng = Lcg(42);
    let programs = (0..n)
        .map(|i| {
            let at = rng.point();
            let kind = if i % 4 == 0 { ProgramKind::Diesel } else { ProgramKind::Auto };
            ProgramSummary {
                unitid: i as i32,
                name: format!("Synthetic program {i}"),
                city: String::new(),
                state: String::new(),
                lat: at.lat,
                lon: at.lon,
                sector: None,
                kinds: vec![kind],
                award_levels: vec![AwardLevel::Associate],
                completions: 1,
                programs: vec![Offering {
                    kind,
                    award: Some(AwardLevel::Associate),
                    ipeds_award_level: 3,
                    completions: 1,
                }],
            }
        })
        .collect();
    ProgramIndex::new(programs)
}

fn percentiles(label: &str, index: &ProgramIndex, radius_mi: f64) {
    let mut rng = Lcg(7);
    let origins: Vec<LatLon> = (0..20_000).map(|_| rng.point()).collect();
    let filter = ProgramFilter::default();
    let mut nanos: Vec<u128> = origins
        .iter()
        .map(|origin| {
            let start = Instant::now();
            black_box(index.near(*origin, radius_mi, &filter, 0, 50));
            start.elapsed().as_nanos()
        })
        .collect();
    nanos.sort_unstable();
    let at = |q: f64| nanos[((nanos.len() - 1) as f64 * q) as usize] as f64 / 1000.0;
    println!(
        "{label}: {} queries, radius {radius_mi} mi, first page of 50: p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        nanos.len(),
        at(0.50),
        at(0.99),
        at(1.0)
    );
}

fn main() {
    let real = real_index();
    assert_eq!(real.len(), 848);
    let synthetic = synthetic_index(100_000);
    let mut criterion = Criterion::default().configure_from_args();
    let mut rng = Lcg(3);
    let mut group = criterion.benchmark_group("radius_query");
    for (name, index) in [("848_real_programs", &real), ("100k_synthetic_points", &synthetic)] {
        for radius in [25.0, 100.0] {
            group.bench_function(format!("{name}/{radius}mi"), |b| {
                b.iter(|| black_box(index.near(rng.point(), radius, &ProgramFilter::default(), 0, 50)))
            });
        }
    }
    group.finish();
    criterion.final_summary();

    println!();
    for radius in [25.0, 100.0, 500.0] {
        percentiles("848 real programs", &real, radius);
        percentiles("100,000 SYNTHETIC points", &synthetic, radius);
    }
}
