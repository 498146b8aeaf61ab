//! Census divisions in the Industry Data Exchange, on both databases: a new site's figures
//! appear at the division while no state has 5 shops, a state or ZIP area whose figure is
//! hidden is answered with the nearest wider place's, a quarter published before divisions
//! keeps its figures, and a shop is told what its data joins — in bands that nothing it does
//! can move (docs/privacy.md). Shops and people are SYNTHETIC; ZIP centroids are real rows.
use chrono::Duration;
use domain::{
    disclosure::Suppressed,
    divisions::Division,
    insights::{Access, Certification as C, CountBand, ExperienceBand as E, Role},
    insights_progress::{CountsToward, Progress},
    insights_view::Place,
    orgs::ShopType,
};
use entity::{organisation, pay_submission, published_quarter};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use service::{
    db_test,
    error::ServiceError,
    insights::{
        contribute::contribute,
        form::{ContributionForm, RowForm},
        progress::counts_toward,
        read::insights,
        snapshot::InsightsCache,
    },
    testing::{add_real_zips, add_synthetic_user, add_verified_shop},
};

use crate::support::insights_data::*;

/// `n` SYNTHETIC shops at a ZIP, each one general-service technician, in the published quarter.
async fn shops_at(db: &DatabaseConnection, first: usize, n: usize, state: &str, zip: &str) {
    for i in first..first + n {
        let shop = shop(db, i, state, zip, ShopType::IndependentRepair).await;
        let line = [Line(Role::GeneralService, E::From3To5, C::Certified, 1, 5_000_000 + i as i64 * 50_000)];
        submit(db, shop, PUBLISHED, &line, Extras { health_insurance: i % 2 == 0, ..Default::default() })
            .await;
    }
}

/// A new site: 3 shops in Michigan and 3 in Ohio (East North Central), 6 in Pennsylvania.
async fn cold_start(db: &DatabaseConnection) {
    add_real_zips(db, &["48201", "48104", "43215", "15213"]).await;
    shops_at(db, 0, 3, "MI", "48201").await;
    shops_at(db, 3, 3, "OH", "43215").await;
    shops_at(db, 6, 6, "PA", "15213").await;
}

db_test!(a_division_shows_figures_before_any_of_its_states_can, |db: DatabaseConnection| async move {
    cold_start(&db).await;
    let viewer = contributor(&db, "48104", "MI").await;
    let cache = InsightsCache::new();
    let enc = Some(Division::EastNorthCentral);

    let division = insights(&db, &cache, Some(viewer), &asking(enc, None, None), now()).await.unwrap();
    assert_eq!(division.place, Place::Division { division: Division::EastNorthCentral });
    let figure = division.pay.figure().expect("six shops in the division are shown");
    assert_eq!(figure.shops, CountBand::From5To14);
    assert!(division.benefits.figure().is_some());

    // Michigan alone has 3 shops: hidden, and answered with its division's figure.
    for (state, zip) in [(Some("MI"), None), (None, Some("48201")), (Some("MI"), Some("48201"))] {
        let view = insights(&db, &cache, Some(viewer), &asking(None, state, zip), now()).await.unwrap();
        assert_eq!(view.pay.reason(), Some(Suppressed::TooFewShops), "{state:?} {zip:?}");
        let wider = view.wider_pay.expect("the nearest wider place's figure");
        assert_eq!(wider.place, Place::Division { division: Division::EastNorthCentral });
        assert_eq!(&wider.figure, figure, "the same figure as asking the division");
    }
    // A state whose own figure is shown needs no fallback.
    let pa = insights(&db, &cache, Some(viewer), &asking(None, Some("PA"), None), now()).await.unwrap();
    assert!(pa.pay.figure().is_some() && pa.wider_pay.is_none());
    // The division named beside a state in it is the state's question.
    let both = insights(&db, &cache, Some(viewer), &asking(enc, Some("MI"), None), now()).await.unwrap();
    assert_eq!(both.pay.reason(), Some(Suppressed::TooFewShops));

    // Members see the division's median (a place between national and state); the public not.
    let member = member_of_a_shop(&db, "48104", "MI").await;
    let as_member = insights(&db, &cache, Some(member), &asking(enc, None, None), now()).await.unwrap();
    assert_eq!(as_member.access, Access::Member);
    let median_only = as_member.pay.figure().expect("members see medians by division");
    assert_eq!((median_only.annual.median, median_only.annual.p25), (figure.annual.median, None));
    let michigan = insights(&db, &cache, Some(member), &asking(None, Some("MI"), None), now()).await.unwrap();
    assert_eq!(michigan.wider_pay.map(|w| w.figure.annual), Some(median_only.annual), "narrowed alike");
    let public = insights(&db, &cache, None, &asking(enc, None, None), now()).await.unwrap();
    assert_eq!(public.pay.reason(), Some(Suppressed::NotForYou));
    assert_eq!(public.wider_pay, None);
});

