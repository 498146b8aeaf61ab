//! The Industry Data Exchange tests' helpers: SYNTHETIC verified shops written straight to
//! the database, accepted submissions in a chosen quarter, and an independent reading of the
//! raw rows (through the entities, never through the insights module).
#![allow(dead_code)]
use chrono::{DateTime, Duration, Utc};
use domain::divisions::Division;
use domain::insights::{Certification, ExperienceBand, Role, ShopGroup};
use domain::insights_view::InsightsFilter;
use domain::orgs::ShopType;
use entity::{org_member, organisation, pay_row, pay_submission};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use service::testing::stored;
use service::{authz::Actor, testing::add_synthetic_user};

/// The general-service question about a place: national, a division, a state, a ZIP area.
pub fn asking(division: Option<Division>, state: Option<&str>, zip: Option<&str>) -> InsightsFilter {
    InsightsFilter {
        division,
        state: state.map(str::to_string),
        zip: zip.map(str::to_string),
        ..InsightsFilter::national(Role::GeneralService)
    }
}

/// "Now" for the tests: 2026-Q2 (April–June) is the latest published quarter.
pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T12:00:00Z").unwrap().with_timezone(&Utc)
}
pub const PUBLISHED: &str = "2026-Q2";
pub const EARLIER: &str = "2026-Q1";

/// A SYNTHETIC verified shop at a ZIP (the ZIP's state given by the caller).
pub async fn shop(db: &DatabaseConnection, n: usize, state: &str, zip: &str, shop_type: ShopType) -> i64 {
    organisation::ActiveModel {
        kind: Set(stored("shop")),
        name: Set(format!("SYNTHETIC exchange shop {n}")),
        shop_type: Set(Some(shop_type.slug().into())),
        size_band: Set(Some("5-9".into())),
        street: Set(String::new()),
        city: Set("Testville".into()),
        state: Set(state.into()),
        zip: Set(zip.into()),
        latitude: Set(42.0),
        longitude: Set(-83.0),
        website: Set(String::new()),
        unitid: Set(None),
        program_kinds: Set(String::new()),
        accreditation: Set(None),
        status: Set(stored("verified")),
        status_reason: Set(String::new()),
        created_by: Set(None),
        created_at: Set(now()),
        verified_at: Set(Some(now())),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
    .id
}

/// One pay row: role, experience, certification, technicians, annual pay in cents.
#[derive(Debug, Clone, Copy)]
pub struct Line(pub Role, pub ExperienceBand, pub Certification, pub i32, pub i64);

/// What a crafted submission carries besides its pay rows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras {
    pub health_insurance: bool,
    pub pto_days: i32,
    pub labor_mechanical: Option<i64>,
}

