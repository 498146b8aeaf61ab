//! Reading needs: one need, an organisation's needs, the open needs near a point, and the
//! needs near each shop a person belongs to. The public sees open needs of verified
//! organisations; members also see their own organisation's filled and closed ones.
use std::collections::HashMap;

use domain::{
    LatLon,
    needs::{NeedKind, NeedStatus, NeedView},
    orgs::{OrgKind, OrgStatus},
};
use entity::{need, organisation};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{is_public, view};
use crate::{
    authz::{self, Actor},
    error::ServiceError,
};

/// Whether the actor may see everything of this organisation (its members and admins).
pub(crate) async fn insider(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    organisation_id: i64,
) -> Result<bool, ServiceError> {
    Ok(match actor {
        Some(actor) if actor.is_admin => true,
        Some(actor) => authz::role_in(db, actor, organisation_id).await?.is_some(),
        None => false,
    })
}

/// One need; hidden ones (not open, or of an unverified organisation) answer `NotFound` to
/// outsiders, so their existence is not revealed.
pub async fn one(db: &impl ConnectionTrait, actor: Option<Actor>, id: i64) -> Result<NeedView, ServiceError> {
    let row = need::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let org = crate::orgs::find(db, row.organisation_id).await?;
    if is_public(&row, &org) || insider(db, actor, org.id).await? {
        Ok(view(&row, &org, None))
    } else {
        Err(ServiceError::NotFound)
    }
}

/// An organisation's needs, newest first: all of them for its members and admins, the open
/// ones (once verified) for everyone else.
pub async fn for_organisation(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    organisation_id: i64,
) -> Result<Vec<NeedView>, ServiceError> {
    let org = crate::orgs::find(db, organisation_id).await?;
    let all = insider(db, actor, organisation_id).await?;
    let rows = need::Entity::find()
        .filter(need::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(need::Column::Id)
        .all(db)
        .await?;
    Ok(rows.iter().filter(|row| all || is_public(row, &org)).map(|row| view(row, &org, None)).collect())
}

/// Open needs of verified school programs within `radius_mi` of `origin`, optionally of one
/// kind, nearest first (great-circle miles, rounded to hundredths), ties by id.
pub async fn near(
    db: &impl ConnectionTrait,
    origin: LatLon,
    radius_mi: f64,
    kind: Option<NeedKind>,
) -> Result<Vec<NeedView>, ServiceError> {
    let mut query = need::Entity::find().filter(need::Column::Status.eq(NeedStatus::Open.slug()));
    if let Some(kind) = kind {
        query = query.filter(need::Column::Kind.eq(kind.slug()));
    }
    let rows = query.all(db).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let orgs: HashMap<i64, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Status.eq(OrgStatus::Verified.slug()))
        .filter(
            organisation::Column::Kind
                .is_in([OrgKind::IpedsProgram.slug(), OrgKind::HighSchoolProgram.slug()]),
        )
        .filter(organisation::Column::Id.is_in(rows.iter().map(|r| r.organisation_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|org| (org.id, org))
        .collect();
    let mut found: Vec<NeedView> = rows
        .iter()
        .filter_map(|row| {
            let org = orgs.get(&row.organisation_id)?;
            let miles = origin.distance_mi(LatLon { lat: org.latitude, lon: org.longitude });
            (miles <= radius_mi).then(|| view(row, org, Some((miles * 100.0).round() / 100.0)))
        })
        .collect();
    found.sort_by(|a, b| {
        a.distance_mi.unwrap_or(0.0).total_cmp(&b.distance_mi.unwrap_or(0.0)).then(a.id.cmp(&b.id))
    });
    Ok(found)
}

/// A shop the person belongs to and the open needs near it.
#[derive(Debug, Clone, PartialEq)]
pub struct ShopNeeds {
    pub shop_id: i64,
    pub shop_name: String,
    pub needs: Vec<NeedView>,
}

/// For each shop the signed-in person belongs to, the open needs within `radius_mi`.
pub async fn near_my_shops(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    radius_mi: f64,
) -> Result<Vec<ShopNeeds>, ServiceError> {
    let mine = crate::orgs::members::mine(db, actor).await?;
    let mut out = Vec::new();
    for (org, _) in mine.into_iter().filter(|(org, _)| org.kind == OrgKind::Shop.slug()) {
        let origin = LatLon { lat: org.latitude, lon: org.longitude };
        let needs = near(db, origin, radius_mi, None).await?;
        out.push(ShopNeeds { shop_id: org.id, shop_name: org.name, needs });
    }
    Ok(out)
}
