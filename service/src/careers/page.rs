//! What a path's page shows: the path, the BLS OEWS row of each of its occupations for the
//! visitor's state (or nationally), the Industry Data Exchange's public medians, and — near
//! a ZIP code — the nearest programs teaching the path and open openings.
use chrono::{DateTime, Utc};
use domain::{
    careers::{AreaWage, CareerPath, CareerPathPage, ExchangeMedian, ZipPlace},
    insights_view::Shown,
    programs::{NearbyProgram, ProgramFilter},
};
use sea_orm::{ConnectionTrait, DbErr, TransactionTrait};

use super::{catalog, saved};
use crate::{
    authz::Actor,
    error::ServiceError,
    insights::{read::public_national_pay, snapshot::InsightsCache},
    programs::ProgramCatalog,
};

/// How far "near" reaches for programs and openings, in miles: far enough that most
/// students outside the largest metros still find a program, near enough to commute to.
pub const NEAR_MI: u16 = 100;
/// How many programs and openings the page lists.
pub const NEAREST: usize = 5;

/// The page of a path, or `None` when there is no path with that slug.
#[tracing::instrument(skip_all, fields(path = slug))]
pub async fn path_page(
    db: &(impl ConnectionTrait + TransactionTrait),
    programs: &ProgramCatalog,
    cache: &InsightsCache,
    actor: Option<Actor>,
    slug: &str,
    zip: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<CareerPathPage>, ServiceError> {
    let catalog =
        catalog().map_err(|e| ServiceError::Database(DbErr::Custom(format!("career paths: {e}"))))?;
    let Some(path) = catalog.get(slug) else { return Ok(None) };
    let zip = zip.map(str::trim).filter(|z| !z.is_empty());
    let (place, zip_problem) = match zip {
        None => (None, None),
        Some(zip) if domain::Zip::parse(zip).is_err() => {
            (None, Some(format!("“{zip}” is not a five-digit ZIP code, so the figures below are national.")))
        }
        Some(zip) => match programs.zip_place(db, zip).await? {
            Ok(place) => (Some(place), None),
            Err(why) => (
                None,
                Some(format!(
                    "{} Meanwhile the figures below are national.",
                    domain::params::sentence(&why.message(zip))
                )),
            ),
        },
    };
    let state = place.as_ref().map(|p| p.state.as_str()).filter(|s| !s.is_empty());
    let mut wages = Vec::new();
    for occupation in path.occupations() {
        if let Some((figure, fell_back)) = programs.wage_row(db, occupation.slug(), state).await? {
            wages.push(AreaWage { occupation, figure, fell_back });
        }
    }
    // Exactly what the public may see under docs/privacy.md, whoever asks.
    let roles = path.roles();
    let exchange = public_national_pay(db, cache, &roles, now)
        .await?
        .into_iter()
        .zip(roles)
        .map(|(view, role)| ExchangeMedian {
            role,
            median_annual_cents: match view.pay {
                Shown::Yes { figure } => Ok(figure.annual.median),
                Shown::No { reason } => Err(reason),
            },
            quarter: view.quarter,
        })
        .collect();
    let (nearby, openings) = match &place {
        Some(place) => (
            nearest_programs(db, programs, path, place.location).await?,
            crate::openings::read::near(db, place.location, f64::from(NEAR_MI), None)
                .await?
                .into_iter()
                .take(NEAREST)
                .collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let saved = match actor {
        Some(actor) => Some(saved::is_saved(db, actor, &path.slug).await?),
        None => None,
    };
    Ok(Some(CareerPathPage {
        path: path.clone(),
        zip: zip.map(str::to_string),
        place: place.map(|p| ZipPlace { zip: p.zip, city: p.city, state: p.state }),
        zip_problem,
        wages,
        exchange,
        programs: nearby,
        programs_radius_mi: NEAR_MI,
        openings,
        saved,
    }))
}

/// The nearest programs within [`NEAR_MI`] teaching any of the path's program kinds: a
/// program of that kind that awarded something in 2023-24, as the finder's filters judge.
async fn nearest_programs(
    db: &impl ConnectionTrait,
    programs: &ProgramCatalog,
    path: &CareerPath,
    origin: domain::LatLon,
) -> Result<Vec<NearbyProgram>, DbErr> {
    let snapshot = programs.current(db).await?;
    Ok(snapshot
        .index
        .within(origin, f64::from(NEAR_MI), &ProgramFilter::default())
        .into_iter()
        .filter(|(_, p)| p.programs.iter().any(|o| path.program_kinds.contains(&o.kind) && o.completions > 0))
        .take(NEAREST)
        .map(|(d, p)| NearbyProgram { program: p.clone(), distance_mi: (d * 100.0).round() / 100.0 })
        .collect())
}
