//! Server functions of moderation: what a report form is about (for the reporter, who must
//! be able to see it) and the admins' queue. Filing reports and the admins' actions go
//! through the form handlers in server/src/forms/moderation.rs. Authorization is decided by
//! the service layer.
use domain::moderation::{ReportTarget, ReportedItem, SuspendedOrg};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What a report form reports, and the page to go back to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reportable {
    pub target: ReportTarget,
    pub id: i64,
    pub title: String,
    pub back: String,
}

/// The admins' queue and the suspended organisations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModerationData {
    pub items: Vec<ReportedItem>,
    pub suspended: Vec<SuspendedOrg>,
}

/// `/report?target=…&id=…`: the thing reported, when the signed-in viewer can see it.
#[server(endpoint = "report_subject")]
pub async fn report_subject(target: String, id: String) -> Result<Reportable, AppError> {
    use service::moderation::report;
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    service::authz::signed_in(actor)?;
    let (target, id) = report::parse_target(&target, &id)?;
    let seen = report::visible(&db, actor, target, id).await?;
    Ok(Reportable { target, id, title: seen.title, back: seen.href })
}

/// `/admin/reports`: admins only.
#[server(endpoint = "moderation_queue")]
pub async fn moderation_queue() -> Result<ModerationData, AppError> {
    use service::moderation::queue;
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let items = queue::open_items(&db, actor).await?;
    let suspended = queue::suspended(&db, actor).await?;
    Ok(ModerationData { items, suspended })
}
