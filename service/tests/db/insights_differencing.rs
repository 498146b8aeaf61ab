//! Rule 4 of docs/privacy.md, tried exhaustively: over a seeded SYNTHETIC data set, ask the
//! service for every cell of the lattice (place — national, Census division, state, ZIP area —
//! × shop-type group × experience × certification), then, from the raw rows read independently, check every pair of shown
//! figures whose row sets are nested: the rows one adds to the other belong to no shop or to
//! at least 5 shops. The data set is checked to be a real challenge: without rule 4, some
//! pairs of cells that pass rules 1 and 2 would single out 1–4 shops.
use service::testing::stored;
use std::collections::{BTreeSet, HashMap};

use domain::{
    disclosure::Suppressed,
    divisions::Division,
    insights::{Certification, ExperienceBand, LaborKind, Role, ShopGroup},
    insights_view::InsightsFilter,
    orgs::ShopType,
};
use entity::pay_submission;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use service::{
    db_test,
    insights::{read::insights, snapshot::InsightsCache},
    synthetic::Dice,
    testing::add_real_zips,
};

use crate::support::insights_data::*;

const ZIPS: [(&str, &str); 5] =
    [("48201", "MI"), ("48104", "MI"), ("49503", "MI"), ("43215", "OH"), ("44113", "OH")];

/// The lattice test's places: three states of East North Central (MI, OH, IN), two of the
/// Middle Atlantic (PA, NY) and Puerto Rico, in no division. Puerto Rico's ZIP is not among the
/// imported centroids: its shops are asked for by state only.
const LATTICE_ZIPS: [(&str, &str); 11] = [
    ("48201", "MI"),
    ("48104", "MI"),
    ("49503", "MI"),
    ("43215", "OH"),
    ("44113", "OH"),
    ("46204", "IN"),
    ("47401", "IN"),
    ("15213", "PA"),
    ("19103", "PA"),
    ("10001", "NY"),
    ("00901", "PR"),
];

/// A set of rows (ids) and the shop of each.
type Rows = BTreeSet<(i64, i64)>;

fn shops_in(rows: &Rows) -> usize {
    rows.iter().map(|(_, shop)| *shop).collect::<BTreeSet<_>>().len()
}

/// Every pair of nested row sets whose difference touches 1–4 shops.
fn violations(cells: &[(String, Rows)]) -> Vec<String> {
    let mut out = Vec::new();
    for (a_name, a) in cells {
        for (b_name, b) in cells {
            if a.len() > b.len() && b.is_subset(a) {
                let added: Rows = a.difference(b).copied().collect();
                let n = shops_in(&added);
                if (1..5).contains(&n) {
                    out.push(format!("{a_name} minus {b_name} singles out {n} shops"));
                }
            }
        }
    }
    out
}

/// Every shown cell with two disjoint shown cells inside it that leave 1–4 of its shops out:
/// subtracting both (figures that add up, such as counts or means over technicians) would
/// single those shops out even when no pair does. Row sets are bitsets, so the ~n³/2
/// comparisons stay fast.
fn triple_violations(cells: &[(String, Rows)]) -> Vec<String> {
    let all: Vec<(i64, i64)> = cells
        .iter()
        .flat_map(|(_, rows)| rows.iter().copied())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let index: HashMap<(i64, i64), usize> = all.iter().enumerate().map(|(i, row)| (*row, i)).collect();
    let words = all.len().div_ceil(64);
    let bits = |rows: &Rows| {
        let mut set = vec![0u64; words];
        for row in rows {
            let i = index[row];
            set[i / 64] |= 1 << (i % 64);
        }
        set
    };
    let sets: Vec<Vec<u64>> = cells.iter().map(|(_, rows)| bits(rows)).collect();
    let inside = |small: &[u64], big: &[u64]| small.iter().zip(big).all(|(s, b)| s & !b == 0) && small != big;
    let shops_of = |set: &[u64]| {
        let mut shops = BTreeSet::new();
        for (w, word) in set.iter().enumerate() {
            for bit in 0..64 {
                if word & (1 << bit) != 0 {
                    shops.insert(all[w * 64 + bit].1);
                }
            }
        }
        shops.len()
    };
    let mut out = Vec::new();
    for (a, big) in sets.iter().enumerate() {
        let parts: Vec<usize> = (0..sets.len()).filter(|&b| inside(&sets[b], big)).collect();
        for (i, &b) in parts.iter().enumerate() {
            for &c in &parts[i + 1..] {
                // Only disjoint parts subtract as they are; overlapping ones need their overlap's
                // figure too (a fourth cell).
                if sets[b].iter().zip(&sets[c]).any(|(x, y)| x & y != 0) {
                    continue;
                }
                let left: Vec<u64> =
                    big.iter().zip(&sets[b]).zip(&sets[c]).map(|((a, b), c)| a & !(b | c)).collect();
                let n = shops_of(&left);
                if (1..5).contains(&n) {
                    out.push(format!(
                        "{} minus {} and {} singles out {n} shops",
                        cells[a].0, cells[b].0, cells[c].0
                    ));
                }
            }
        }
    }
    out
}

