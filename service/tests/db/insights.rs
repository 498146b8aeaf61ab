//! The Industry Data Exchange on both databases: who may contribute, bad input, outlier
//! holds and review, figures equal to an independent computation, OEWS equal to the source
//! file, and the disclosure attacks of docs/privacy.md (a cell of 4 shops, a dominant shop,
//! a shop leaving a filter, and every pair of cells over a seeded data set). Shops and people
//! are SYNTHETIC; ZIP centroids and OEWS rows are the real imported files.
use std::sync::Arc;

use chrono::Duration;
use domain::{
    disclosure::Suppressed,
    insights::{Access, Certification as C, ExperienceBand as E, LaborKind, ReviewStatus, Role, ShopGroup},
    insights_view::{InsightsFilter, InsightsView, Shown},
    orgs::ShopType,
};
use entity::{pay_row, pay_submission};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use service::{
    authz::Actor,
    db_test,
    error::ServiceError,
    insights::{
        contribute::{contribute, own_history},
        form::{ContributionForm, RowForm},
        read::insights,
        review,
        snapshot::InsightsCache,
    },
    orgs::{create::ShopForm, create::create_shop, verification::verify},
    testing::{add_real_zips, add_synthetic_user},
};

use crate::support::insights_data::*;

/// Real GeoNames ZIP codes: three areas in Michigan, two in Ohio.
const ZIPS: [(&str, &str); 5] =
    [("48201", "MI"), ("48104", "MI"), ("49503", "MI"), ("43215", "OH"), ("44113", "OH")];

fn row(role: &str, pay_type: &str, rate: &str) -> RowForm {
    RowForm {
        role: role.into(),
        pay_type: pay_type.into(),
        rate: rate.into(),
        flat_hours: "40".into(),
        technicians: "3".into(),
        experience: "3-5".into(),
        certification: "certified".into(),
    }
}

fn good_form() -> ContributionForm {
    ContributionForm {
        rows: vec![row("general_service", "hourly", "27.50"), row("master_tech", "flat_rate", "41")],
        health_insurance: true,
        retirement_match_pct: "4".into(),
        pto_days: "10".into(),
        labor_mechanical: "145".into(),
        ..Default::default()
    }
}

async fn real_shop(db: &DatabaseConnection, owner: Actor, admin: Actor, verified: bool) -> i64 {
    let form = ShopForm {
        name: "Synthetic Exchange Garage".into(),
        shop_type: "independent_repair".into(),
        size_band: "5-9".into(),
        city: "Detroit".into(),
        state: "MI".into(),
        zip: "48201".into(),
        ..Default::default()
    };
    let id = create_shop(db, Some(owner), &form, now()).await.unwrap().id;
    if verified {
        verify(db, Some(admin), id, "http://localhost", now()).await.unwrap();
    }
    id
}

