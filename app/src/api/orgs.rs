//! Server functions of the organisation pages. They only read: changes go through the form
//! handlers in server/src/forms/orgs.rs. Authorization is decided by the service layer.
use domain::{
    orgs::{MemberRole, MemberView, OrgKind, OrgProfile, OrgStatus},
    programs::ProgramSummary,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// One of the signed-in person's organisations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyOrganisation {
    pub id: i64,
    pub name: String,
    pub kind: OrgKind,
    pub status: OrgStatus,
    pub role: MemberRole,
}

/// An organisation's page: its profile for everyone allowed to see it, and its members for
/// its members (owners also get the forms to manage them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationView {
    pub profile: OrgProfile,
    pub my_role: Option<MemberRole>,
    pub members: Vec<MemberView>,
    /// The shop's current membership features its profile (a member badge).
    pub featured: bool,
}

/// What a program's profile offers the visitor: save it, and the instructors' claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgramActionState {
    pub signed_in: bool,
    pub saved: bool,
    /// The verified organisation of this program's instructors, if any.
    pub claimed_by: Option<i64>,
}

#[server(endpoint = "my_organisations")]
pub async fn my_organisations() -> Result<Vec<MyOrganisation>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let mine = service::orgs::members::mine(&db, actor).await?;
    Ok(mine
        .into_iter()
        .map(|(row, role)| {
            let profile = service::orgs::profile(&row);
            MyOrganisation {
                id: profile.id,
                name: profile.name,
                kind: profile.kind,
                status: profile.status,
                role,
            }
        })
        .collect())
}

#[server(endpoint = "organisation_page")]
pub async fn organisation_page(id: String) -> Result<OrganisationView, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let id = super::ids::record(&id)?;
    let profile = service::orgs::public::organisation(&db, actor, id).await?;
    let my_role = match actor {
        Some(actor) => service::authz::role_in(&db, actor, id).await?,
        None => None,
    };
    let members = match actor {
        Some(actor) if my_role.is_some() || actor.is_admin => {
            service::orgs::members::list(&db, Some(actor), id).await?
        }
        _ => Vec::new(),
    };
    let featured = service::membership::standing::organisation_unlocks(&db, id, chrono::Utc::now())
        .await?
        .contains(&domain::billing::Unlock::FeaturedProfile);
    Ok(OrganisationView { profile, my_role, members, featured })
}

/// The organisation an invitation link is for, while the link is good (the token itself
/// is the permission to see that name).
#[server(endpoint = "invitation_preview")]
pub async fn invitation_preview(token: String) -> Result<Option<String>, AppError> {
    let db = crate::ssr::db()?;
    let found = service::orgs::members::invitation_organisation(&db, &token, chrono::Utc::now()).await?;
    Ok(found.map(|org| org.name))
}

/// The programs the signed-in person saved, as the finder lists them.
#[server(endpoint = "saved_programs")]
pub async fn saved_programs() -> Result<Vec<ProgramSummary>, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let state = crate::ssr::state()?;
    let unitids = service::orgs::saved::list(&state.db, actor).await?;
    let snapshot = state.programs.current(&state.db).await?;
    Ok(unitids.into_iter().filter_map(|id| snapshot.index.get(id).cloned()).collect())
}

#[server(endpoint = "program_actions")]
pub async fn program_actions(unitid: String) -> Result<ProgramActionState, AppError> {
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let unitid = super::ids::unitid(&unitid)?;
    let claimed_by = service::orgs::public::claimed_program(&db, unitid).await?.map(|org| org.id);
    let saved = match actor {
        Some(_) => service::orgs::saved::list(&db, actor).await?.contains(&unitid),
        None => false,
    };
    Ok(ProgramActionState { signed_in: actor.is_some(), saved, claimed_by })
}
