//! Reading needs: one need, an organisation's needs, the open needs near a point, and the
//! needs near each shop a person belongs to. The public sees open needs of verified
//! organisations; members also see their own organisation's filled and closed ones.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::{
    LatLon,
    needs::{NeedKind, NeedStatus, NeedView},
    orgs::{OrgKind, OrgStatus},
};
use entity::{need, organisation};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

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

/// Which slice of a nearest-first list to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub offset: usize,
    pub limit: usize,
}

impl Window {
    pub const ALL: Window = Window { offset: 0, limit: usize::MAX };

    pub fn first(limit: usize) -> Self {
        Self { offset: 0, limit }
    }
}

/// Some of the needs near a point, and how many there are in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Nearby {
    pub total: usize,
    pub needs: Vec<NeedView>,
}

/// Ids per `IN (…)` list: well under SQLite's and PostgreSQL's parameter limits.
pub(crate) const IDS_PER_QUERY: usize = 500;

/// The verified school programs within `radius_mi` of `origin`, with their distance. The
/// database narrows to a latitude/longitude box (indexed); the exact great-circle test
/// follows here.
pub(crate) async fn programs_within(
    db: &impl ConnectionTrait,
    origin: LatLon,
    radius_mi: f64,
) -> Result<HashMap<i64, (organisation::Model, f64)>, ServiceError> {
    let place = (organisation::Column::Latitude, organisation::Column::Longitude);
    Ok(crate::db::within_box(organisation::Entity::find(), place, origin, radius_mi)
        .filter(organisation::Column::Status.eq(OrgStatus::Verified))
        .filter(
            organisation::Column::Kind
                .is_in([OrgKind::IpedsProgram.slug(), OrgKind::HighSchoolProgram.slug()]),
        )
        .all(db)
        .await?
        .into_iter()
        .filter_map(|org| {
            let miles = origin.distance_mi(LatLon { lat: org.latitude, lon: org.longitude });
            (miles <= radius_mi).then(|| (org.id, (org, (miles * 100.0).round() / 100.0)))
        })
        .collect())
}

/// Open needs (not hidden by a moderator) of verified school programs within `radius_mi`
/// of `origin`, optionally of one kind, nearest first (great-circle miles, rounded to hundredths), ties by id: the
/// `window` of them, and the total. Only the window's rows are read in full.
pub async fn near(
    db: &impl ConnectionTrait,
    origin: LatLon,
    radius_mi: f64,
    kind: Option<NeedKind>,
    window: Window,
) -> Result<Nearby, ServiceError> {
    let programs = programs_within(db, origin, radius_mi).await?;
    let ids: Vec<i64> = programs.keys().copied().collect();
    let mut ranked: Vec<(f64, i64)> = Vec::new();
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let mut query = need::Entity::find()
            .select_only()
            .column(need::Column::Id)
            .column(need::Column::OrganisationId)
            .filter(need::Column::OrganisationId.is_in(chunk.to_vec()))
            .filter(need::Column::Status.eq(NeedStatus::Open))
            .filter(need::Column::HiddenAt.is_null());
        if let Some(kind) = kind {
            query = query.filter(need::Column::Kind.eq(kind));
        }
        let rows: Vec<(i64, i64)> = query.into_tuple().all(db).await?;
        ranked.extend(rows.into_iter().map(|(id, org)| (programs[&org].1, id)));
    }
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let total = ranked.len();
    let chosen: Vec<i64> = ranked.iter().skip(window.offset).take(window.limit).map(|(_, id)| *id).collect();
    let mut rows: HashMap<i64, need::Model> = HashMap::new();
    for chunk in chosen.chunks(IDS_PER_QUERY) {
        let found = need::Entity::find().filter(need::Column::Id.is_in(chunk.to_vec())).all(db).await?;
        rows.extend(found.into_iter().map(|row| (row.id, row)));
    }
    let needs = chosen
        .iter()
        .filter_map(|id| {
            let row = rows.get(id)?;
            let (org, miles) = programs.get(&row.organisation_id)?;
            Some(view(row, org, Some(*miles)))
        })
        .collect();
    Ok(Nearby { total, needs })
}

/// When a need or an opening was posted and last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Times {
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

/// When each of these needs was posted and last changed, by id (ids that are gone are left
/// out). The views leave times out; a list in time order (the Atom feeds) takes the needs
/// [`near`] chose and reads their times here, so what may be listed is decided in one place.
pub async fn times(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, Times>, ServiceError> {
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let rows: Vec<(i64, DateTime<Utc>, DateTime<Utc>)> = need::Entity::find()
            .select_only()
            .column(need::Column::Id)
            .column(need::Column::CreatedAt)
            .column(need::Column::UpdatedAt)
            .filter(need::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|(id, created, updated)| (id, Times { created, updated })));
    }
    Ok(out)
}

/// A shop the person belongs to and the nearest open needs around it.
#[derive(Debug, Clone, PartialEq)]
pub struct ShopNeeds {
    pub shop_id: i64,
    pub shop_name: String,
    /// The shop's ZIP code, for the link to all of them on `/needs`.
    pub zip: String,
    /// The nearest few, and how many there are within the radius.
    pub nearby: Nearby,
}

/// For each shop the signed-in person belongs to, the `shown` nearest open needs within
/// `radius_mi`, and their number.
pub async fn near_my_shops(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    radius_mi: f64,
    shown: usize,
) -> Result<Vec<ShopNeeds>, ServiceError> {
    let mine = crate::orgs::members::mine(db, actor).await?;
    let mut out = Vec::new();
    for (org, _) in mine.into_iter().filter(|(org, _)| org.kind == OrgKind::Shop) {
        let origin = LatLon { lat: org.latitude, lon: org.longitude };
        let nearby = near(db, origin, radius_mi, None, Window::first(shown)).await?;
        out.push(ShopNeeds { shop_id: org.id, shop_name: org.name, zip: org.zip, nearby });
    }
    Ok(out)
}