async fn seed(db: &DatabaseConnection) {
    let mut dice = Dice::new(2026);
    for i in 0..100usize {
        let (zip, state) = LATTICE_ZIPS[dice.below(LATTICE_ZIPS.len())];
        let shop = shop(db, i, state, zip, ShopType::ALL[dice.below(ShopType::ALL.len())]).await;
        let mut lines = Vec::new();
        let mut used = BTreeSet::new();
        for _ in 0..1 + dice.below(3) {
            let e = ExperienceBand::ALL[dice.below(4)];
            let c = Certification::ALL[dice.below(3)];
            if used.insert((e, c)) {
                let annual = 3_500_000 + dice.below(4_000_000) as i64;
                lines.push(Line(Role::GeneralService, e, c, 1 + dice.below(4) as i32, annual));
            }
        }
        let labor = (dice.below(5) != 0).then(|| 10_000 + dice.below(10_000) as i64);
        submit(
            db,
            shop,
            PUBLISHED,
            &lines,
            Extras { health_insurance: dice.below(2) == 0, pto_days: 0, labor_mechanical: labor },
        )
        .await;
    }
}

db_test!(no_pair_of_shown_figures_singles_out_fewer_than_five_shops, |db: DatabaseConnection| async move {
    let known: Vec<&str> = LATTICE_ZIPS.iter().map(|z| z.0).filter(|z| *z != "00901").collect();
    add_real_zips(&db, &known).await;
    seed(&db).await;
    let viewer = contributor(&db, "48201", "MI").await;
    let cache = InsightsCache::new();
    let raw: Vec<Raw> =
        raw_rows(&db, PUBLISHED).await.into_iter().filter(|r| r.role == "general_service").collect();
    let subs = pay_submission::Entity::find()
        .filter(pay_submission::Column::Quarter.eq(PUBLISHED))
        .all(&db)
        .await
        .unwrap();

    // Place: national, each division (one without shops too), each state, each ZIP's area.
    let mut places: Vec<(Option<Division>, Option<&str>, Option<&str>)> = vec![(None, None, None)];
    for division in [Division::EastNorthCentral, Division::MiddleAtlantic, Division::Pacific] {
        places.push((Some(division), None, None));
    }
    for state in ["MI", "OH", "IN", "PA", "NY", "PR"] {
        places.push((None, Some(state), None));
    }
    places.extend(known.iter().map(|zip| (None, None, Some(*zip))));
    let groups: Vec<Option<ShopGroup>> =
        std::iter::once(None).chain(ShopGroup::ALL.iter().copied().map(Some)).collect();
    let bands: Vec<Option<ExperienceBand>> =
        std::iter::once(None).chain(ExperienceBand::ALL.iter().copied().map(Some)).collect();
    let levels: Vec<Option<Certification>> =
        std::iter::once(None).chain(Certification::ALL.iter().copied().map(Some)).collect();

    let (mut shown_pay, mut candidates) = (Vec::new(), Vec::new());
    let (mut shown_benefits, mut shown_labor) = (Vec::new(), Vec::new());
    let mut reasons: HashMap<Option<Suppressed>, usize> = HashMap::new();
    for (division, state, zip) in &places {
        // A ZIP's state, as the service resolves it, for the independent reading of the rows.
        let state_of_zip = zip.map(|z| LATTICE_ZIPS.iter().find(|(x, _)| *x == z).unwrap().1);
        for group in &groups {
            for experience in &bands {
                for certification in &levels {
                    let filter = InsightsFilter {
                        role: Role::GeneralService,
                        division: *division,
                        state: state.map(str::to_string),
                        zip: zip.map(str::to_string),
                        group: *group,
                        experience: *experience,
                        certification: *certification,
                    };
                    let name =
                        format!("{division:?}/{state:?}/{zip:?}/{group:?}/{experience:?}/{certification:?}");
                    let in_place = |s: &str, a: &str| {
                        division.is_none_or(|d| Division::of_state(s) == Some(d))
                            && state.or(state_of_zip).is_none_or(|st| st == s)
                            && zip.is_none_or(|z| z[..3] == *a)
                    };
                    let in_group = |g: &str| group.is_none_or(|gr| gr.slug() == g);
                    let rows: Rows = raw
                        .iter()
                        .filter(|r| in_place(&r.state, &r.area) && in_group(&r.group))
                        .filter(|r| experience.is_none_or(|e| e.slug() == r.experience))
                        .filter(|r| certification.is_none_or(|c| c.slug() == r.certification))
                        .map(|r| (r.id, r.shop))
                        .collect();
                    let view = insights(&db, &cache, Some(viewer), &filter, now()).await.unwrap();
                    *reasons.entry(view.pay.reason()).or_default() += 1;
                    if view.pay.figure().is_some() {
                        shown_pay.push((name.clone(), rows.clone()));
                    }
                    // Independently: the cells rules 1 and 2 alone would let through.
                    let mut per_shop: HashMap<i64, i64> = HashMap::new();
                    for r in raw.iter().filter(|r| rows.contains(&(r.id, r.shop))) {
                        *per_shop.entry(r.shop).or_default() += r.technicians;
                    }
                    let total: i64 = per_shop.values().sum();
                    if per_shop.len() >= 5 && total >= 5 && per_shop.values().all(|w| w * 4 <= total) {
                        candidates.push((name.clone(), rows));
                    }
                    if experience.is_none() && certification.is_none() {
                        let in_cell = |s: &&pay_submission::Model| {
                            in_place(&s.state, &s.area) && in_group(&s.shop_group)
                        };
                        let shops: Rows = subs.iter().filter(in_cell).map(|s| (s.id, s.shop_id)).collect();
                        let charging: Rows = subs
                            .iter()
                            .filter(in_cell)
                            .filter(|s| s.labor_mechanical_cents.is_some())
                            .map(|s| (s.id, s.shop_id))
                            .collect();
                        if view.benefits.figure().is_some() {
                            shown_benefits.push((name.clone(), shops));
                        }
                        let mechanical =
                            &view.labor.iter().find(|(k, _)| *k == LaborKind::Mechanical).unwrap().1;
                        if mechanical.figure().is_some() {
                            shown_labor.push((name.clone(), charging));
                        }
                    }
                }
            }
        }
    }
    let tempting = violations(&candidates);
    assert!(!tempting.is_empty(), "the seeded data must tempt differencing, or this test proves nothing");
    assert!(
        tempting.iter().any(|v| v.contains("Some(EastNorthCentral)") || v.contains("Some(MiddleAtlantic)")),
        "the data must tempt differencing against a division too: {tempting:#?}"
    );
    assert!(shown_pay.len() >= 10, "too few figures shown to mean anything: {reasons:?}");
    let found = violations(&shown_pay);
    assert!(found.is_empty(), "pay figures: {found:#?}");
    // Triples: two shown cells inside a third, subtracted together.
    let tempting = triple_violations(&candidates);
    assert!(!tempting.is_empty(), "the data must tempt three-cell differencing too");
    assert!(
        tempting
            .iter()
            .any(|v| v.starts_with("Some(EastNorthCentral)") || v.starts_with("Some(MiddleAtlantic)")),
        "a division minus two of its parts must tempt too"
    );
    let found = triple_violations(&shown_pay);
    assert!(
        found.is_empty(),
        "pay figures, three cells: {} cases, e.g. {:#?}",
        found.len(),
        &found[..found.len().min(5)]
    );
    assert!(reasons.get(&Some(Suppressed::Differencing)).copied().unwrap_or(0) > 0, "{reasons:?}");
    let found = violations(&shown_benefits);
    assert!(found.is_empty(), "benefit figures: {found:#?}");
    let found = violations(&shown_labor);
    assert!(found.is_empty(), "labor-rate figures: {found:#?}");
    eprintln!(
        "{} pay, {} benefit and {} labor-rate figures shown; pay suppression reasons {reasons:?}",
        shown_pay.len(),
        shown_benefits.len(),
        shown_labor.len()
    );
});