fn field(result: Result<impl std::fmt::Debug, ServiceError>) -> &'static str {
    match result {
        Err(ServiceError::Invalid { field, .. }) => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

db_test!(only_members_of_a_verified_shop_contribute_for_it, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let cache = InsightsCache::new();
    let owner = add_synthetic_user(&db, "owner@garage.example.com", false).await;
    let stranger = add_synthetic_user(&db, "stranger@example.com", false).await;
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let shop = real_shop(&db, owner, admin, true).await;
    let pending = real_shop(&db, owner, admin, false).await;
    let form = good_form();
    assert!(matches!(
        contribute(&db, &cache, None, shop, &form, now()).await,
        Err(ServiceError::SignInRequired)
    ));
    for outsider in [stranger, admin] {
        assert!(matches!(
            contribute(&db, &cache, Some(outsider), shop, &form, now()).await,
            Err(ServiceError::Forbidden)
        ));
    }
    assert!(matches!(
        contribute(&db, &cache, Some(owner), pending, &form, now()).await,
        Err(ServiceError::Conflict(m)) if m.contains("verified")
    ));
    assert_eq!(pay_submission::Entity::find().count(&db).await.unwrap(), 0);

    let first = contribute(&db, &cache, Some(owner), shop, &form, now()).await.unwrap();
    assert_eq!(first.quarter.to_string(), "2026-Q4");
    // One version a day: an hour later is refused, with when to come back.
    assert!(matches!(
        contribute(&db, &cache, Some(owner), shop, &form, now() + Duration::hours(1)).await,
        Err(ServiceError::RateLimited { retry_after, .. }) if retry_after == now() + Duration::days(1)
    ));
    let second = contribute(&db, &cache, Some(owner), shop, &form, now() + Duration::days(1)).await.unwrap();
    let history = own_history(&db, Some(owner), shop).await.unwrap();
    assert_eq!(history.len(), 2, "the old submission is kept as history");
    let current: Vec<_> = history.iter().filter(|s| s.superseded_at.is_none()).collect();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].id, second.submission_id);
    let stored = pay_row::Entity::find()
        .filter(pay_row::Column::SubmissionId.eq(second.submission_id))
        .all(&db)
        .await
        .unwrap();
    let flat = stored.iter().find(|r| r.role.slug() == "master_tech").unwrap();
    assert_eq!(flat.annual_cents, 4_100 * 40 * 52, "flat rate × hours × 52, in cents");
    assert!(matches!(own_history(&db, Some(stranger), shop).await, Err(ServiceError::Forbidden)));
    // Three versions a quarter: the fourth is refused until the next quarter begins.
    contribute(&db, &cache, Some(owner), shop, &form, now() + Duration::days(2)).await.unwrap();
    assert!(matches!(
        contribute(&db, &cache, Some(owner), shop, &form, now() + Duration::days(3)).await,
        Err(ServiceError::RateLimited { retry_after, .. }) if retry_after.to_rfc3339().starts_with("2027-01-01")
    ));
    assert_eq!(own_history(&db, Some(owner), shop).await.unwrap().len(), 3);
});

db_test!(implausible_values_are_refused_naming_the_field, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let cache = InsightsCache::new();
    let owner = add_synthetic_user(&db, "owner@garage.example.com", false).await;
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let shop = real_shop(&db, owner, admin, true).await;
    let with_row = |r: RowForm| ContributionForm { rows: vec![r], ..good_form() };
    let cases = [
        (with_row(row("general_service", "hourly", "151")), "rate"),
        (with_row(row("general_service", "hourly", "7.00")), "rate"),
        (with_row(row("general_service", "salary", "9000")), "rate"),
        (with_row(RowForm { flat_hours: "5".into(), ..row("diesel", "flat_rate", "30") }), "flat_hours"),
        (with_row(RowForm { technicians: "0".into(), ..row("diesel", "hourly", "30") }), "technicians"),
        (with_row(RowForm { technicians: "501".into(), ..row("diesel", "hourly", "30") }), "technicians"),
        (with_row(row("wizard", "hourly", "30")), "role"),
        (with_row(row("diesel", "tips", "30")), "pay_type"),
        (with_row(RowForm { experience: "40+".into(), ..row("diesel", "hourly", "30") }), "experience"),
        (with_row(row("diesel", "hourly", "thirty")), "rate"),
        (ContributionForm { rows: vec![], ..good_form() }, "role"),
        (
            ContributionForm {
                rows: vec![row("diesel", "hourly", "30"), row("diesel", "hourly", "31")],
                ..good_form()
            },
            "role",
        ),
        (ContributionForm { labor_mechanical: "10".into(), ..good_form() }, "labor_mechanical"),
        (ContributionForm { pto_days: "90".into(), ..good_form() }, "pto_days"),
        (ContributionForm { retirement_match_pct: "x".into(), ..good_form() }, "retirement_match_pct"),
    ];
    for (form, expected) in cases {
        assert_eq!(
            field(contribute(&db, &cache, Some(owner), shop, &form, now()).await),
            expected,
            "{form:?}"
        );
    }
    assert_eq!(pay_submission::Entity::find().count(&db).await.unwrap(), 0, "nothing stored");
    assert_eq!(pay_row::Entity::find().count(&db).await.unwrap(), 0);
});

