//! A SYNTHETIC Industry Data Exchange at scale: verified shops (named "SYNTHETIC pay shop …")
//! at real ZIP centroids, each with one accepted submission per quarter for the last
//! published quarters, five pay rows each, benefits and labor rates. Pay is spread around
//! the imported OEWS national median of each role's occupation (or $25/hour without it), so
//! figures look plausible; nothing here is anyone's real pay. Deterministic for a seed.
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::{
    insights::{Certification, ExperienceBand, PayType, Quarter, Role, ShopGroup},
    orgs::{OrgKind, OrgStatus, ShopType},
};
use entity::{oews_wage, organisation, pay_row, pay_submission, zip_centroid};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::{Dice, partnerships::insert_chunks};
use crate::insights::published_quarters;

/// Pay rows per submission.
pub const ROWS_PER_SUBMISSION: usize = 5;
/// Submissions written per transaction.
const SUBMISSIONS_PER_BATCH: usize = 20_000;

#[derive(Debug, Clone)]
pub struct Size {
    pub shops: usize,
    pub quarters: usize,
    pub seed: u64,
    /// Place every shop in this state (USPS code) instead of anywhere: enough shops in one
    /// state for its figures to be shown (the end-to-end tests use it).
    pub state: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub shops: usize,
    pub submissions: usize,
    pub rows: usize,
    pub quarters: Vec<Quarter>,
}

/// The last `n` published quarters as of `now`, oldest first.
fn quarters(now: DateTime<Utc>, n: usize) -> Vec<Quarter> {
    let mut out = vec![*published_quarters(now).last().expect("at least one published quarter")];
    while out.len() < n {
        let before = out[out.len() - 1].previous();
        out.push(before);
    }
    out.reverse();
    out
}

fn mid_quarter(q: Quarter) -> DateTime<Utc> {
    let month = (q.q as u32 - 1) * 3 + 2;
    NaiveDate::from_ymd_opt(q.year, month, 15)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(|t| t.and_utc())
        .unwrap_or_default()
}

/// Hourly base in cents per role: OEWS national median of its occupation when imported.
async fn bases(db: &DatabaseConnection) -> Result<Vec<(Role, i64)>, DbErr> {
    let mut out = Vec::new();
    for role in Role::ALL {
        let soc = role.soc().unwrap_or("49-3023");
        let median: Option<Option<f64>> = oews_wage::Entity::find()
            .select_only()
            .column(oews_wage::Column::HourlyMedian)
            .filter(oews_wage::Column::OccCode.eq(soc))
            .filter(oews_wage::Column::AreaCode.eq("0000000"))
            .filter(oews_wage::Column::Naics.eq("000000"))
            .into_tuple()
            .one(db)
            .await?;
        let role_factor = match role {
            Role::LubeExpress => 0.7,
            Role::EntryLevel => 0.8,
            Role::MasterTech | Role::Diagnostic | Role::ShopForeman => 1.3,
            _ => 1.0,
        };
        let hourly = median.flatten().unwrap_or(25.0) * role_factor;
        out.push((*role, (hourly * 100.0) as i64));
    }
    Ok(out)
}

fn pay_line(dice: &mut Dice, role: Role, base: i64) -> pay_row::ActiveModel {
    let experience = ExperienceBand::ALL[dice.below(4)];
    let certification = Certification::ALL[dice.below(3)];
    let factor =
        0.85 + 0.1 * dice.below(4) as f64 + 0.1 * dice.below(3) as f64 + dice.below(100) as f64 / 500.0;
    let hourly = ((base as f64 * factor) as i64).clamp(800, 14_000);
    let (pay_type, rate, flat_hours, annual) = match dice.below(10) {
        0..=4 => (PayType::Hourly, hourly, None, hourly * 2_080),
        5..=7 => {
            let hours = 35 + dice.below(16) as i64;
            (PayType::FlatRate, hourly * 40 / hours, Some(hours as i32), hourly * 40 / hours * hours * 52)
        }
        _ => (PayType::Salary, hourly * 2_080, None, hourly * 2_080),
    };
    pay_row::ActiveModel {
        submission_id: Set(0),
        role: Set(role),
        pay_type: Set(pay_type.slug().into()),
        rate_cents: Set(rate),
        flat_hours: Set(flat_hours),
        technicians: Set(1 + dice.below(6) as i32),
        experience: Set(experience.slug().into()),
        certification: Set(certification.slug().into()),
        annual_cents: Set(annual),
        ..Default::default()
    }
}