// ---------------------------------------------------------------------------------------
// The attacks of docs/privacy.md ("The attacks the tests try"). Each is written as the
// attacker would run it against what Bayline shows, and each is run a second time against
// the figures the old method would have shown (type 7 percentiles over the live rows, no
// freezing, no blur): there it recovers the shop's number exactly, which proves the attack
// is real and that the guard, not luck, defeats it.
// ---------------------------------------------------------------------------------------

use domain::{
    disclosure::{Estimate, blur_log_likelihood},
    estimator::{Sample, round_to},
    insights_view::InsightsView,
};
use entity::organisation;
use sea_orm::{ActiveModelTrait, Set};
use service::insights::review;

/// The old method: the type 7 median of one-technician rows.
fn type7_median(mut values: Vec<i64>) -> f64 {
    values.sort_unstable();
    let h = (values.len() - 1) as f64 / 2.0;
    let low = values[h.floor() as usize] as f64;
    let high = values[h.ceil() as usize] as f64;
    low + (h - h.floor()) * (high - low)
}

/// Differencing a median over n values with the same median after one value was added
/// (or, swapped, removed) between the two middle ones: the value is 2 · after − before.
fn recover(with: f64, without: f64) -> i64 {
    (2.0 * with - without).round() as i64
}

/// The live rows of the published quarter's general-service pay (what a server without the
/// freeze would compute from), one technician each.
async fn live_values(db: &DatabaseConnection) -> Vec<i64> {
    raw_rows(db, PUBLISHED)
        .await
        .into_iter()
        .filter(|r| r.role == "general_service")
        .map(|r| r.annual)
        .collect()
}

