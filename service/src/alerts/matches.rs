//! What a saved search matches right now, read with the same service queries as the page
//! the search was saved on: `needs::read::near` for `/needs`, `openings::read::near` for
//! `/openings`, the verified school programs `/needs` and the program pages use for
//! `/programs`, and the upcoming events of `/events`.
use chrono::{DateTime, Utc};
use domain::{
    LatLon, ProgramKind,
    alerts::{AlertPage, AlertSearch},
    needs::NeedKind,
    openings::OpeningKind,
};
use entity::saved_search;
use sea_orm::ConnectionTrait;

use crate::{error::ServiceError, needs::read::Window};

/// One item a search matches, as an alert lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub page: AlertPage,
    /// What `id` numbers: `needs`, `openings`, `programs` (organisations), `listings`
    /// (imported schools) or `events`; with `id`, what a person is told at most once.
    pub item_kind: &'static str,
    pub id: i64,
    pub title: String,
    /// "Westside High automotive · Detroit, MI · 4.2 mi".
    pub detail: String,
    /// The item's page, a local path.
    pub link: String,
}

/// The filter a saved search row holds.
pub fn search_of(row: &saved_search::Model) -> AlertSearch {
    AlertSearch {
        page: row.page,
        zip: row.zip.clone(),
        radius_mi: row.radius_mi.and_then(|r| u16::try_from(r).ok()),
        kind: row.kind.clone(),
    }
}

/// Where a search's ZIP code is; `None` for a code the ZIP data no longer has (it matches
/// nothing, as the page would say it cannot search there).
async fn origin(db: &impl ConnectionTrait, zip: &str) -> Result<Option<LatLon>, ServiceError> {
    Ok(crate::programs::zip_place(db, zip).await?.ok().map(|place| place.location))
}

fn distance(miles: Option<f64>) -> String {
    miles.map(|m| format!(" · {m:.1} mi")).unwrap_or_default()
}

/// Everything `search` matches now, nearest first where there is a place.
pub async fn current(
    db: &impl ConnectionTrait,
    search: &AlertSearch,
    now: DateTime<Utc>,
) -> Result<Vec<Match>, ServiceError> {
    let place = match (search.page.needs_zip(), search.zip.as_deref(), search.radius_mi) {
        (true, Some(zip), Some(radius)) => origin(db, zip).await?.map(|at| (at, f64::from(radius))),
        _ => None,
    };
    let kind = search.kind.as_deref();
    match (search.page, place) {
        (AlertPage::Events, _) => events(db, now).await,
        // No place (a ZIP code the data no longer has): nothing, as the page finds nothing.
        (_, None) => Ok(Vec::new()),
        (AlertPage::Needs, Some((at, radius))) => {
            needs(db, at, radius, kind.and_then(NeedKind::from_slug)).await
        }
        (AlertPage::Openings, Some((at, radius))) => {
            openings(db, at, radius, kind.and_then(OpeningKind::from_slug)).await
        }
        (AlertPage::Programs, Some((at, radius))) => {
            programs(db, at, radius, kind.and_then(ProgramKind::from_slug), &search.url()).await
        }
    }
}

async fn events(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<Match>, ServiceError> {
    let (upcoming, _) = crate::events::read::list(db, now).await?;
    Ok(upcoming
        .into_iter()
        .filter(|event| !event.cancelled)
        .map(|event| Match {
            page: AlertPage::Events,
            item_kind: "events",
            id: event.id,
            detail: event.when.clone(),
            title: event.title,
            link: format!("/events/{}", event.id),
        })
        .collect())
}

async fn needs(
    db: &impl ConnectionTrait,
    origin: LatLon,
    radius: f64,
    kind: Option<NeedKind>,
) -> Result<Vec<Match>, ServiceError> {
    let found = crate::needs::read::near(db, origin, radius, kind, Window::ALL).await?;
    Ok(found
        .needs
        .into_iter()
        .map(|need| Match {
            page: AlertPage::Needs,
            item_kind: "needs",
            id: need.id,
            detail: format!(
                "{} · {}, {}{}",
                need.organisation_name,
                need.city,
                need.state,
                distance(need.distance_mi)
            ),
            title: need.title,
            link: format!("/needs/{}", need.id),
        })
        .collect())
}

async fn openings(
    db: &impl ConnectionTrait,
    origin: LatLon,
    radius: f64,
    kind: Option<OpeningKind>,
) -> Result<Vec<Match>, ServiceError> {
    let found = crate::openings::read::near(db, origin, radius, kind).await?;
    Ok(found
        .into_iter()
        .map(|opening| Match {
            page: AlertPage::Openings,
            item_kind: "openings",
            id: opening.id,
            detail: format!(
                "{} · {}, {}{}",
                opening.shop_name,
                opening.city,
                opening.state,
                distance(opening.distance_mi)
            ),
            title: opening.title,
            link: format!("/openings/{}", opening.id),
        })
        .collect())
}

/// School programs on Bayline (verified) near the place, of the kind — on `/programs` the
/// programs whose instructors are here — and the imported schools there that are not on
/// Bayline yet (claimable), linked to the search's page where the finder lists them.
async fn programs(
    db: &impl ConnectionTrait,
    origin: LatLon,
    radius: f64,
    kind: Option<ProgramKind>,
    page_link: &str,
) -> Result<Vec<Match>, ServiceError> {
    let teaches =
        |kinds: &str| kind.is_none_or(|k| domain::vocabulary::split_slugs::<ProgramKind>(kinds).contains(&k));
    let mut found: Vec<_> = crate::needs::read::programs_within(db, origin, radius)
        .await?
        .into_values()
        .filter(|(org, _)| teaches(&org.program_kinds))
        .collect();
    found.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.id.cmp(&b.0.id)));
    let on_bayline = found.into_iter().map(|(org, miles)| Match {
        page: AlertPage::Programs,
        item_kind: "programs",
        id: org.id,
        detail: format!("{}, {}{}", org.city, org.state, distance(Some(miles))),
        title: org.name,
        link: format!("/orgs/{}", org.id),
    });
    // Schools from an imported list, which an instructor can now claim: the finder's own
    // query for its "not yet on Bayline" section.
    let listed = crate::schools::near(db, origin, radius, kind).await?.into_iter().map(|school| Match {
        page: AlertPage::Programs,
        item_kind: "listings",
        id: school.id,
        detail: format!(
            "{}, {}{} · not yet on Bayline (from {})",
            school.city,
            school.state,
            distance(school.distance_mi),
            school.source
        ),
        title: school.name,
        link: page_link.to_string(),
    });
    Ok(on_bayline.chain(listed).collect())
}