db_test!(a_division_and_a_state_must_agree, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let cache = InsightsCache::new();
    let field = |result: Result<_, ServiceError>| match result {
        Err(ServiceError::Invalid { field, message }) => (field, message),
        other => panic!("expected a field error, got {other:?}"),
    };
    let pacific = Some(Division::Pacific);
    let (name, message) = field(insights(&db, &cache, None, &asking(pacific, Some("MI"), None), now()).await);
    assert_eq!((name, message.as_str()), ("division", "Michigan is in East North Central, not Pacific"));
    let (name, _) = field(insights(&db, &cache, None, &asking(pacific, None, Some("48201")), now()).await);
    assert_eq!(name, "division");
    let (name, message) = field(insights(&db, &cache, None, &asking(pacific, Some("PR"), None), now()).await);
    assert_eq!(name, "division");
    assert!(message.contains("Puerto Rico belongs to no Census division"), "{message}");
});

db_test!(a_territorys_shops_roll_up_to_national_only, |db: DatabaseConnection| async move {
    // Puerto Rico's 6 shops and Michigan's 6: national holds 12; no division holds Puerto Rico.
    add_real_zips(&db, &["48201"]).await;
    shops_at(&db, 0, 6, "PR", "00901").await;
    shops_at(&db, 6, 6, "MI", "48201").await;
    let viewer = contributor(&db, "48201", "MI").await;
    let cache = InsightsCache::new();
    let pr = insights(&db, &cache, Some(viewer), &asking(None, Some("PR"), None), now()).await.unwrap();
    let national = insights(&db, &cache, Some(viewer), &asking(None, None, None), now()).await.unwrap();
    assert!(pr.pay.figure().is_some() && national.pay.figure().is_some());
    for division in Division::ALL {
        let view =
            insights(&db, &cache, Some(viewer), &asking(Some(*division), None, None), now()).await.unwrap();
        let expected =
            if *division == Division::EastNorthCentral { None } else { Some(Suppressed::TooFewShops) };
        assert_eq!(view.pay.reason(), expected, "{division:?}");
    }
});

db_test!(a_quarter_published_before_divisions_keeps_its_figures, |db: DatabaseConnection| async move {
    // Michigan 6 shops, Ohio 2, Pennsylvania 5 (one ZIP area). With divisions, East North
    // Central minus Michigan is 2 shops, so Michigan is hidden. The lattice without divisions
    // checked Michigan against the nation (7 more shops) and, across states, hid Pennsylvania
    // instead (Ohio's 2 hidden shops need 3 more): Michigan was published, and must stay so.
    add_real_zips(&db, &["48201", "48104", "43215", "15213"]).await;
    // Two Michigan areas, so Michigan's figure rests on the state's cell (its blur's key).
    shops_at(&db, 0, 3, "MI", "48201").await;
    shops_at(&db, 3, 3, "MI", "48104").await;
    shops_at(&db, 6, 2, "OH", "43215").await;
    shops_at(&db, 8, 5, "PA", "15213").await;
    let viewer = contributor(&db, "48201", "MI").await;
    let mi = asking(None, Some("MI"), None);
    let enc = asking(Some(Division::EastNorthCentral), None, None);
    let with_divisions = insights(&db, &InsightsCache::new(), Some(viewer), &mi, now()).await.unwrap();
    assert_eq!(with_divisions.pay.reason(), Some(Suppressed::Differencing));

    // The same quarter, frozen before divisions existed (as the migration leaves it).
    published_quarter::Entity::update_many()
        .col_expr(published_quarter::Column::Divisions, sea_orm::sea_query::Expr::value(false))
        .exec(&db)
        .await
        .unwrap();
    let cache = InsightsCache::new();
    let before = insights(&db, &cache, Some(viewer), &mi, now()).await.unwrap();
    let figure = before.pay.figure().expect("Michigan as it was published");
    let pa = insights(&db, &cache, Some(viewer), &asking(None, Some("PA"), None), now()).await.unwrap();
    // Pennsylvania's rows are one ZIP area's; the complement rule now weighs every cell with
    // those rows, so Pennsylvania is hidden among the states (national minus Michigan and
    // Pennsylvania would be Ohio's two shops) — in this earlier quarter too.
    assert_eq!(pa.pay.reason(), Some(Suppressed::Differencing));
    let division = insights(&db, &cache, Some(viewer), &enc, now()).await.unwrap();
    assert_eq!(division.pay.reason(), Some(Suppressed::BeforeDivisions));
    // Its blur is keyed as before divisions: by the state's cell, whose key is unchanged.
    let secret =
        published_quarter::Entity::find_by_id(PUBLISHED.to_string()).one(&db).await.unwrap().unwrap().secret;
    let mut raw: Vec<(f64, f64)> = raw_rows(&db, PUBLISHED)
        .await
        .iter()
        .filter(|r| r.state == "MI" && r.role == "general_service")
        .map(|r| (r.annual as f64, r.technicians as f64))
        .collect();
    raw.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mi_index = domain::states::STATES.iter().position(|(c, _)| *c == "MI").unwrap();
    // Every row is an independent shop's, 3–5 years, ASE certified: the hull's key says so.
    let key = format!("{mi_index}/*/1/1/1");
    let blurred = |k: usize, p: f64| {
        harrell_davis(&raw, p) * (1.0 + service::insights::publish::blur(&secret, "general_service", k, &key))
    };
    // P25, median and P75 each with its own blur, put back in order as printing does.
    let mut printed = [blurred(1, 25.0), blurred(2, 50.0), blurred(3, 75.0)];
    printed.sort_by(f64::total_cmp);
    let median = printed[1];
    assert!((figure.annual.median as f64 - median).abs() <= 12_500.0, "{} vs {median}", figure.annual.median);
    // A state's hidden figure falls back past the division to national there.
    let oh = insights(&db, &cache, Some(viewer), &asking(None, Some("OH"), None), now()).await.unwrap();
    assert_eq!(oh.wider_pay.map(|w| w.place), Some(Place::National));
});