const TARGET: i64 = 5_650_000;

/// Eleven SYNTHETIC shops of one technician each at $50,000 + $1,200·i, and the target
/// shop's $56,500 (between the 6th and 7th) in a submission of the published quarter.
async fn eleven_and_a_target(db: &DatabaseConnection, target_status: &str) -> (i64, i64) {
    add_real_zips(db, &ZIPS.map(|z| z.0)).await;
    for i in 0..11usize {
        let (zip, state) = ZIPS[i % ZIPS.len()];
        let shop = shop(db, i, state, zip, ShopType::ALL[i % ShopType::ALL.len()]).await;
        let line = [Line(
            Role::GeneralService,
            ExperienceBand::From3To5,
            Certification::Certified,
            1,
            5_000_000 + i as i64 * 120_000,
        )];
        submit(db, shop, PUBLISHED, &line, Extras::default()).await;
    }
    let target = shop(db, 11, "MI", "48201", ShopType::IndependentRepair).await;
    let line = [Line(Role::GeneralService, ExperienceBand::From3To5, Certification::Certified, 1, TARGET)];
    let id = submit(db, target, PUBLISHED, &line, Extras::default()).await;
    let mut row: pay_submission::ActiveModel =
        pay_submission::Entity::find_by_id(id).one(db).await.unwrap().unwrap().into();
    row.status = Set(stored(target_status));
    row.update(db).await.unwrap();
    (target, id)
}

