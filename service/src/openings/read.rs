//! Reading openings: one opening, a shop's openings, and the open openings near a point.
//! The public sees open, unhidden openings of verified shops; the shop's members (and
//! admins, who moderate) also see its closed and hidden ones.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::{
    LatLon,
    openings::{OpeningKind, OpeningStatus, OpeningView},
    orgs::{OrgKind, OrgStatus},
};
use entity::{opening, organisation};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{is_public, view};
use crate::{
    authz::Actor,
    error::ServiceError,
    needs::read::{IDS_PER_QUERY, Times, insider},
};

/// The opening row and its shop, if the actor may see it; hidden ones answer `NotFound`
/// to outsiders, so their existence is not revealed.
pub async fn visible(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    id: i64,
) -> Result<(opening::Model, organisation::Model), ServiceError> {
    let row = opening::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let shop = crate::orgs::find(db, row.organisation_id).await?;
    if is_public(&row, &shop) || insider(db, actor, shop.id).await? {
        Ok((row, shop))
    } else {
        Err(ServiceError::NotFound)
    }
}

/// One opening, for everyone allowed to see it.
pub async fn one(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    id: i64,
) -> Result<OpeningView, ServiceError> {
    let (row, shop) = visible(db, actor, id).await?;
    Ok(view(&row, &shop, None))
}

/// A shop's openings, newest first: all of them for its members and admins, the public
/// ones for everyone else.
pub async fn for_organisation(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    organisation_id: i64,
) -> Result<Vec<OpeningView>, ServiceError> {
    let shop = crate::orgs::find(db, organisation_id).await?;
    let all = insider(db, actor, organisation_id).await?;
    let rows = opening::Entity::find()
        .filter(opening::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(opening::Column::Id)
        .all(db)
        .await?;
    Ok(rows.iter().filter(|row| all || is_public(row, &shop)).map(|row| view(row, &shop, None)).collect())
}

/// Public openings within `radius_mi` of `origin` (measured to the opening's ZIP centroid),
/// optionally of one kind, nearest first (great-circle miles, rounded to hundredths), ties
/// by id.
pub async fn near(
    db: &impl ConnectionTrait,
    origin: LatLon,
    radius_mi: f64,
    kind: Option<OpeningKind>,
) -> Result<Vec<OpeningView>, ServiceError> {
    let mut query = opening::Entity::find()
        .filter(opening::Column::Status.eq(OpeningStatus::Open))
        .filter(opening::Column::HiddenAt.is_null());
    if let Some(kind) = kind {
        query = query.filter(opening::Column::Kind.eq(kind));
    }
    let rows: Vec<(opening::Model, f64)> = query
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| {
            let miles = origin.distance_mi(LatLon { lat: row.latitude, lon: row.longitude });
            (miles <= radius_mi).then_some((row, (miles * 100.0).round() / 100.0))
        })
        .collect();
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let shops: HashMap<i64, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Status.eq(OrgStatus::Verified))
        .filter(organisation::Column::Kind.eq(OrgKind::Shop))
        .filter(
            organisation::Column::Id.is_in(rows.iter().map(|(r, _)| r.organisation_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|shop| (shop.id, shop))
        .collect();
    let mut found: Vec<OpeningView> = rows
        .iter()
        .filter_map(|(row, miles)| {
            let shop = shops.get(&row.organisation_id)?;
            is_public(row, shop).then(|| view(row, shop, Some(*miles)))
        })
        .collect();
    found.sort_by(|a, b| {
        a.distance_mi.unwrap_or(0.0).total_cmp(&b.distance_mi.unwrap_or(0.0)).then(a.id.cmp(&b.id))
    });
    Ok(found)
}

/// When each of these openings was posted and last changed, by id (ids that are gone are
/// left out): for a list in time order (the Atom feeds) over the openings [`near`] chose.
pub async fn times(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, Times>, ServiceError> {
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let rows: Vec<(i64, DateTime<Utc>, DateTime<Utc>)> = opening::Entity::find()
            .select_only()
            .column(opening::Column::Id)
            .column(opening::Column::CreatedAt)
            .column(opening::Column::UpdatedAt)
            .filter(opening::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|(id, created, updated)| (id, Times { created, updated })));
    }
    Ok(out)
}
