//! Renewal reminders by email, 30 and 7 days before a membership ends. Run periodically by
//! every app server: each reminder is claimed by a conditional UPDATE (only while its
//! timestamp is empty) in the transaction that queues the email, so it is sent once however
//! many servers run this at the same moment.
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::billing::TermStatus;
use entity::{member_term, organisation, plan};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, sea_query::Expr,
};

use crate::orgs::notify_owners;

/// The reminders, furthest first.
const REMINDERS: [(i64, member_term::Column); 2] =
    [(30, member_term::Column::MonthReminderAt), (7, member_term::Column::WeekReminderAt)];

/// Whether the organisation already has a later term (paid or waiting for payment), in which
/// case it has renewed and needs no reminder.
async fn renewed(db: &impl ConnectionTrait, term: &member_term::Model) -> Result<bool, DbErr> {
    let later = member_term::Entity::find()
        .filter(member_term::Column::OrganisationId.eq(term.organisation_id))
        .filter(member_term::Column::Id.gt(term.id))
        .filter(
            member_term::Column::Status.is_in([TermStatus::Paid.slug(), TermStatus::AwaitingPayment.slug()]),
        )
        .one(db)
        .await?;
    Ok(later.is_some())
}

/// Queues every reminder that is due at `now`; returns how many were queued.
pub async fn send_due(db: &DatabaseConnection, site_url: &str, now: DateTime<Utc>) -> Result<usize, DbErr> {
    let today = now.date_naive();
    let mut sent = 0;
    for (days, column) in REMINDERS {
        let due = member_term::Entity::find()
            .filter(member_term::Column::Status.eq(TermStatus::Paid))
            .filter(member_term::Column::EndsOn.gt(today))
            .filter(member_term::Column::EndsOn.lte(today + Duration::days(days)))
            .filter(column.is_null())
            .all(db)
            .await?;
        for term in due {
            if renewed(db, &term).await? {
                continue;
            }
            let txn = crate::db::begin_write(db).await?;
            let claimed = member_term::Entity::update_many()
                .col_expr(column, Expr::value(now))
                .filter(member_term::Column::Id.eq(term.id))
                .filter(column.is_null())
                .exec(&txn)
                .await?;
            if claimed.rows_affected != 1 {
                continue; // another server took it
            }
            // The week's reminder also stands for a month's one not yet sent.
            if days == 7 {
                member_term::Entity::update_many()
                    .col_expr(member_term::Column::MonthReminderAt, Expr::value(now))
                    .filter(member_term::Column::Id.eq(term.id))
                    .filter(member_term::Column::MonthReminderAt.is_null())
                    .exec(&txn)
                    .await?;
            }
            let Some(ends_on) = term.ends_on else { continue };
            let (subject, body) = reminder(&txn, &term, ends_on, today, site_url).await?;
            notify_owners(&txn, term.organisation_id, &subject, &body, now).await?;
            txn.commit().await?;
            sent += 1;
        }
    }
    Ok(sent)
}

async fn reminder(
    db: &impl ConnectionTrait,
    term: &member_term::Model,
    ends_on: NaiveDate,
    today: NaiveDate,
    site_url: &str,
) -> Result<(String, String), DbErr> {
    let org = organisation::Entity::find_by_id(term.organisation_id)
        .one(db)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let plan = plan::Entity::find_by_id(term.plan_id).one(db).await?.map(|p| p.name).unwrap_or_default();
    let days = (ends_on - today).num_days();
    let subject = format!("Your Bayline membership ends in {days} days");
    let body = format!(
        "{org}'s {plan} membership ends on {ends_on}. After that day the shop keeps all its data, \
         but the membership's benefits stop until it is renewed.\n\nRenew: {site_url}/membership?org={}",
        term.organisation_id
    );
    Ok((subject, body))
}