/// Every view an attacker might compare: the public's and a contributor's, national and
/// per state, each asked of a fresh server (a new cache) so nothing is served from memory.
async fn every_view(db: &DatabaseConnection, viewer: service::authz::Actor) -> Vec<InsightsView> {
    let mut out = Vec::new();
    for actor in [None, Some(viewer)] {
        for state in [None, Some("MI"), Some("OH")] {
            let filter = InsightsFilter {
                state: state.map(str::to_string),
                ..InsightsFilter::national(Role::GeneralService)
            };
            out.push(insights(db, &InsightsCache::new(), actor, &filter, now()).await.unwrap());
        }
    }
    out
}

db_test!(
    a_late_acceptance_cannot_be_differenced_out_of_a_published_quarter,
    |db: DatabaseConnection| async move {
        let (_, held) = eleven_and_a_target(&db, "held").await;
        let viewer = contributor(&db, "48201", "MI").await;
        let admin = service::testing::add_synthetic_user(&db, "admin@bayline.example.com", true).await;
        let before = every_view(&db, viewer).await;
        let control_before = type7_median(live_values(&db).await);
        review::decide(&db, Some(admin), held, true, now()).await.unwrap();
        let after = every_view(&db, viewer).await;
        let control_after = type7_median(live_values(&db).await);

        assert_eq!(
            recover(control_after, control_before),
            TARGET,
            "without the freeze the attack recovers $56,500"
        );
        // With nothing changed there is nothing to subtract: the attack's difference is zero.
        assert_eq!(after, before, "every published figure, for every viewer, is unchanged");
        assert!(before[0].pay.figure().is_some(), "the public sees the national median it would difference");
    }
);

db_test!(a_shop_deleted_after_publication_cannot_be_differenced_out, |db: DatabaseConnection| async move {
    let (target, _) = eleven_and_a_target(&db, "accepted").await;
    let viewer = contributor(&db, "48201", "MI").await;
    let before = every_view(&db, viewer).await;
    let control_before = type7_median(live_values(&db).await);
    // Deleting the shop removes its submissions and rows (a cascade), as deleting its last
    // member's account does.
    organisation::Entity::delete_by_id(target).exec(&db).await.unwrap();
    assert_eq!(
        pay_submission::Entity::find()
            .filter(pay_submission::Column::ShopId.eq(target))
            .count(&db)
            .await
            .unwrap(),
        0
    );
    let after = every_view(&db, viewer).await;
    let control_after = type7_median(live_values(&db).await);

    assert_eq!(
        recover(control_before, control_after),
        TARGET,
        "without the freeze the attack recovers $56,500"
    );
    assert_eq!(after, before, "the published figures still include the deleted shop, unchanged");
});

db_test!(one_ordinary_contribution_changes_no_figure_anyone_sees, |db: DatabaseConnection| async move {
    let (target, _) = eleven_and_a_target(&db, "rejected").await;
    let viewer = contributor(&db, "48201", "MI").await;
    let before = every_view(&db, viewer).await;
    // The target contributes now (2026-Q4, unpublished): it enters figures only on
    // 1 April 2027, together with every other shop's 2026-Q4 report.
    let line = [Line(Role::GeneralService, ExperienceBand::From3To5, Certification::Certified, 1, TARGET)];
    submit(&db, target, "2026-Q4", &line, Extras::default()).await;
    let after = every_view(&db, viewer).await;
    assert_eq!(after, before);
    // A superseded submission of a published quarter changes nothing either.
    pay_submission::Entity::update_many()
        .col_expr(pay_submission::Column::SupersededAt, sea_orm::sea_query::Expr::value(now()))
        .filter(pay_submission::Column::Quarter.eq(PUBLISHED))
        .filter(pay_submission::Column::ShopId.ne(target))
        .exec(&db)
        .await
        .unwrap();
    assert_eq!(every_view(&db, viewer).await, before);
});

