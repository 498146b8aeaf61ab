//! Rule 4 of docs/privacy.md, tried exhaustively: over a seeded SYNTHETIC data set, ask the
//! service for every cell of the lattice (place × shop-type group × experience ×
//! certification), then, from the raw rows read independently, check every pair of shown
//! figures whose row sets are nested: the rows one adds to the other belong to no shop or to
//! at least 5 shops. The data set is checked to be a real challenge: without rule 4, some
//! pairs of cells that pass rules 1 and 2 would single out 1–4 shops.
use std::collections::{BTreeSet, HashMap};

use domain::{
    disclosure::Suppressed,
    exchange::InsightsFilter,
    insights::{Certification, ExperienceBand, LaborKind, Role, ShopGroup},
    orgs::ShopType,
};
use entity::pay_submission;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use service::{
    db_test,
    insights::{read::insights, snapshot::InsightsCache},
    synthetic::Dice,
    testing::add_real_zips,
};

mod support;

use support::exchange::*;

const ZIPS: [(&str, &str); 5] =
    [("48201", "MI"), ("48104", "MI"), ("49503", "MI"), ("43215", "OH"), ("44113", "OH")];

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

async fn seed(db: &DatabaseConnection) {
    let mut dice = Dice::new(2026);
    for i in 0..70usize {
        let (zip, state) = ZIPS[dice.below(ZIPS.len())];
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
    add_real_zips(&db, &ZIPS.map(|z| z.0)).await;
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

    // Place: national, each state, each ZIP's area.
    let mut places: Vec<(Option<&str>, Option<&str>)> =
        vec![(None, None), (Some("MI"), None), (Some("OH"), None)];
    places.extend(ZIPS.iter().map(|(zip, state)| (Some(*state), Some(*zip))));
    let groups: Vec<Option<ShopGroup>> =
        std::iter::once(None).chain(ShopGroup::ALL.iter().copied().map(Some)).collect();
    let bands: Vec<Option<ExperienceBand>> =
        std::iter::once(None).chain(ExperienceBand::ALL.iter().copied().map(Some)).collect();
    let levels: Vec<Option<Certification>> =
        std::iter::once(None).chain(Certification::ALL.iter().copied().map(Some)).collect();

    let (mut shown_pay, mut candidates) = (Vec::new(), Vec::new());
    let (mut shown_benefits, mut shown_labor) = (Vec::new(), Vec::new());
    let mut reasons: HashMap<Option<Suppressed>, usize> = HashMap::new();
    for (state, zip) in &places {
        for group in &groups {
            for experience in &bands {
                for certification in &levels {
                    let filter = InsightsFilter {
                        role: Role::GeneralService,
                        state: state.map(str::to_string),
                        zip: zip.map(str::to_string),
                        group: *group,
                        experience: *experience,
                        certification: *certification,
                    };
                    let name = format!("{state:?}/{zip:?}/{group:?}/{experience:?}/{certification:?}");
                    let in_place =
                        |s: &str, a: &str| state.is_none_or(|st| st == s) && zip.is_none_or(|z| z[..3] == *a);
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
    assert!(
        !violations(&candidates).is_empty(),
        "the seeded data must tempt differencing, or this test proves nothing"
    );
    assert!(shown_pay.len() >= 10, "too few figures shown to mean anything: {reasons:?}");
    let found = violations(&shown_pay);
    assert!(found.is_empty(), "pay figures: {found:#?}");
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
