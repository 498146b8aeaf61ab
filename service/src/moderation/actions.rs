//! What admins do about reports: hide the reported content, suspend its organisation (or
//! lift a suspension), or dismiss the reports. Each is a conditional UPDATE in one writing
//! transaction with the reports it resolves and its audit entry, so a double submit or two
//! admins at once change things once; the organisation's owners are emailed.
use chrono::{DateTime, Utc};
use domain::{
    moderation::{ReportAction, ReportStatus, ReportTarget},
    orgs::OrgStatus,
};
use entity::{application_message, need, opening, organisation, partnership_message, report};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, sea_query::Expr};

use super::{label, report::parse_target, subject};
use crate::{
    Ctx,
    accounts::audit::{self, Event},
    authz::{self, Actor},
    error::ServiceError,
    orgs::{fields, find, notify_owners},
};

/// Resolves the open reports on one target with `action`; how many there were.
async fn resolve(
    db: &impl ConnectionTrait,
    actor: &Actor,
    target: ReportTarget,
    id: i64,
    action: ReportAction,
    now: DateTime<Utc>,
) -> Result<u64, ServiceError> {
    let result = report::Entity::update_many()
        .col_expr(report::Column::Status, Expr::value(ReportStatus::Resolved.slug()))
        .col_expr(report::Column::OpenKey, Expr::value(Option::<String>::None))
        .col_expr(report::Column::ResolvedBy, Expr::value(Some(actor.user_id)))
        .col_expr(report::Column::ResolvedAt, Expr::value(Some(now)))
        .col_expr(report::Column::Action, Expr::value(Some(action.slug())))
        .filter(report::Column::TargetKind.eq(target.slug()))
        .filter(report::Column::TargetId.eq(id))
        .filter(report::Column::Status.eq(ReportStatus::Open))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Hides a need or a thread message from everyone but its organisation's members (a need)
/// or shows it as hidden in its thread (a message), and resolves its reports. An
/// organisation is not hidden but suspended.
pub async fn hide(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    target: &str,
    target_id: &str,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::admin(actor)?;
    let (target, id) = parse_target(target, target_id)
        .map_err(|_| ServiceError::invalid("target", "choose a reported need or message"))?;
    let txn = crate::db::begin_write(db).await?;
    let thing = subject(&txn, target, id).await?;
    let changed = match target {
        ReportTarget::Need => {
            need::Entity::update_many()
                .col_expr(need::Column::HiddenAt, Expr::value(Some(now)))
                .filter(need::Column::Id.eq(id))
                .filter(need::Column::HiddenAt.is_null())
                .exec(&txn)
                .await?
                .rows_affected
        }
        ReportTarget::Message => {
            partnership_message::Entity::update_many()
                .col_expr(partnership_message::Column::HiddenAt, Expr::value(Some(now)))
                .filter(partnership_message::Column::Id.eq(id))
                .filter(partnership_message::Column::HiddenAt.is_null())
                .exec(&txn)
                .await?
                .rows_affected
        }
        ReportTarget::ApplicationMessage => {
            application_message::Entity::update_many()
                .col_expr(application_message::Column::HiddenAt, Expr::value(Some(now)))
                .filter(application_message::Column::Id.eq(id))
                .filter(application_message::Column::HiddenAt.is_null())
                .exec(&txn)
                .await?
                .rows_affected
        }
        ReportTarget::Opening => {
            opening::Entity::update_many()
                .col_expr(opening::Column::HiddenAt, Expr::value(Some(now)))
                .filter(opening::Column::Id.eq(id))
                .filter(opening::Column::HiddenAt.is_null())
                .exec(&txn)
                .await?
                .rows_affected
        }
        ReportTarget::Organisation => {
            return Err(ServiceError::Conflict("an organisation is suspended, not hidden".into()));
        }
    };
    resolve(&txn, &actor, target, id, ReportAction::Hidden, now).await?;
    // Hidden already (a double submit or another admin): nothing more to say.
    if changed == 1 {
        audit::record(&txn, Event::ContentHidden, Some(actor.user_id), &label(target, id), "", now).await?;
        if let Some(org) = &thing.organisation {
            let what = target.label().to_lowercase();
            let body = format!(
                "A moderator hid a {what} of {} on Bayline after reports about it: \"{}\".\n\n\
                 If you think this is a mistake, reply to this message.\n\n{site_url}/orgs/{}",
                org.name, thing.title, org.id
            );
            notify_owners(&txn, org.id, &format!("A {what} of {} was hidden", org.name), &body, now).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Closes the open reports on a target without acting on it.
pub async fn dismiss(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    target: &str,
    target_id: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::admin(actor)?;
    let (target, id) = parse_target(target, target_id)
        .map_err(|_| ServiceError::invalid("target", "choose a reported item"))?;
    let txn = crate::db::begin_write(db).await?;
    if resolve(&txn, &actor, target, id, ReportAction::Dismissed, now).await? > 0 {
        audit::record(&txn, Event::ReportsDismissed, Some(actor.user_id), &label(target, id), "", now)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// `UPDATE organisation SET status = to WHERE id = … AND status = from`; whether it matched.
async fn moved(
    db: &impl ConnectionTrait,
    id: i64,
    from: OrgStatus,
    to: OrgStatus,
) -> Result<bool, ServiceError> {
    let result = organisation::Entity::update_many()
        .col_expr(organisation::Column::Status, Expr::value(to.slug()))
        .filter(organisation::Column::Id.eq(id))
        .filter(organisation::Column::Status.eq(from))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Suspends a verified organisation: its page, needs and openings disappear for everyone
/// but its members and admins, and its members can no longer post, offer or propose.
/// Nothing else ends (partnerships and threads stay). Resolves the reports about the
/// organisation and, when given, about the reported item (`also`: target and id) that led
/// to it. The reason is emailed to the owners.
pub async fn suspend(
    db: &DatabaseConnection,
    ctx: &Ctx,
    organisation_id: i64,
    reason: &str,
    also: Option<(&str, &str)>,
) -> Result<(), ServiceError> {
    let (actor, site_url, now) = (ctx.actor, ctx.site_url.as_str(), ctx.now);
    let actor = authz::admin(actor)?;
    let reason = fields::line("reason", reason, 0, fields::MAX_REASON)?;
    let also = also.and_then(|(target, id)| parse_target(target, id).ok());
    let txn = crate::db::begin_write(db).await?;
    let org = find(&txn, organisation_id).await?;
    if !moved(&txn, organisation_id, OrgStatus::Verified, OrgStatus::Suspended).await? {
        if org.status == OrgStatus::Suspended {
            txn.commit().await?;
            return Ok(());
        }
        return Err(ServiceError::Conflict(format!(
            "only a verified organisation can be suspended; {} is not verified (reject it instead)",
            org.name
        )));
    }
    resolve(&txn, &actor, ReportTarget::Organisation, organisation_id, ReportAction::Suspended, now).await?;
    if let Some((target, id)) = also {
        resolve(&txn, &actor, target, id, ReportAction::Suspended, now).await?;
    }
    let why = if reason.is_empty() { String::new() } else { format!("\n\nThe reason given: {reason}") };
    let body = format!(
        "A moderator suspended {} on Bayline. Its page, needs and openings are hidden and its \
         members cannot post, offer or propose until the suspension is lifted.{why}\n\n\
         Reply to this message to ask for a review.\n\n{site_url}/orgs/{organisation_id}",
        org.name
    );
    notify_owners(&txn, organisation_id, &format!("{} is suspended on Bayline", org.name), &body, now)
        .await?;
    let detail = format!("organisation {organisation_id}: {reason}");
    audit::record(
        &txn,
        Event::OrganisationSuspended,
        Some(actor.user_id),
        detail.trim_end_matches(": "),
        "",
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Lifts a suspension: the organisation is verified again and shown as before.
pub async fn lift(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    organisation_id: i64,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::admin(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let org = find(&txn, organisation_id).await?;
    if !moved(&txn, organisation_id, OrgStatus::Suspended, OrgStatus::Verified).await? {
        if org.status == OrgStatus::Verified {
            txn.commit().await?;
            return Ok(());
        }
        return Err(ServiceError::Conflict(format!("{} is not suspended", org.name)));
    }
    let body = format!(
        "The suspension of {} on Bayline is lifted: students and partners can see it again.\n\n\
         {site_url}/orgs/{organisation_id}",
        org.name
    );
    notify_owners(&txn, organisation_id, &format!("{} is no longer suspended", org.name), &body, now).await?;
    let detail = format!("organisation {organisation_id}");
    audit::record(&txn, Event::OrganisationReinstated, Some(actor.user_id), &detail, "", now).await?;
    txn.commit().await?;
    Ok(())
}