/// The attacker's log-likelihood of the last shop's value being `x`, knowing every other
/// value of the cell, the estimator and the blur's distribution (everything but the
/// quarter's secret), from the printed P25, median and P75.
fn log_likelihood(others: &[i64], printed: [i64; 3], x: i64) -> f64 {
    let mut samples: Vec<Sample> =
        others.iter().enumerate().map(|(i, v)| Sample { value: *v, weight: 1, shop: i as i64 }).collect();
    samples.push(Sample { value: x, weight: 1, shop: -1 });
    samples.sort_by_key(|s| s.value);
    let e = Estimate::of(&samples, samples.len()).unwrap();
    [e.p25.unwrap(), e.median, e.p75.unwrap()]
        .iter()
        .zip(printed)
        .map(|(estimate, shown)| blur_log_likelihood(shown as f64 / estimate - 1.0))
        .sum()
}

/// The attacker's best guess over a grid, and the largest log-odds between the truth and
/// any value within `reach` of it.
fn attack(others: &[i64], printed: [i64; 3], truth: i64, reach: i64, grid: i64) -> (i64, f64) {
    let at_truth = log_likelihood(others, printed, truth);
    let mut best = (truth, at_truth);
    let mut sharpest: f64 = 0.0;
    let mut x = truth - 20 * reach;
    while x <= truth + 20 * reach {
        let l = log_likelihood(others, printed, x);
        if l > best.1 {
            best = (x, l);
        }
        if (x - truth).abs() <= reach {
            sharpest = sharpest.max((l - at_truth).abs());
        }
        x += grid;
    }
    (best.0, sharpest)
}

db_test!(
    an_attacker_who_knows_every_other_shop_of_a_cell_cannot_pin_the_last,
    |db: DatabaseConnection| async move {
        add_real_zips(&db, &ZIPS.map(|z| z.0)).await;
        // Five shops of one technician: the smallest cell Bayline shows. The attacker is the
        // other four (or knows their numbers); the target pays $60,000 and charges $130/h.
        let pay = [5_000_000, 5_500_000, 6_000_000, 6_500_000, 7_000_000];
        let labor = [11_000, 12_000, 13_000, 14_000, 15_000];
        for i in 0..5 {
            let shop = shop(&db, i, "OH", "43215", ShopType::IndependentRepair).await;
            let line =
                [Line(Role::GeneralService, ExperienceBand::From3To5, Certification::Certified, 1, pay[i])];
            submit(
                &db,
                shop,
                PUBLISHED,
                &line,
                Extras { labor_mechanical: Some(labor[i]), ..Default::default() },
            )
            .await;
        }
        let viewer = contributor(&db, "48201", "MI").await;
        let view = insights(
            &db,
            &InsightsCache::new(),
            Some(viewer),
            &InsightsFilter::national(Role::GeneralService),
            now(),
        )
        .await
        .unwrap();
        let figure = view.pay.figure().expect("five shops are shown").annual;
        let printed = [figure.p25.unwrap(), figure.median, figure.p75.unwrap()];
        let others: Vec<i64> = pay.iter().copied().filter(|v| *v != 6_000_000).collect();
        let (guess, odds) = attack(&others, printed, 6_000_000, 100_000, 1_000);
        eprintln!("pay: best guess ${} for $60,000; log-odds within ±$1,000 at most {odds:.2}", guess / 100);
        assert!(odds <= 2.0, "values $1,000 apart stay within odds of e²: {odds}");

        let rate =
            view.labor.iter().find(|(k, _)| *k == LaborKind::Mechanical).unwrap().1.figure().unwrap().rate;
        let printed = [rate.p25.unwrap(), rate.median, rate.p75.unwrap()];
        let others: Vec<i64> = labor.iter().copied().filter(|v| *v != 13_000).collect();
        let (guess, odds) = attack(&others, printed, 13_000, 200, 10);
        eprintln!("labor: best guess ${} for $130; log-odds within ±$2 at most {odds:.2}", guess / 100);
        assert!(odds <= 2.0, "rates $2 apart stay within odds of e²: {odds}");

        // The control: the old figures (type 7 quartiles, exact cents, no blur) give the middle
        // shop's number away outright (the odds against every other value are infinite).
        let mut old = pay.to_vec();
        old.sort_unstable();
        assert_eq!(type7_median(old) as i64, 6_000_000);
        assert_eq!(round_to(type7_median(labor.to_vec()), 1), 13_000);
    }
);

