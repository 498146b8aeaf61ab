//! A person's own data: a copy of everything Bayline holds about them (export) and its
//! removal (deletion, see [`super::deletion`]). The export holds no secret: no password
//! hash, no token digests, no session ids.
use chrono::{DateTime, SecondsFormat, Utc};
use entity::{audit_event, invitation, org_member, organisation, saved_path, saved_program};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::{
    audit::{self, Event},
    changes::account_of,
};
use crate::{authz::Actor, error::ServiceError};

/// Everything Bayline holds about one person, as they download it.
#[derive(Debug, Clone, Serialize)]
pub struct DataExport {
    pub account: AccountData,
    pub memberships: Vec<MembershipData>,
    pub organisations_created: Vec<OrganisationData>,
    pub saved_programs: Vec<SavedProgramData>,
    pub saved_paths: Vec<SavedPathData>,
    pub invitations_sent: Vec<InvitationData>,
    pub audit_events: Vec<AuditData>,
    /// Openings interest, notifications, email choices and reports filed.
    pub activity: super::activity::ActivityData,
    /// Placements as their student: terms, consent, hours and evaluations.
    pub placements: Vec<crate::placements::export::PlacementData>,
}

/// The account itself.
#[derive(Debug, Clone, Serialize)]
pub struct AccountData {
    pub email: String,
    pub email_verified: bool,
    pub created_at: String,
    pub admin: bool,
}

/// A role in an organisation.
#[derive(Debug, Clone, Serialize)]
pub struct MembershipData {
    pub organisation_id: i64,
    pub organisation: String,
    pub role: String,
    pub since: String,
}

/// An organisation the person registered.
#[derive(Debug, Clone, Serialize)]
pub struct OrganisationData {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub status: String,
    pub created_at: String,
}

/// A saved program (an IPEDS institution id).
#[derive(Debug, Clone, Serialize)]
pub struct SavedProgramData {
    pub unitid: i32,
    pub saved_at: String,
}

/// A saved career path (its slug in `careers/`).
#[derive(Debug, Clone, Serialize)]
pub struct SavedPathData {
    pub path: String,
    pub saved_at: String,
}

/// An invitation the person sent (the invitee's address is what they typed).
#[derive(Debug, Clone, Serialize)]
pub struct InvitationData {
    pub organisation_id: i64,
    pub email: String,
    pub created_at: String,
    pub expires_at: String,
    pub accepted_at: Option<String>,
}

/// An entry of the audit log about the person.
#[derive(Debug, Clone, Serialize)]
pub struct AuditData {
    pub event: String,
    pub at: String,
    pub client_ip: String,
}

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The signed-in person's data; the export itself is recorded (and included).
pub async fn export(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<DataExport, ServiceError> {
    let user = account_of(db, actor).await?;
    audit::record(db, Event::DataExported, Some(user.id), "", client_ip, now).await?;
    let memberships = org_member::Entity::find()
        .filter(org_member::Column::UserId.eq(user.id))
        .order_by_asc(org_member::Column::CreatedAt)
        .all(db)
        .await?;
    let org_ids: Vec<i64> = memberships.iter().map(|m| m.organisation_id).collect();
    let names: std::collections::HashMap<i64, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let created = organisation::Entity::find()
        .filter(organisation::Column::CreatedBy.eq(user.id))
        .order_by_asc(organisation::Column::Id)
        .all(db)
        .await?;
    let saved = saved_program::Entity::find()
        .filter(saved_program::Column::UserId.eq(user.id))
        .order_by_asc(saved_program::Column::CreatedAt)
        .all(db)
        .await?;
    let paths = saved_path::Entity::find()
        .filter(saved_path::Column::UserId.eq(user.id))
        .order_by_asc(saved_path::Column::CreatedAt)
        .all(db)
        .await?;
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::InvitedBy.eq(user.id))
        .order_by_asc(invitation::Column::CreatedAt)
        .all(db)
        .await?;
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::UserId.eq(user.id))
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await?;
    let activity = super::activity::of(db, user.id).await?;
    let placements = crate::placements::export::of_student(db, user.id).await?;
    Ok(DataExport {
        activity,
        placements,
        account: AccountData {
            email: user.email,
            email_verified: user.email_verified_at.is_some(),
            created_at: time(user.created_at),
            admin: user.is_admin,
        },
        memberships: memberships
            .into_iter()
            .map(|m| MembershipData {
                organisation: names.get(&m.organisation_id).cloned().unwrap_or_default(),
                organisation_id: m.organisation_id,
                role: m.role.slug().into(),
                since: time(m.created_at),
            })
            .collect(),
        organisations_created: created
            .into_iter()
            .map(|o| OrganisationData {
                id: o.id,
                name: o.name,
                kind: o.kind.slug().into(),
                status: o.status.slug().into(),
                created_at: time(o.created_at),
            })
            .collect(),
        saved_programs: saved
            .into_iter()
            .map(|s| SavedProgramData { unitid: s.unitid, saved_at: time(s.created_at) })
            .collect(),
        saved_paths: paths
            .into_iter()
            .map(|s| SavedPathData { path: s.path_slug, saved_at: time(s.created_at) })
            .collect(),
        invitations_sent: invitations
            .into_iter()
            .map(|i| InvitationData {
                organisation_id: i.organisation_id,
                email: i.email,
                created_at: time(i.created_at),
                expires_at: time(i.expires_at),
                accepted_at: i.accepted_at.map(time),
            })
            .collect(),
        audit_events: events
            .into_iter()
            .map(|e| AuditData { event: e.event, at: time(e.at), client_ip: e.client_ip })
            .collect(),
    })
}
