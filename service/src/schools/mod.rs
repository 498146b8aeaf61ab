//! School listings an operator imported (`bayline import schools`): the ones nobody on
//! Bayline speaks for yet, for the map, the finder and the API. A listing is never an
//! organisation, so it never shows as verified; once a claim of it is verified
//! (`claimed_org_id`), the organisation stands in its place and the listing is not shown.
pub mod drafts;
pub mod invites;

use std::collections::BTreeMap;

use domain::{
    LatLon, ProgramKind,
    schools::{ListSummary, ListingPrefill, ListingView},
};
use entity::school_listing;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    authz::{self, Actor},
    error::ServiceError,
};

/// Each imported list with its number of schools and of those claimed (admins only).
pub async fn lists(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<ListSummary>, ServiceError> {
    authz::admin(actor)?;
    let mut by_source: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for row in school_listing::Entity::find().all(db).await? {
        let entry = by_source.entry(row.source).or_default();
        entry.0 += 1;
        entry.1 += u64::from(row.claimed_org_id.is_some());
    }
    Ok(by_source
        .into_iter()
        .map(|(source, (schools, claimed))| ListSummary { source, schools, claimed })
        .collect())
}

fn view(row: school_listing::Model, origin: Option<LatLon>) -> ListingView {
    let here = LatLon { lat: row.latitude, lon: row.longitude };
    ListingView {
        id: row.id,
        kinds: domain::vocabulary::split_slugs(&row.kinds),
        name: row.name,
        city: row.city,
        state: row.state,
        zip: row.zip,
        level: row.level,
        lat: row.latitude,
        lon: row.longitude,
        located_by_zip: row.located_by_zip,
        source: row.source,
        source_line: u32::try_from(row.source_line).unwrap_or_default(),
        distance_mi: origin.map(|o| (o.distance_mi(here) * 100.0).round() / 100.0),
    }
}

/// An unclaimed listing, to fill the "add your program" form with (public facts; `None`
/// once claimed or when there is no such listing).
pub async fn prefill(db: &impl ConnectionTrait, id: i64) -> Result<Option<ListingPrefill>, ServiceError> {
    let Some(row) = school_listing::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
    if row.claimed_org_id.is_some() {
        return Ok(None);
    }
    let at_once_host = crate::orgs::create::listing_host_verifies(db, &row).await?;
    Ok(Some(ListingPrefill {
        at_once_host,
        id: row.id,
        kinds: domain::vocabulary::split_slugs(&row.kinds),
        website: if row.web_host.is_empty() { String::new() } else { format!("https://{}", row.web_host) },
        name: row.name,
        street: row.street,
        city: row.city,
        state: row.state,
        zip: row.zip,
        source: row.source,
        source_line: u32::try_from(row.source_line).unwrap_or_default(),
    }))
}

/// Every unclaimed listing, by state and name (the API and the map's layer).
pub async fn unclaimed(db: &impl ConnectionTrait) -> Result<Vec<ListingView>, ServiceError> {
    Ok(school_listing::Entity::find()
        .filter(school_listing::Column::ClaimedOrgId.is_null())
        .order_by_asc(school_listing::Column::State)
        .order_by_asc(school_listing::Column::NameKey)
        .all(db)
        .await?
        .into_iter()
        .map(|row| view(row, None))
        .collect())
}

/// Unclaimed listings within `radius_mi` of `origin` that teach `kind` (any kind when
/// `None`), nearest first, ties by id. The database narrows to a latitude/longitude box;
/// the great-circle test follows.
pub async fn near(
    db: &impl ConnectionTrait,
    origin: LatLon,
    radius_mi: f64,
    kind: Option<ProgramKind>,
) -> Result<Vec<ListingView>, ServiceError> {
    let place = (school_listing::Column::Latitude, school_listing::Column::Longitude);
    let mut found: Vec<ListingView> =
        crate::db::within_box(school_listing::Entity::find(), place, origin, radius_mi)
            .filter(school_listing::Column::ClaimedOrgId.is_null())
            .all(db)
            .await?
            .into_iter()
            .map(|row| view(row, Some(origin)))
            .filter(|listing| listing.distance_mi.is_some_and(|d| d <= radius_mi))
            .filter(|listing| kind.is_none_or(|k| listing.kinds.contains(&k)))
            .collect();
    found.sort_by(|a, b| {
        a.distance_mi.unwrap_or(0.0).total_cmp(&b.distance_mi.unwrap_or(0.0)).then(a.id.cmp(&b.id))
    });
    Ok(found)
}