// ---------------------------------------------------------------------------------------
// What a contributing shop is told its data joins, and the band oracle.
// ---------------------------------------------------------------------------------------

/// `n` other SYNTHETIC shops' data for the current quarter (2026-Q4), sent two days ago.
async fn current_quarter(
    db: &DatabaseConnection,
    first: usize,
    n: usize,
    state: &str,
    zip: &str,
) -> Vec<i64> {
    let mut ids = Vec::new();
    for i in first..first + n {
        let shop = shop(db, i, state, zip, ShopType::Dealership).await;
        let line = [Line(Role::GeneralService, E::From3To5, C::Certified, 2, 5_500_000)];
        let id = submit(db, shop, "2026-Q4", &line, Extras::default()).await;
        sent_at(db, id, now() - Duration::days(2)).await;
        ids.push(shop);
    }
    ids
}

async fn sent_at(db: &DatabaseConnection, submission: i64, at: chrono::DateTime<chrono::Utc>) {
    let mut row: pay_submission::ActiveModel =
        pay_submission::Entity::find_by_id(submission).one(db).await.unwrap().unwrap().into();
    row.submitted_at = Set(at);
    row.update(db).await.unwrap();
}

fn form() -> ContributionForm {
    ContributionForm {
        rows: vec![RowForm {
            role: "general_service".into(),
            pay_type: "hourly".into(),
            rate: "27.50".into(),
            flat_hours: String::new(),
            technicians: "3".into(),
            experience: "3-5".into(),
            certification: "certified".into(),
        }],
        ..Default::default()
    }
}

fn bands(counts: &CountsToward) -> Vec<(String, Progress)> {
    counts.places.iter().map(|p| (p.place.adjective(), p.progress)).collect()
}

/// What a naive note would show: the shops that have sent data from Michigan this quarter,
/// counted as they arrive — the oracle this design refuses.
async fn naive_michigan_band(db: &DatabaseConnection) -> Progress {
    let shops: std::collections::BTreeSet<i64> = pay_submission::Entity::find()
        .filter(pay_submission::Column::Quarter.eq("2026-Q4"))
        .filter(pay_submission::Column::State.eq("MI"))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.shop_id)
        .collect();
    Progress::of(shops.len() as u64)
}

