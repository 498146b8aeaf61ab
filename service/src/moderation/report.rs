//! Filing a report: any signed-in person, about something they can see — a need visible to
//! them, a message of a thread they are a party to, an organisation whose page they can
//! open. Reporting the same thing again while the first report is open changes nothing.

use domain::moderation::{ReportReason, ReportStatus, ReportTarget};
use entity::{application_message, partnership_message, report};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, sea_query::OnConflict,
};

use crate::{
    Ctx,
    authz::{self, Actor},
    error::ServiceError,
    limits::{self, Action},
};

/// Longest note a reporter may add.
pub const MAX_NOTE: usize = 1_000;

/// A report and whether this call filed it (`false`: the person's open report was there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filed {
    pub report_id: i64,
    pub created: bool,
}

/// The target named by a form's `target` and `target_id`; anything else is not found.
pub fn parse_target(target: &str, target_id: &str) -> Result<(ReportTarget, i64), ServiceError> {
    let kind = ReportTarget::from_slug(target.trim()).ok_or(ServiceError::NotFound)?;
    let id = target_id.trim().parse::<i64>().map_err(|_| ServiceError::NotFound)?;
    Ok((kind, id))
}

/// Something a person may report: what it is called and the page it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visible {
    pub title: String,
    pub href: String,
}

/// What the reporter is reporting, if they may see it: `NotFound` (or, for a thread they
/// are not a party to, `Forbidden`) otherwise.
pub async fn visible(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    target: ReportTarget,
    id: i64,
) -> Result<Visible, ServiceError> {
    let actor = authz::signed_in(actor)?;
    match target {
        ReportTarget::Need => {
            let need = crate::needs::read::one(db, Some(actor), id).await?;
            Ok(Visible { title: need.title, href: format!("/needs/{id}") })
        }
        ReportTarget::Opening => {
            let (row, _) = crate::openings::read::visible(db, Some(actor), id).await?;
            Ok(Visible { title: row.title, href: format!("/openings/{id}") })
        }
        ReportTarget::Message => {
            let row =
                partnership_message::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound)?;
            crate::partnerships::party(db, Some(actor), row.partnership_id).await?;
            let title = super::subject(db, target, id).await?.title;
            Ok(Visible { title, href: format!("/partnerships/{}", row.partnership_id) })
        }
        ReportTarget::ApplicationMessage => {
            let row =
                application_message::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound)?;
            crate::openings::conversation::party(db, Some(actor), row.interest_id).await?;
            let title = super::subject(db, target, id).await?.title;
            Ok(Visible { title, href: format!("/applications/{}", row.interest_id) })
        }
        ReportTarget::Organisation => {
            let org = crate::orgs::public::organisation(db, Some(actor), id).await?;
            Ok(Visible { title: org.name, href: format!("/orgs/{id}") })
        }
    }
}

/// Files a report. Returns the report (the reporter's open one on the same thing, if any).
pub async fn file(
    db: &DatabaseConnection,
    ctx: &Ctx,
    target: &str,
    target_id: &str,
    reason: &str,
    note: &str,
) -> Result<Filed, ServiceError> {
    let (actor, now) = (ctx.actor, ctx.now);
    let actor = authz::signed_in(actor)?;
    let (target, id) = parse_target(target, target_id)?;
    visible(db, Some(actor), target, id).await?;
    let reason = ReportReason::from_slug(reason.trim())
        .ok_or_else(|| ServiceError::invalid("reason", "choose why you are reporting it"))?;
    let note = crate::partnerships::text("note", note, 0, MAX_NOTE)?;
    let open_key = format!("{}/{}/{id}", actor.user_id, target.slug());
    let txn = crate::db::begin_write(db).await?;
    let existing = open_report(&txn, &open_key).await?;
    if let Some(existing) = existing {
        txn.commit().await?;
        return Ok(Filed { report_id: existing.id, created: false });
    }
    limits::check(&txn, Action::Report { user_id: actor.user_id }, now).await?;
    // Two submissions at once both reach here on PostgreSQL: the unique open key keeps one.
    let inserted = report::Entity::insert(report::ActiveModel {
        target_kind: Set(target.slug().into()),
        target_id: Set(id),
        reason: Set(reason.slug().into()),
        note: Set(note),
        reporter_id: Set(Some(actor.user_id)),
        created_at: Set(now),
        status: Set(ReportStatus::Open),
        open_key: Set(Some(open_key.clone())),
        ..Default::default()
    })
    .on_conflict(OnConflict::column(report::Column::OpenKey).do_nothing().to_owned())
    .exec_without_returning(&txn)
    .await?;
    let row = open_report(&txn, &open_key).await?.ok_or(ServiceError::NotFound)?;
    txn.commit().await?;
    Ok(Filed { report_id: row.id, created: inserted == 1 })
}

async fn open_report(
    db: &impl ConnectionTrait,
    open_key: &str,
) -> Result<Option<report::Model>, ServiceError> {
    Ok(report::Entity::find().filter(report::Column::OpenKey.eq(open_key)).one(db).await?)
}