// ---------------------------------------------------------------------------------------
// The Census division level, attacked by hand: a division's figures beside a state's.
// ---------------------------------------------------------------------------------------

/// The shares of shops offering health insurance and paid time off, in tenths of a percent.
fn shares(view: &InsightsView) -> Option<(u32, u32)> {
    let benefits = view.benefits.figure()?;
    let share = |slug: &str| benefits.prevalence.iter().find(|(b, _)| b.slug() == slug).map(|(_, s)| *s);
    Some((share("health_insurance")?, share("paid_time_off")?))
}

/// Every (shops, offering health insurance, offering time off) a cell of 5–14 shops could hold
/// and still print these shares (what an attacker reads off a band and two percentages).
fn consistent(printed: (u32, u32)) -> Vec<(u32, u32, u32)> {
    let tenths = |k: u32, n: u32| (k * 2000 + n) / (2 * n);
    let mut out = Vec::new();
    for n in 5..=14 {
        for health in 0..=n {
            for time_off in 0..=n {
                if (tenths(health, n), tenths(time_off, n)) == printed {
                    out.push((n, health, time_off));
                }
            }
        }
    }
    out
}

/// The attack: subtract a state's benefit shares from its division's. When exactly one
/// reading of both leaves 1–4 shops, it returns them: (shops, offering health insurance,
/// offering paid time off) among the division's shops outside the state.
fn subtract(division: (u32, u32), state: (u32, u32)) -> Option<(u32, u32, u32)> {
    let mut found = BTreeSet::new();
    for (n, h, t) in consistent(division) {
        for (m, g, u) in consistent(state) {
            if m < n && g <= h && u <= t && n - m <= 4 {
                found.insert((n - m, h - g, t - u));
            }
        }
    }
    (found.len() == 1).then(|| found.into_iter().next().unwrap())
}

fn division_minus_state(division: &InsightsView, state: &InsightsView) -> Option<(u32, u32, u32)> {
    subtract(shares(division)?, shares(state)?)
}

