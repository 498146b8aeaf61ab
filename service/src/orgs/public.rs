//! What the public sees of organisations: verified ones only. Members and admins also see
//! their pending or rejected organisation, with the reason.
use domain::{
    LatLon,
    orgs::{OrgKind, OrgProfile, OrgStatus, SchoolPin},
};
use entity::organisation;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use super::profile;
use crate::{
    authz::{self, Actor},
    error::ServiceError,
};

/// An organisation's profile, if the asker may see it; hidden ones answer `NotFound`, so a
/// pending organisation's existence is not revealed.
pub async fn organisation(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    id: i64,
) -> Result<OrgProfile, ServiceError> {
    let row = organisation::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let shown = profile(&row);
    if shown.status == OrgStatus::Verified {
        return Ok(shown);
    }
    match actor {
        Some(actor) if actor.is_admin => Ok(shown),
        Some(actor) if authz::role_in(db, actor, id).await?.is_some() => Ok(shown),
        _ => Err(ServiceError::NotFound),
    }
}

/// Verified programs IPEDS does not list (high-school CTE and the like), for the map.
/// Given an origin and radius, only those within it, nearest first.
pub async fn verified_school_pins(
    db: &impl ConnectionTrait,
    near: Option<(LatLon, f64)>,
) -> Result<Vec<SchoolPin>, ServiceError> {
    let mut rows = organisation::Entity::find()
        .select_only()
        .columns([
            organisation::Column::Id,
            organisation::Column::Name,
            organisation::Column::City,
            organisation::Column::State,
            organisation::Column::Latitude,
            organisation::Column::Longitude,
            organisation::Column::ProgramKinds,
        ])
        .filter(organisation::Column::Kind.eq(OrgKind::HighSchoolProgram))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified));
    // Only the box around the circle is read (the finder asks on every search; the map's
    // whole set is asked without an origin).
    if let Some((origin, radius_mi)) = near {
        let place = (organisation::Column::Latitude, organisation::Column::Longitude);
        rows = crate::db::within_box(rows, place, origin, radius_mi);
    }
    let rows: Vec<(i64, String, String, String, f64, f64, String)> = rows.into_tuple().all(db).await?;
    let mut pins: Vec<SchoolPin> = rows
        .into_iter()
        .map(|(id, name, city, state, lat, lon, kinds)| SchoolPin {
            id,
            name,
            city,
            state,
            lat,
            lon,
            kinds: domain::vocabulary::split_slugs(&kinds),
            distance_mi: near
                .map(|(origin, _)| (origin.distance_mi(LatLon { lat, lon }) * 100.0).round() / 100.0),
        })
        .filter(|pin| match (near, pin.distance_mi) {
            (Some((_, radius)), Some(distance)) => distance <= radius,
            _ => true,
        })
        .collect();
    pins.sort_by(|a, b| {
        a.distance_mi.unwrap_or(0.0).total_cmp(&b.distance_mi.unwrap_or(0.0)).then(a.id.cmp(&b.id))
    });
    Ok(pins)
}

/// The verified organisation that represents an IPEDS program on Bayline, if any.
pub async fn claimed_program(
    db: &impl ConnectionTrait,
    unitid: i32,
) -> Result<Option<organisation::Model>, ServiceError> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Unitid.eq(unitid))
        .filter(organisation::Column::Status.eq(OrgStatus::Verified))
        .one(db)
        .await?)
}