/// Seeds `n` shops in 2025-Q4 and 2026-Q2 with general-service pay around $55,000.
async fn seed_general(db: &DatabaseConnection, n: usize) {
    for i in 0..n {
        let (zip, state) = ZIPS[i % ZIPS.len()];
        let shop = shop(db, i, state, zip, ShopType::ALL[i % ShopType::ALL.len()]).await;
        let annual = 5_000_000 + (i as i64 % 10) * 100_000;
        let line = [Line(Role::GeneralService, E::From3To5, C::Certified, 2, annual)];
        for quarter in ["2025-Q4", PUBLISHED] {
            submit(
                db,
                shop,
                quarter,
                &line,
                Extras { labor_mechanical: Some(13_000 + i as i64 * 100), ..Default::default() },
            )
            .await;
        }
    }
}

db_test!(
    outliers_are_held_silently_and_a_late_acceptance_changes_no_published_figure,
    |db: DatabaseConnection| async move {
        add_real_zips(&db, &ZIPS.map(|z| z.0)).await;
        seed_general(&db, 25).await;
        let cache = InsightsCache::new();
        let owner = add_synthetic_user(&db, "owner@garage.example.com", false).await;
        let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
        let shop = real_shop(&db, owner, admin, true).await;
        // Submitted in May 2026 (2026-Q2), when 2025-Q4 was the latest published quarter: its
        // published national quartiles set the bounds.
        let in_q2 = now() - Duration::days(190);
        let form = ContributionForm { rows: vec![row("general_service", "hourly", "150")], ..good_form() };
        let receipt = contribute(&db, &cache, Some(owner), shop, &form, in_q2).await.unwrap();
        assert_eq!(receipt.quarter.to_string(), PUBLISHED);
        let stored =
            pay_submission::Entity::find_by_id(receipt.submission_id).one(&db).await.unwrap().unwrap();
        assert_eq!(stored.status, ReviewStatus::Held, "$150/h is far outside the published quartiles");
        // The shop is not told: its history reads like an accepted one ("received"), with no
        // reasons.
        let seen = service::insights::history::own_submissions(&db, Some(owner), shop).await.unwrap();
        assert_eq!(seen[0].submission.status, ReviewStatus::Accepted);
        assert!(seen[0].submission.hold_reasons.is_empty());

        let viewer = contributor(&db, "48201", "MI").await;
        let national = InsightsFilter::national(Role::GeneralService);
        let before = insights(&db, &cache, Some(viewer), &national, now()).await.unwrap();
        assert!(before.pay.figure().is_some());

        for not_admin in [None, Some(owner)] {
            assert!(review::held(&db, not_admin, now()).await.is_err());
            assert!(review::decide(&db, not_admin, receipt.submission_id, true, now()).await.is_err());
        }
        let queue = review::held(&db, Some(admin), now()).await.unwrap();
        assert_eq!(queue.len(), 1);
        assert_eq!((queue[0].state.as_str(), queue[0].shop_group.as_str()), ("MI", "independent"));
        assert_eq!(queue[0].counts_toward, "2026-Q3", "2026-Q2 is published: acceptance counts later");
        assert!(
            !format!("{queue:?}").contains("Synthetic Exchange Garage"),
            "no shop names in the review queue"
        );
        assert!(!format!("{queue:?}").contains(&format!("shop_id: {shop}")));

        review::decide(&db, Some(admin), receipt.submission_id, true, now()).await.unwrap();
        review::decide(&db, Some(admin), receipt.submission_id, true, now()).await.unwrap();
        assert!(matches!(
            review::decide(&db, Some(admin), receipt.submission_id, false, now()).await,
            Err(ServiceError::Conflict(_))
        ));
        let accepted =
            pay_submission::Entity::find_by_id(receipt.submission_id).one(&db).await.unwrap().unwrap();
        assert_eq!(accepted.counts_in.as_deref(), Some("2026-Q3"));
        // Every figure of the published quarter is as it was, on a fresh server too.
        let after = insights(&db, &cache, Some(viewer), &national, now()).await.unwrap();
        assert_eq!(after, before, "a published figure never changes");
        let fresh = insights(&db, &InsightsCache::new(), Some(viewer), &national, now()).await.unwrap();
        assert_eq!(fresh, before);

        // On a server (whose refresh task builds the snapshot) neither the review nor the
        // quarter it counts toward makes a request build: requests read the built snapshot
        // until the task has built the next, at the quarter's publication.
        let serving = InsightsCache::serving();
        let built = serving.refresh(&db, now()).await.unwrap();
        review::decide(&db, Some(admin), receipt.submission_id, true, now()).await.unwrap();
        assert!(Arc::ptr_eq(&serving.get(&db, now()).await.unwrap(), &built), "a review rebuilds nothing");
        // The refresh task wakes every few minutes, and exactly at a publication.
        assert_eq!(InsightsCache::next_refresh(now()), now() + Duration::minutes(5));
        let two_minutes_before = now() + Duration::days(39) + Duration::hours(11) + Duration::minutes(58);
        let published = InsightsCache::next_refresh(two_minutes_before);
        assert_eq!(
            published.to_rfc3339(),
            "2027-01-01T00:00:00+00:00",
            "2026-Q3 is published three months on"
        );
        let after_publication = published + Duration::hours(1);
        let read = serving.get(&db, after_publication).await.unwrap();
        assert!(Arc::ptr_eq(&read, &built), "a request after the publication reads the built snapshot");
        let next = serving.refresh(&db, after_publication).await.unwrap();
        assert_eq!(next.quarters.last().unwrap().to_string(), "2026-Q3");
        assert!(Arc::ptr_eq(&serving.get(&db, after_publication).await.unwrap(), &next));
    }
);