/// An accepted, current submission written directly (crafted data sets).
pub async fn submit(
    db: &DatabaseConnection,
    shop: i64,
    quarter: &str,
    lines: &[Line],
    extras: Extras,
) -> i64 {
    let org = organisation::Entity::find_by_id(shop).one(db).await.unwrap().unwrap();
    let group = ShopGroup::of(ShopType::from_slug(org.shop_type.as_deref().unwrap()).unwrap());
    let saved = pay_submission::ActiveModel {
        shop_id: Set(shop),
        quarter: Set(quarter.into()),
        state: Set(org.state.clone()),
        area: Set(org.zip[..3].to_string()),
        shop_group: Set(group.slug().into()),
        status: Set(stored("accepted")),
        hold_reasons: Set(String::new()),
        technicians: Set(lines.iter().map(|l| l.3).sum()),
        health_insurance: Set(extras.health_insurance),
        retirement_match_pct: Set(0),
        tool_allowance_cents: Set(0),
        paid_training: Set(false),
        ase_reimbursement: Set(false),
        uniforms: Set(false),
        pto_days: Set(extras.pto_days),
        sign_on_bonus_cents: Set(0),
        labor_mechanical_cents: Set(extras.labor_mechanical),
        labor_diesel_cents: Set(None),
        labor_body_cents: Set(None),
        labor_paint_cents: Set(None),
        submitted_by: Set(None),
        submitted_at: Set(now() - Duration::days(200)),
        superseded_at: Set(None),
        reviewed_by: Set(None),
        reviewed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    for Line(role, experience, certification, technicians, annual) in lines {
        pay_row::ActiveModel {
            submission_id: Set(saved.id),
            role: Set(*role),
            pay_type: Set("salary".into()),
            rate_cents: Set(*annual),
            flat_hours: Set(None),
            technicians: Set(*technicians),
            experience: Set(experience.slug().into()),
            certification: Set(certification.slug().into()),
            annual_cents: Set(*annual),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    saved.id
}

/// A member of a verified shop that contributed a month ago (in an unpublished quarter, so
/// its own submission changes no figure): the viewer who sees every filter.
pub async fn contributor(db: &DatabaseConnection, zip: &str, state: &str) -> Actor {
    let viewer = add_synthetic_user(db, "contributor@shop.example.com", false).await;
    let own = shop(db, 9_999, state, zip, ShopType::IndependentRepair).await;
    org_member::ActiveModel {
        organisation_id: Set(own),
        user_id: Set(viewer.user_id),
        role: Set(domain::orgs::MemberRole::Owner),
        created_at: Set(now()),
    }
    .insert(db)
    .await
    .unwrap();
    let id = submit(
        db,
        own,
        "2026-Q4",
        &[Line(Role::Painter, ExperienceBand::UpTo2, Certification::None, 1, 4_000_000)],
        Extras::default(),
    )
    .await;
    let mut row: pay_submission::ActiveModel =
        pay_submission::Entity::find_by_id(id).one(db).await.unwrap().unwrap().into();
    row.submitted_at = Set(now() - Duration::days(30));
    row.update(db).await.unwrap();
    viewer
}

/// A member of a verified shop that never contributed: sees national and state medians.
pub async fn member_of_a_shop(db: &DatabaseConnection, zip: &str, state: &str) -> Actor {
    let viewer = add_synthetic_user(db, "member@shop.example.com", false).await;
    let own = shop(db, 9_998, state, zip, ShopType::Fleet).await;
    org_member::ActiveModel {
        organisation_id: Set(own),
        user_id: Set(viewer.user_id),
        role: Set(domain::orgs::MemberRole::Member),
        created_at: Set(now()),
    }
    .insert(db)
    .await
    .unwrap();
    viewer
}

/// A raw pay row of a published quarter, read independently of the service.
#[derive(Debug, Clone)]
pub struct Raw {
    pub id: i64,
    pub shop: i64,
    pub state: String,
    pub area: String,
    pub group: String,
    pub role: String,
    pub experience: String,
    pub certification: String,
    pub technicians: i64,
    pub annual: i64,
}

pub async fn raw_rows(db: &DatabaseConnection, quarter: &str) -> Vec<Raw> {
    let subs = pay_submission::Entity::find()
        .filter(pay_submission::Column::Quarter.eq(quarter))
        .filter(pay_submission::Column::Status.eq("accepted"))
        .filter(pay_submission::Column::SupersededAt.is_null())
        .all(db)
        .await
        .unwrap();
    let mut out = Vec::new();
    for s in subs {
        for r in pay_row::Entity::find().filter(pay_row::Column::SubmissionId.eq(s.id)).all(db).await.unwrap()
        {
            out.push(Raw {
                id: r.id,
                shop: s.shop_id,
                state: s.state.clone(),
                area: s.area.clone(),
                group: s.shop_group.clone(),
                role: r.role.slug().into(),
                experience: r.experience,
                certification: r.certification,
                technicians: r.technicians as i64,
                annual: r.annual_cents,
            });
        }
    }
    out
}

/// The weighted Harrell–Davis percentile written out again, independently of
/// `domain::estimator`: the Beta density integrated numerically (Simpson's rule) instead of
/// the incomplete beta's continued fraction, over `(value, weight)` pairs sorted by value.
/// No shop cap: the cells it is used on spread their weight over many shops.
pub fn harrell_davis(values: &[(f64, f64)], p: f64) -> f64 {
    let total: f64 = values.iter().map(|(_, w)| w).sum();
    let squares: f64 = values.iter().map(|(_, w)| w * w).sum();
    let n = total * total / squares;
    let (a, b) = (p / 100.0 * (n + 1.0), (1.0 - p / 100.0) * (n + 1.0));
    let density = |x: f64| if x <= 0.0 || x >= 1.0 { 0.0 } else { x.powf(a - 1.0) * (1.0 - x).powf(b - 1.0) };
    let integral = |from: f64, to: f64| {
        let steps = 2_000;
        let h = (to - from) / steps as f64;
        let mut sum = density(from) + density(to);
        for i in 1..steps {
            sum += density(from + i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 };
        }
        sum * h / 3.0
    };
    let whole = integral(0.0, 1.0);
    let (mut seen, mut out) = (0.0, 0.0);
    for (value, weight) in values {
        let from = seen / total;
        seen += weight;
        out += value * integral(from, seen / total) / whole;
    }
    out
}

/// Whether a printed figure is the estimate blurred within the bound and rounded to `step`.
pub fn printed_from(printed: i64, estimate: f64, step: i64) -> bool {
    let bound = domain::disclosure::MAX_BLUR;
    let low = estimate * (1.0 - bound) - step as f64 / 2.0 - 1.0;
    let high = estimate * (1.0 + bound) + step as f64 / 2.0 + 1.0;
    printed % step == 0 && (low..=high).contains(&(printed as f64))
}