db_test!(a_shop_is_told_what_its_data_joins_in_bands_it_cannot_move, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201", "43215"]).await;
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    let (target, owner) = add_verified_shop(&db, "joining", "independent_repair", admin).await;
    // Four other Michigan shops and nine Ohio shops have sent 2026-Q4 data.
    let michigan = current_quarter(&db, 0, 4, "MI", "48201").await;
    current_quarter(&db, 4, 9, "OH", "43215").await;
    let cache = InsightsCache::new();

    let before = counts_toward(&db, Some(owner), target, now()).await.unwrap().unwrap();
    assert_eq!(
        before.sentence(),
        "Counts toward Michigan, East North Central and national figures from Thu 1 Apr 2027"
    );
    let expected = vec![
        ("Michigan".to_string(), Progress::Enough(CountBand::From5To14)),
        ("East North Central".to_string(), Progress::Enough(CountBand::From5To14)),
        ("national".to_string(), Progress::Enough(CountBand::From5To14)),
    ];
    assert_eq!(bands(&before), expected, "the shop itself counts before it sends anything");

    // The attack: send, and watch the band. Counted as data arrives, Michigan goes from
    // "needs 1–4 more" to "5–14" the moment the shop sends, which says the other shops number
    // exactly 4.
    let naive_before = naive_michigan_band(&db).await;
    contribute(&db, &cache, Some(owner), target, &form(), now()).await.unwrap();
    let naive_after = naive_michigan_band(&db).await;
    assert_eq!((naive_before, naive_after), (Progress::NeedsMore, Progress::Enough(CountBand::From5To14)));
    let learned = 5 - 1;
    assert_eq!(learned, michigan.len(), "the naive note gives the exact count away");
    // What Bayline shows did not move.
    let after = counts_toward(&db, Some(owner), target, now()).await.unwrap().unwrap();
    assert_eq!(after, before, "sending changes no band the shop sees");

    // Another shop leaving Michigan (moving, then resending) does not lower Michigan's count
    // this quarter, so it cannot be used to probe the boundary either.
    let leaver = michigan[0];
    let mut moved: organisation::ActiveModel =
        organisation::Entity::find_by_id(leaver).one(&db).await.unwrap().unwrap().into();
    moved.state = Set("OH".into());
    moved.zip = Set("43215".into());
    moved.update(&db).await.unwrap();
    pay_submission::Entity::update_many()
        .col_expr(pay_submission::Column::SupersededAt, sea_orm::sea_query::Expr::value(now()))
        .filter(pay_submission::Column::ShopId.eq(leaver))
        .exec(&db)
        .await
        .unwrap();
    let line = [Line(Role::GeneralService, E::From3To5, C::Certified, 2, 5_500_000)];
    let resent = submit(&db, leaver, "2026-Q4", &line, Extras::default()).await;
    sent_at(&db, resent, now() - Duration::days(1)).await;
    let later = now() + Duration::days(1);
    assert_eq!(bands(&counts_toward(&db, Some(owner), target, later).await.unwrap().unwrap()), expected);

    // A newcomer in Ohio takes East North Central to 15 shops: counted from the next day only,
    // so bands move at most once a day, whoever sent what when.
    let newcomer = current_quarter(&db, 20, 1, "OH", "43215").await[0];
    let sent = pay_submission::Entity::find()
        .filter(pay_submission::Column::ShopId.eq(newcomer))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    sent_at(&db, sent.id, later).await;
    let same_day =
        counts_toward(&db, Some(owner), target, later + Duration::hours(2)).await.unwrap().unwrap();
    assert_eq!(bands(&same_day)[1].1, Progress::Enough(CountBand::From5To14));
    let next_day = counts_toward(&db, Some(owner), target, later + Duration::days(1)).await.unwrap().unwrap();
    assert_eq!(bands(&next_day)[1].1, Progress::Enough(CountBand::From15To49));

    // Resending from Ohio (the shop moved) shows Ohio's places, itself counted once.
    let mut shop: organisation::ActiveModel =
        organisation::Entity::find_by_id(target).one(&db).await.unwrap().unwrap().into();
    shop.state = Set("OH".into());
    shop.zip = Set("43215".into());
    shop.update(&db).await.unwrap();
    let moved_on = later + Duration::days(1);
    contribute(&db, &cache, Some(owner), target, &form(), moved_on).await.unwrap();
    let in_ohio = counts_toward(&db, Some(owner), target, moved_on).await.unwrap().unwrap();
    assert_eq!(
        in_ohio.sentence(),
        "Counts toward Ohio, East North Central and national figures from Thu 1 Apr 2027"
    );
    // Ohio: 9 + the leaver + the newcomer + the shop itself.
    assert_eq!(bands(&in_ohio)[0], ("Ohio".to_string(), Progress::Enough(CountBand::From5To14)));

    // Only the shop's members are told.
    let stranger = add_synthetic_user(&db, "stranger@example.com", false).await;
    assert!(matches!(counts_toward(&db, Some(stranger), target, now()).await, Err(ServiceError::Forbidden)));
    assert!(matches!(counts_toward(&db, None, target, now()).await, Err(ServiceError::SignInRequired)));
});