db_test!(requests_share_one_first_build_of_the_snapshot, |db: DatabaseConnection| async move {
    add_real_zips(&db, &ZIPS.map(|z| z.0)).await;
    seed_general(&db, 25).await;
    let serving = Arc::new(InsightsCache::serving());
    let asked = (0..8).map(|_| {
        let (serving, db) = (serving.clone(), db.clone());
        tokio::spawn(async move { serving.get(&db, now()).await.unwrap() })
    });
    let mut snapshots = Vec::new();
    for request in asked {
        snapshots.push(request.await.unwrap());
    }
    assert!(snapshots.iter().all(|s| Arc::ptr_eq(s, &snapshots[0])), "eight requests, one build");
});

db_test!(the_career_pages_public_medians_are_the_publics_insights, |db: DatabaseConnection| async move {
    add_real_zips(&db, &ZIPS.map(|z| z.0)).await;
    seed_general(&db, 25).await;
    let cache = InsightsCache::new();
    let roles = [Role::GeneralService, Role::Diesel, Role::LubeExpress];
    let together = service::insights::read::public_national_pay(&db, &cache, &roles, now()).await.unwrap();
    assert_eq!(together.len(), roles.len());
    for (view, role) in together.iter().zip(roles) {
        let alone = insights(&db, &cache, None, &InsightsFilter::national(role), now()).await.unwrap();
        assert_eq!(view.oews, None, "the career page shows its occupations' rows itself");
        assert_eq!(*view, InsightsView { oews: None, ..alone }, "{role:?}");
    }
    assert!(together[0].pay.figure().is_some(), "25 shops report general service: a figure to compare");
    assert!(together[1].pay.figure().is_none(), "nobody reports diesel");
});

