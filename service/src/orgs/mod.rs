//! Organisations: shops and school programs, their members and invitations, verification
//! by admins, and what the public sees of them.
pub mod claims;
pub mod create;
pub mod fields;
pub mod members;
pub mod public;
pub mod saved;
pub mod verification;

use domain::orgs::{Accreditation, OrgProfile, ShopType, SizeBand};
use entity::{app_user, org_member, organisation};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::{accounts::outbox, error::ServiceError};

/// How an organisation row reads to the rest of Bayline.
pub fn profile(row: &organisation::Model) -> OrgProfile {
    OrgProfile {
        id: row.id,
        kind: row.kind,
        name: row.name.clone(),
        shop_type: row.shop_type.as_deref().and_then(ShopType::from_slug),
        size_band: row.size_band.as_deref().and_then(SizeBand::from_slug),
        street: row.street.clone(),
        city: row.city.clone(),
        state: row.state.clone(),
        zip: row.zip.clone(),
        lat: row.latitude,
        lon: row.longitude,
        website: row.website.clone(),
        unitid: row.unitid,
        program_kinds: domain::vocabulary::split_slugs(&row.program_kinds),
        accreditation: row.accreditation.as_deref().and_then(Accreditation::from_slug),
        status: row.status,
        status_reason: row.status_reason.clone(),
    }
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<organisation::Model, ServiceError> {
    organisation::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound)
}

/// Emails every owner of an organisation (verification results and the like).
pub(crate) async fn notify_owners(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    subject: &str,
    body: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbErr> {
    let owners = org_member::Entity::find()
        .filter(org_member::Column::OrganisationId.eq(organisation_id))
        .filter(org_member::Column::Role.eq(domain::orgs::MemberRole::Owner))
        .find_also_related(app_user::Entity)
        .all(db)
        .await?;
    for user in owners.into_iter().filter_map(|(_, user)| user) {
        outbox::enqueue(db, &user.email, subject, body, now).await?;
    }
    Ok(())
}