/// Builds the data set. Needs the ZIP centroids imported.
pub async fn generate(db: &DatabaseConnection, size: Size, now: DateTime<Utc>) -> Result<Made, DbErr> {
    let mut dice = Dice::new(size.seed);
    let mut places = zip_centroid::Entity::find().order_by_asc(zip_centroid::Column::Zip);
    if let Some(state) = &size.state {
        places = places.filter(zip_centroid::Column::State.eq(state.to_uppercase()));
    }
    let zips = places.all(db).await?;
    if zips.is_empty() {
        return Err(DbErr::Custom(match &size.state {
            Some(state) => format!("no ZIP code is known in the state {state}"),
            None => "import the ZIP centroids first (bayline import zip_centroids)".into(),
        }));
    }
    let tag = format!("{}-{}", size.seed, now.timestamp());
    let prefix = format!("SYNTHETIC pay shop {tag} #");
    let shops: Vec<(usize, ShopType)> = (0..size.shops)
        .map(|_| (dice.below(zips.len()), ShopType::ALL[dice.below(ShopType::ALL.len())]))
        .collect();
    let rows = shops.iter().enumerate().map(|(n, (place, shop_type))| {
        let place = &zips[*place];
        organisation::ActiveModel {
            kind: Set(OrgKind::Shop),
            name: Set(format!("{prefix}{n}")),
            shop_type: Set(Some(shop_type.slug().into())),
            size_band: Set(Some("5-9".into())),
            street: Set(String::new()),
            city: Set(place.city.clone()),
            state: Set(place.state.clone()),
            zip: Set(place.zip.clone()),
            latitude: Set(place.latitude),
            longitude: Set(place.longitude),
            website: Set(String::new()),
            unitid: Set(None),
            program_kinds: Set(String::new()),
            accreditation: Set(None),
            status: Set(OrgStatus::Verified),
            status_reason: Set(String::new()),
            created_by: Set(None),
            created_at: Set(now),
            verified_at: Set(Some(now)),
            ..Default::default()
        }
    });
    insert_chunks(db, rows.collect()).await?;
    let ids: Vec<i64> = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .filter(organisation::Column::Name.starts_with(&prefix))
        .order_by_asc(organisation::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let bases = bases(db).await?;
    let quarters = quarters(now, size.quarters.max(1));
    let mut made = Made { shops: ids.len(), submissions: 0, rows: 0, quarters: quarters.clone() };
    let all: Vec<(usize, Quarter)> =
        (0..ids.len()).flat_map(|s| quarters.iter().map(move |q| (s, *q))).collect();
    let mut seen_up_to = pay_submission::Entity::find()
        .select_only()
        .column_as(pay_submission::Column::Id.max(), "last")
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?
        .flatten()
        .unwrap_or(0);
    for batch in all.chunks(SUBMISSIONS_PER_BATCH) {
        let mut lines: Vec<Vec<pay_row::ActiveModel>> = batch
            .iter()
            .map(|_| {
                (0..ROWS_PER_SUBMISSION)
                    .map(|_| {
                        let (role, base) = bases[dice.below(bases.len())];
                        pay_line(&mut dice, role, base)
                    })
                    .collect()
            })
            .collect();
        let technicians: Vec<i32> =
            lines.iter().map(|rows| rows.iter().map(|r| *r.technicians.as_ref()).sum()).collect();
        let submissions = batch.iter().zip(&technicians).map(|((s, q), technicians)| {
            let (place, shop_type) = shops[*s];
            let place = &zips[place];
            let diesel = matches!(shop_type, ShopType::Fleet | ShopType::DieselHeavyTruck);
            let body = shop_type == ShopType::Collision;
            let labor = |on: bool, dollars: usize, dice: &mut Dice| {
                on.then(|| (dollars + dice.below(80)) as i64 * 100)
            };
            pay_submission::ActiveModel {
                shop_id: Set(ids[*s]),
                quarter: Set(q.to_string()),
                state: Set(place.state.clone()),
                area: Set(place.zip.chars().take(3).collect()),
                shop_group: Set(ShopGroup::of(shop_type).slug().into()),
                status: Set(domain::insights::ReviewStatus::Accepted),
                hold_reasons: Set(String::new()),
                technicians: Set(*technicians),
                health_insurance: Set(dice.below(10) < 7),
                retirement_match_pct: Set(dice.below(3) as i32 * 2),
                tool_allowance_cents: Set(dice.below(2) as i64 * 50_000),
                paid_training: Set(dice.below(2) == 0),
                ase_reimbursement: Set(dice.below(10) < 6),
                uniforms: Set(dice.below(10) < 8),
                pto_days: Set(dice.below(16) as i32),
                sign_on_bonus_cents: Set(dice.below(4) as i64 / 3 * 200_000),
                labor_mechanical_cents: Set(labor(!body, 110, &mut dice)),
                labor_diesel_cents: Set(labor(diesel, 140, &mut dice)),
                labor_body_cents: Set(labor(body, 60, &mut dice)),
                labor_paint_cents: Set(labor(body, 60, &mut dice)),
                submitted_by: Set(None),
                submitted_at: Set(mid_quarter(*q) + Duration::minutes(*s as i64 % 10_000)),
                superseded_at: Set(None),
                reviewed_by: Set(None),
                reviewed_at: Set(None),
                ..Default::default()
            }
        });
        insert_chunks(db, submissions.collect()).await?;
        let saved: Vec<i64> = pay_submission::Entity::find()
            .select_only()
            .column(pay_submission::Column::Id)
            .filter(pay_submission::Column::Id.gt(seen_up_to))
            .order_by_asc(pay_submission::Column::Id)
            .into_tuple()
            .all(db)
            .await?;
        if saved.len() != batch.len() {
            return Err(DbErr::Custom("another writer added submissions during generation".into()));
        }
        seen_up_to = saved.last().copied().unwrap_or(seen_up_to);
        let mut rows = Vec::with_capacity(saved.len() * ROWS_PER_SUBMISSION);
        for (id, lines) in saved.iter().zip(lines.iter_mut()) {
            for mut line in lines.drain(..) {
                line.submission_id = Set(*id);
                rows.push(line);
            }
        }
        made.submissions += saved.len();
        made.rows += rows.len();
        insert_chunks(db, rows).await?;
    }
    // Fresh statistics after a bulk load, so both planners pick the indexes at once
    // rather than after the next autovacuum.
    db.execute_unprepared("ANALYZE").await?;
    Ok(made)
}