db_test!(figures_equal_an_independent_computation, |db: DatabaseConnection| async move {
    add_real_zips(&db, &ZIPS.map(|z| z.0)).await;
    for i in 0..30usize {
        let (zip, state) = ZIPS[i % ZIPS.len()];
        let shop = shop(&db, i, state, zip, ShopType::ALL[i % 7]).await;
        let annual = 4_000_000 + ((i * 7_919) % 3_000_000) as i64 + (i as i64 % 3);
        let lines = [
            Line(Role::MasterTech, E::Over10, C::Master, 1 + (i % 4) as i32, annual),
            Line(Role::MasterTech, E::From6To10, C::Certified, 1, annual - 250_000),
        ];
        let extras = Extras {
            health_insurance: i % 3 != 0,
            pto_days: (i % 2) as i32 * 5,
            labor_mechanical: (i % 4 != 0).then_some(12_000 + (i as i64 * 337) % 8_000),
        };
        submit(&db, shop, PUBLISHED, &lines, extras).await;
    }
    let viewer = contributor(&db, "48201", "MI").await;
    let cache = InsightsCache::new();
    let view = insights(&db, &cache, Some(viewer), &InsightsFilter::national(Role::MasterTech), now())
        .await
        .unwrap();
    assert_eq!(view.access, Access::Contributor);
    assert_eq!(view.quarter.unwrap().to_string(), PUBLISHED);

    let raw = raw_rows(&db, PUBLISHED).await;
    let mut values: Vec<(f64, f64)> = raw
        .iter()
        .filter(|r| r.role == "master_tech")
        .map(|r| (r.annual as f64, r.technicians as f64))
        .collect();
    values.sort_by(|a, b| a.0.total_cmp(&b.0));
    let pay = view.pay.figure().expect("30 shops are enough");
    let printed = [pay.annual.p10, pay.annual.p25, Some(pay.annual.median), pay.annual.p75, pay.annual.p90];
    for (p, shown) in [10.0, 25.0, 50.0, 75.0, 90.0].into_iter().zip(printed) {
        let estimate = harrell_davis(&values, p);
        assert!(printed_from(shown.unwrap(), estimate, 25_000), "p{p}: {shown:?} from {estimate}");
    }
    let hourly: Vec<(f64, f64)> = values.iter().map(|(a, w)| (a / 2080.0, *w)).collect();
    assert!(printed_from(pay.hourly.median, harrell_davis(&hourly, 50.0), 25));
    assert!(printed_from(pay.hourly.p25.unwrap(), harrell_davis(&hourly, 25.0), 25));

    let subs = pay_submission::Entity::find()
        .filter(pay_submission::Column::Quarter.eq(PUBLISHED))
        .all(&db)
        .await
        .unwrap();
    let benefits = view.benefits.figure().unwrap();
    let share = |n: usize| ((n as f64 / subs.len() as f64) * 1000.0).round() as u32;
    let health = benefits.prevalence.iter().find(|(b, _)| b.slug() == "health_insurance").unwrap().1;
    assert_eq!(health, share(subs.iter().filter(|s| s.health_insurance).count()));
    let pto = benefits.prevalence.iter().find(|(b, _)| b.slug() == "paid_time_off").unwrap().1;
    assert_eq!(pto, share(subs.iter().filter(|s| s.pto_days > 0).count()));

    let mut rates: Vec<(f64, f64)> =
        subs.iter().filter_map(|s| s.labor_mechanical_cents).map(|c| (c as f64, 1.0)).collect();
    rates.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mechanical =
        view.labor.iter().find(|(k, _)| *k == LaborKind::Mechanical).unwrap().1.figure().unwrap();
    assert!(printed_from(mechanical.rate.median, harrell_davis(&rates, 50.0), 100));
    assert!(printed_from(mechanical.rate.p75.unwrap(), harrell_davis(&rates, 75.0), 100));
    assert_eq!(mechanical.shops.slug(), "15-49");
});