db_test!(a_division_minus_its_state_singles_out_no_shop, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201", "48104", "49503", "43215", "15213", "10001"]).await;
    // Michigan: 10 shops, all with health insurance, 3 with paid time off. Ohio: one shop, with
    // neither — the target; its own figures are hidden (fewer than 5 shops). East North Central
    // is the 11. Pennsylvania 8 and New York 4, so the nation's hidden states hold 5 shops and
    // the checks of the lattice without divisions would not hide Michigan.
    let mut shops: Vec<(&str, &str, bool, i32, i64)> = Vec::new();
    for i in 0..10 {
        let pto = if i < 3 { 10 } else { 0 };
        shops.push(("MI", ["48201", "48104", "49503"][i % 3], true, pto, 5_000_000 + i as i64 * 150_000));
    }
    shops.push(("OH", "43215", false, 0, 7_200_000));
    for i in 0..8 {
        shops.push(("PA", "15213", i % 2 == 0, 5, 5_400_000 + i as i64 * 100_000));
    }
    for i in 0..4 {
        shops.push(("NY", "10001", true, 5, 6_000_000 + i as i64 * 100_000));
    }
    for (i, (state, zip, health_insurance, pto_days, annual)) in shops.into_iter().enumerate() {
        let shop = shop(&db, i, state, zip, ShopType::IndependentRepair).await;
        let line =
            [Line(Role::GeneralService, ExperienceBand::From3To5, Certification::Certified, 1, annual)];
        submit(&db, shop, PUBLISHED, &line, Extras { health_insurance, pto_days, labor_mechanical: None })
            .await;
    }
    let viewer = contributor(&db, "48201", "MI").await;
    let cache = InsightsCache::new();
    let ask = |division, state| asking(division, state, None);
    let enc = insights(&db, &cache, Some(viewer), &ask(Some(Division::EastNorthCentral), None), now())
        .await
        .unwrap();
    let michigan = insights(&db, &cache, Some(viewer), &ask(None, Some("MI")), now()).await.unwrap();
    let ohio = insights(&db, &cache, Some(viewer), &ask(None, Some("OH")), now()).await.unwrap();
    let found = division_minus_state(&enc, &michigan);
    eprintln!(
        "East North Central: benefit shares {:?}, pay median {:?}; Michigan: {:?}, {:?}; Ohio: {:?}; \
         the attack finds {found:?}",
        shares(&enc),
        enc.pay.figure().map(|f| f.annual.median),
        shares(&michigan),
        michigan.pay.figure().map(|f| f.annual.median),
        ohio.benefits.reason(),
    );
    assert_eq!(ohio.benefits.reason(), Some(Suppressed::TooFewShops), "the target's own figure is hidden");
    assert!(enc.benefits.figure().is_some(), "the division's figure is shown: it rests on 11 shops");
    // The guard: Michigan beside East North Central would leave the one Ohio shop.
    assert_eq!(michigan.benefits.reason(), Some(Suppressed::Differencing));
    assert_eq!(michigan.pay.reason(), Some(Suppressed::Differencing));
    // Michigan's hidden pay is answered with its division's, the nearest wider place shown.
    assert_eq!(
        michigan.wider_pay.as_ref().map(|w| &w.figure),
        enc.pay.figure(),
        "the fallback is the division's own figure"
    );
    assert_eq!(found, None, "the attack finds nothing: {found:?}");
    // The control: the shares both figures would print (they are exact, not blurred) give the
    // Ohio shop away — one shop, without health insurance or paid time off.
    let tenths = |k: u32, n: u32| (k * 2000 + n) / (2 * n);
    let (division, state) = ((tenths(10, 11), tenths(3, 11)), (tenths(10, 10), tenths(3, 10)));
    assert_eq!(shares(&enc), Some(division), "the division prints its exact shares");
    assert_eq!(subtract(division, state), Some((1, 0, 0)), "the attack is real");
});

db_test!(national_minus_two_divisions_cannot_isolate_a_territory, |db: DatabaseConnection| async move {
    // East North Central: 12 shops over Michigan and Ohio. The Middle Atlantic: 6 shops, all in
    // one Pennsylvania ZIP area, so its figure rests on that area's cell. Puerto Rico, in no
    // division: 2 shops, hidden. National minus the two divisions would be Puerto Rico's two.
    add_real_zips(&db, &["48201", "43215", "15213"]).await;
    let places = [("MI", "48201", 6), ("OH", "43215", 6), ("PA", "15213", 6), ("PR", "00901", 2)];
    let mut n = 0;
    for (state, zip, shops) in places {
        for _ in 0..shops {
            n += 1;
            let shop = shop(&db, n, state, zip, ShopType::IndependentRepair).await;
            let annual = 5_000_000 + n as i64 * 40_000;
            let line =
                [Line(Role::GeneralService, ExperienceBand::From3To5, Certification::Certified, 1, annual)];
            submit(&db, shop, PUBLISHED, &line, Extras::default()).await;
        }
    }
    let viewer = contributor(&db, "48201", "MI").await;
    let cache = InsightsCache::new();
    let ask = |division, state| asking(division, state, None);
    let mut reasons = Vec::new();
    for (division, state) in [
        (None, None),
        (Some(Division::EastNorthCentral), None),
        (Some(Division::MiddleAtlantic), None),
        (None, Some("PA")),
        (None, Some("PR")),
    ] {
        let view = insights(&db, &cache, Some(viewer), &ask(division, state), now()).await.unwrap();
        reasons.push(view.pay.reason());
    }
    assert_eq!(
        reasons,
        [
            None,
            None,
            // The Middle Atlantic's rows are one ZIP area's: the complement rule looks at the
            // division's siblings all the same, and hides it (the smaller shown division).
            Some(Suppressed::Differencing),
            Some(Suppressed::Differencing),
            Some(Suppressed::TooFewShops),
        ]
    );
});
