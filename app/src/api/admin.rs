//! The admin area's server function. Admins only: the service layer refuses anyone else.
use domain::orgs::OrgProfile;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i64,
    /// The person's name and the domain of their e-mail address (never the whole address).
    pub name: String,
    pub email_domain: String,
    pub verified: bool,
    pub is_admin: bool,
    /// RFC 3339.
    pub created_at: domain::time::Moment,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: domain::time::Moment,
    pub user_id: Option<i64>,
    pub event: String,
    pub detail: String,
    pub client_ip: String,
}

/// An organisation waiting for verification and who added it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuedOrg {
    pub org: OrgProfile,
    /// The owner who added it, by name and the domain of their address (what an admin checks
    /// against the organisation's web host); none once their account is deleted.
    pub added_by: Option<String>,
    /// When their account was made (YYYY-MM-DD): a day-old account adding a shop is worth a look.
    pub account_since: Option<String>,
    /// When the organisation was added (YYYY-MM-DD).
    pub added_on: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminData {
    /// Waiting for verification, oldest first.
    pub queue: Vec<QueuedOrg>,
    pub organisations: Vec<OrgProfile>,
    pub users: Vec<UserRow>,
    pub audit: Vec<AuditRow>,
}

/// Everything the admin area shows; `event` filters the audit log to one kind.
#[server(endpoint = "admin_overview")]
pub async fn admin_overview(event: Option<String>) -> Result<AdminData, AppError> {
    use service::orgs::{profile, verification};
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let queue = verification::queue(&db, actor)
        .await?
        .iter()
        .map(|waiting| QueuedOrg {
            org: profile(&waiting.organisation),
            added_by: waiting.added_by.as_ref().map(|u| {
                format!(
                    "{} (e-mail at {})",
                    service::accounts::names::shown(u),
                    service::accounts::email::domain_of(&u.email)
                )
            }),
            account_since: waiting.added_by.as_ref().map(|u| u.created_at.date_naive().to_string()),
            added_on: waiting.organisation.created_at.date_naive().to_string(),
        })
        .collect();
    let organisations = verification::organisations(&db, actor).await?.iter().map(profile).collect();
    let zone = service::accounts::zone::of(&db, actor).await?;
    let moment = |at| service::accounts::zone::moment(at, zone);
    let users = verification::users(&db, actor)
        .await?
        .into_iter()
        .map(|u| UserRow {
            id: u.id,
            name: service::accounts::names::shown(&u),
            email_domain: service::accounts::email::domain_of(&u.email).to_string(),
            verified: u.email_verified_at.is_some(),
            is_admin: u.is_admin,
            created_at: moment(u.created_at),
        })
        .collect();
    let audit = verification::audit_log(&db, actor, event.as_deref())
        .await?
        .into_iter()
        .map(|e| AuditRow {
            at: moment(e.at),
            user_id: e.user_id,
            event: e.event,
            detail: e.detail,
            client_ip: e.client_ip,
        })
        .collect();
    Ok(AdminData { queue, organisations, users, audit })
}