db_test!(oews_figures_equal_the_source_file, |db: DatabaseConnection| async move {
    let dir = service::testing::data_dir();
    importer::import(&db, &dir, importer::Dataset::OewsWages, &importer::SilentProgress).await.unwrap();
    let mut reader = csv::Reader::from_path(dir.join("wages/oews_may2025_auto_techs_by_area.csv")).unwrap();
    let source: Vec<std::collections::HashMap<String, String>> =
        reader.deserialize().map(Result::unwrap).collect();
    let find = |title: &str, occ: &str| {
        source
            .iter()
            .find(|r| r["area_title"] == title && r["occ_code"] == occ && r["naics"] == "000000")
            .unwrap()
            .clone()
    };
    let cache = InsightsCache::new();
    for (role, state, title, occ) in [
        (Role::MasterTech, Some("MI"), "Michigan", "49-3023"),
        (Role::Diesel, Some("TX"), "Texas", "49-3031"),
        (Role::Painter, None, "National", "49-3021"),
    ] {
        let filter = InsightsFilter { state: state.map(str::to_string), ..InsightsFilter::national(role) };
        let viewer = if state.is_some() {
            Some(add_synthetic_user(&db, &format!("m-{occ}@example.com"), false).await)
        } else {
            None
        };
        let view = insights(&db, &cache, viewer, &filter, now()).await.unwrap();
        let oews = view.oews.expect("an OEWS row");
        let expected = find(title, occ);
        let number = |col: &str| expected[col].parse::<f64>().ok();
        assert_eq!(oews.area_title, title);
        assert_eq!(oews.occ_code, occ);
        assert_eq!(oews.hourly, ["h_pct10", "h_pct25", "h_median", "h_pct75", "h_pct90"].map(number));
        assert_eq!(oews.annual, ["a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90"].map(number));
        assert_eq!(oews.release, expected["release"]);
    }
    let advisor =
        insights(&db, &cache, None, &InsightsFilter::national(Role::ServiceAdvisor), now()).await.unwrap();
    assert_eq!(advisor.oews, None, "no matching occupation");
});

/// Every figure of a view that is shown, as (what, reason-or-none).
fn shown_figures(view: &InsightsView) -> Vec<(&'static str, Option<Suppressed>)> {
    let mut out = vec![("pay", view.pay.reason()), ("benefits", view.benefits.reason())];
    out.extend(view.labor.iter().map(|(_, f)| ("labor", f.reason())));
    out.extend(view.trend.iter().map(|t| ("trend", t.median_annual.reason())));
    out
}

db_test!(four_shops_in_a_cell_show_nothing_at_any_level, |db: DatabaseConnection| async move {
    add_real_zips(&db, &ZIPS.map(|z| z.0)).await;
    for i in 0..4 {
        let shop = shop(&db, i, "MI", "48201", ShopType::IndependentRepair).await;
        let line = [Line(Role::Diesel, E::From3To5, C::Certified, 20, 6_000_000 + i as i64)];
        submit(&db, shop, PUBLISHED, &line, Extras { labor_mechanical: Some(15_000), ..Default::default() })
            .await;
    }
    let viewer = contributor(&db, "48201", "MI").await;
    let cache = InsightsCache::new();
    for filter in [
        InsightsFilter::national(Role::Diesel),
        InsightsFilter { state: Some("MI".into()), ..InsightsFilter::national(Role::Diesel) },
        InsightsFilter { zip: Some("48201".into()), ..InsightsFilter::national(Role::Diesel) },
    ] {
        for who in [None, Some(viewer)] {
            let view = insights(&db, &cache, who, &filter, now()).await.unwrap();
            for (what, reason) in shown_figures(&view) {
                assert!(reason.is_some(), "{what} shown for 4 shops ({filter:?})");
            }
            if who.is_some() {
                assert_eq!(view.pay.reason(), Some(Suppressed::TooFewShops));
            }
            let json = serde_json::to_string(&view).unwrap();
            assert!(!json.contains("SYNTHETIC") && !json.contains("6000000"), "no raw values leave: {json}");
        }
    }
});

db_test!(a_dominant_shop_suppresses_the_figure, |db: DatabaseConnection| async move {
    add_real_zips(&db, &ZIPS.map(|z| z.0)).await;
    for i in 0..6 {
        let shop = shop(&db, i, "OH", "43215", ShopType::Dealership).await;
        let technicians = if i == 0 { 10 } else { 3 };
        submit(
            &db,
            shop,
            PUBLISHED,
            &[Line(Role::Collision, E::Over10, C::Master, technicians, 5_500_000)],
            Extras::default(),
        )
        .await;
    }
    let viewer = contributor(&db, "48201", "MI").await;
    let view =
        insights(&db, &InsightsCache::new(), Some(viewer), &InsightsFilter::national(Role::Collision), now())
            .await
            .unwrap();
    assert_eq!(view.pay.reason(), Some(Suppressed::DominantShop), "10 of 25 technicians is 40 %");
});

