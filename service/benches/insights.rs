//! Insights-query speed over 1,000,000 SYNTHETIC pay rows (25,000 shops × 8 quarters × 5
//! rows, `bayline dev synth-pay`'s generator), on SQLite (a file, WAL) and on PostgreSQL.
//! Each timed query is the whole service call a page, CSV or API answer makes: the viewer's
//! access, the filter's cell, the snapshot's version check, the OEWS row, and every figure
//! (pay, benefits, four labor rates, an eight-quarter trend) through the disclosure rules.
//! Prints the snapshot build time, then p50/p99/max over random filters; the budget is
//! p99 ≤ 50 ms.
//!
//! `cargo bench -p service --bench insights` (BAYLINE_DATA_DIR for the ZIP and OEWS files;
//! BENCH_SHOPS to change the size; BENCH_ONLY=sqlite|postgres for one engine; PostgreSQL from TEST_POSTGRES_URL, skipped if absent).
use std::time::Instant;

use chrono::Utc;
use domain::{
    insights::{Access, Certification, ExperienceBand, Role, ShopGroup},
    insights_view::InsightsFilter,
};
use entity::{org_member, organisation};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, QueryOrder, Set};
use service::{
    insights::{read::insights, snapshot::InsightsCache},
    synthetic::{Dice, pay},
    testing,
};

const QUERIES: usize = 2_000;

async fn prepare(db: &DatabaseConnection, shops: usize) -> service::authz::Actor {
    let dir = testing::data_dir();
    for dataset in [importer::Dataset::ZipCentroids, importer::Dataset::OewsWages] {
        importer::import(db, &dir, dataset, &importer::SilentProgress).await.unwrap();
    }
    let started = Instant::now();
    let made =
        pay::generate(db, pay::Size { shops, quarters: 8, seed: 1, state: None }, Utc::now()).await.unwrap();
    println!(
        "  generated {} SYNTHETIC shops, {} submissions, {} pay rows in {:.1} s",
        made.shops,
        made.submissions,
        made.rows,
        started.elapsed().as_secs_f64()
    );
    // A member of the first synthetic shop, which contributed: sees every filter.
    let viewer = testing::add_synthetic_user(db, "bench-viewer@example.com", false).await;
    let first =
        organisation::Entity::find().order_by_asc(organisation::Column::Id).one(db).await.unwrap().unwrap();
    org_member::ActiveModel {
        organisation_id: Set(first.id),
        user_id: Set(viewer.user_id),
        role: Set(domain::orgs::MemberRole::Owner),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
    .unwrap();
    viewer
}

fn pick<T: Copy>(dice: &mut Dice, all: &[T]) -> Option<T> {
    let n = dice.below(all.len() + 1);
    (n < all.len()).then(|| all[n])
}

fn random_filter(dice: &mut Dice, zips: &[(String, String)]) -> InsightsFilter {
    let (zip, state) = zips[dice.below(zips.len())].clone();
    let place = dice.below(3);
    InsightsFilter {
        role: Role::ALL[dice.below(Role::ALL.len())],
        division: None,
        state: (place >= 1).then_some(state),
        zip: (place == 2).then_some(zip),
        group: pick(dice, ShopGroup::ALL),
        experience: pick(dice, ExperienceBand::ALL),
        certification: pick(dice, Certification::ALL),
    }
}

fn report(what: &str, mut millis: Vec<f64>) {
    millis.sort_by(f64::total_cmp);
    let at = |q: f64| millis[((millis.len() - 1) as f64 * q) as usize];
    println!("  {what}: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms", at(0.50), at(0.99), at(1.0));
}

async fn measure(label: &str, db: &DatabaseConnection, shops: usize) {
    println!("{label}:");
    let viewer = prepare(db, shops).await;
    let zips: Vec<(String, String)> = organisation::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .take(500)
        .map(|o| (o.zip, o.state))
        .collect();
    let cache = InsightsCache::new();
    let started = Instant::now();
    insights(db, &cache, Some(viewer), &InsightsFilter::national(Role::MasterTech), Utc::now())
        .await
        .unwrap();
    println!("  first query (builds the snapshot): {:.0} ms", started.elapsed().as_secs_f64() * 1000.0);

    let mut dice = Dice::new(9);
    let mut millis = Vec::with_capacity(QUERIES);
    let mut shown = 0;
    for _ in 0..QUERIES {
        let filter = random_filter(&mut dice, &zips);
        let started = Instant::now();
        let view = insights(db, &cache, Some(viewer), &filter, Utc::now()).await.unwrap();
        millis.push(started.elapsed().as_secs_f64() * 1000.0);
        shown += usize::from(view.pay.figure().is_some());
    }
    report(&format!("{QUERIES} random insights queries ({shown} with a pay figure shown)"), millis);

    // The same filters, figures only (no database): how much of the time is the rules.
    let snapshot = cache.get(db, Utc::now()).await.unwrap();
    let mut dice = Dice::new(9);
    let mut millis = Vec::with_capacity(QUERIES);
    for _ in 0..QUERIES {
        let filter = random_filter(&mut dice, &zips);
        let asked = service::insights::read::cell_of(db, &filter).await.unwrap();
        let started = Instant::now();
        std::hint::black_box(service::insights::read::view(
            &snapshot,
            Access::Contributor,
            &filter,
            &asked,
            None,
        ));
        millis.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    report("  of which the figures and rules alone (in memory)", millis);
}

fn main() {
    let shops: usize = std::env::var("BENCH_SHOPS").ok().and_then(|s| s.parse().ok()).unwrap_or(25_000);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        // BENCH_ONLY=sqlite or BENCH_ONLY=postgres measures one engine.
        let only = std::env::var("BENCH_ONLY").unwrap_or_default();
        if only != "postgres" {
            sqlite_half(shops).await;
        }
        if only != "sqlite" {
            match testing::postgres().await {
                Some(pg) => measure("PostgreSQL", &pg.conn, shops).await,
                None => println!("PostgreSQL: unreachable, skipped"),
            }
        }
    });
}

async fn sqlite_half(shops: usize) {
    {
        let path = std::env::temp_dir().join(format!("bayline-insights-bench-{}.db", std::process::id()));
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let sqlite = service::db::connect(&url).await.unwrap();
        measure("SQLite (file, WAL)", &sqlite, shops).await;
        sqlite.close().await.ok();
        for suffix in ["", "-wal", "-shm"] {
            std::fs::remove_file(format!("{}{suffix}", path.display())).ok();
        }
    }
}