db_test!(a_shop_leaving_a_filter_cannot_be_differenced, |db: DatabaseConnection| async move {
    add_real_zips(&db, &ZIPS.map(|z| z.0)).await;
    // Six shops in Michigan: five independent, one dealership. "Michigan" minus "Michigan,
    // independent" would be the dealership alone.
    for i in 0..6 {
        let shop_type = if i == 5 { ShopType::Dealership } else { ShopType::IndependentRepair };
        let shop = shop(&db, i, "MI", ZIPS[i % 3].0, shop_type).await;
        submit(
            &db,
            shop,
            PUBLISHED,
            &[Line(Role::EntryLevel, E::UpTo2, C::None, 2, 3_800_000 + i as i64 * 1_000)],
            Extras::default(),
        )
        .await;
    }
    let viewer = contributor(&db, "48201", "MI").await;
    let cache = InsightsCache::new();
    let mi = InsightsFilter { state: Some("MI".into()), ..InsightsFilter::national(Role::EntryLevel) };
    let independent = InsightsFilter { group: Some(ShopGroup::Independent), ..mi.clone() };
    let whole = insights(&db, &cache, Some(viewer), &mi, now()).await.unwrap();
    let part = insights(&db, &cache, Some(viewer), &independent, now()).await.unwrap();
    assert!(whole.pay.figure().is_some(), "six shops are shown");
    assert_eq!(
        part.pay.reason(),
        Some(Suppressed::Differencing),
        "five shown beside six would single one out"
    );
    // A member (not contributor) sees the state median only, never the refined cell.
    let member = member_of_a_shop(&db, "48104", "MI").await;
    let as_member = insights(&db, &cache, Some(member), &independent, now()).await.unwrap();
    assert_eq!(as_member.pay.reason(), Some(Suppressed::NotForYou));
    match insights(&db, &cache, None, &mi, now()).await.unwrap().pay {
        Shown::No { reason } => assert_eq!(reason, Suppressed::NotForYou),
        Shown::Yes { .. } => panic!("the public sees national medians only"),
    }
});

db_test!(the_map_shows_each_state_as_that_states_own_filter_does, |db: DatabaseConnection| async move {
    use service::insights::map::labor_by_state;
    add_real_zips(&db, &ZIPS.map(|z| z.0)).await;
    for i in 0..6 {
        let shop = shop(&db, i, "MI", ZIPS[i % 3].0, ShopType::IndependentRepair).await;
        let line = [Line(Role::Diesel, E::From3To5, C::Certified, 2, 6_000_000)];
        let extras = Extras { labor_mechanical: Some(12_000 + i as i64 * 500), ..Default::default() };
        submit(&db, shop, PUBLISHED, &line, extras).await;
    }
    let member = member_of_a_shop(&db, "48104", "MI").await;
    let cache = InsightsCache::new();
    let map = labor_by_state(&db, &cache, Some(member), LaborKind::Mechanical, now()).await.unwrap();
    assert_eq!(map.states.len(), 51, "50 states and DC");
    let michigan = map.states.iter().find(|s| s.state == "MI").unwrap();
    let filter = InsightsFilter { state: Some("MI".into()), ..InsightsFilter::national(Role::Diesel) };
    let view = insights(&db, &cache, Some(member), &filter, now()).await.unwrap();
    let (kind, same) = &view.labor[0];
    assert_eq!(*kind, LaborKind::Mechanical);
    assert_eq!(&michigan.figure, same, "the map and the state's filter agree");
    // Six rates, $120 to $145: the centre, $132.50, blurred within the bound and rounded to $1.
    assert!(printed_from(michigan.figure.figure().unwrap().rate.median, 13_250.0, 100));
    assert_eq!(michigan.figure.figure().unwrap().rate.p25, None, "members see medians only");
    let ohio = map.states.iter().find(|s| s.state == "OH").unwrap();
    assert_eq!(ohio.figure.reason(), Some(Suppressed::TooFewShops));
    let public = labor_by_state(&db, &cache, None, LaborKind::Mechanical, now()).await.unwrap();
    assert!(public.states.iter().all(|s| s.figure.reason() == Some(Suppressed::NotForYou)));
});
