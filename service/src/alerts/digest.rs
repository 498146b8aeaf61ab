//! The digest: for each person with due saved searches, one e-mail (and one in-app notice
//! per search) listing every item their due searches match that they were never told of.
//! Nothing is sent when nothing is new.
//!
//! Every app server runs it. A person's due searches are claimed in one transaction by a
//! conditional UPDATE of `next_run_at` (of racing servers, one moves it; the others' UPDATE
//! matches no row), and each item told is recorded under the `alert_delivery` primary key in
//! that same transaction as the queued mail, so an item reaches a person at most once, across
//! their overlapping searches and across servers; a failure rolls back all of it.
use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use domain::notifications::NoticeTopic;
use entity::{app_user, email_opt_out, notification, saved_search};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, Set, sea_query::Expr,
};

use super::{manage::record_told, matches};
use crate::{
    accounts::{outbox, tokens},
    error::ServiceError,
};

/// How long an unsubscribe link in an alert mail keeps working.
pub const UNSUBSCRIBE_VALID: Duration = Duration::days(365);

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunReport {
    /// People e-mailed.
    pub emails: usize,
    /// Searches that had something new (one in-app notice each).
    pub notices: usize,
}

/// One search's new items.
struct Found {
    search: saved_search::Model,
    items: Vec<matches::Match>,
}

/// Runs every due saved search as of `now`.
pub async fn run_due(
    db: &DatabaseConnection,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<RunReport, ServiceError> {
    let people: BTreeSet<i64> = saved_search::Entity::find()
        .select_only()
        .column(saved_search::Column::UserId)
        .filter(saved_search::Column::Paused.eq(false))
        .filter(saved_search::Column::NextRunAt.lte(now))
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut report = RunReport::default();
    for user_id in people {
        let (emailed, notices) = run_for(db, user_id, site_url, now).await?;
        report.emails += usize::from(emailed);
        report.notices += notices;
    }
    Ok(report)
}

/// One person's digest: whether a mail was queued, and how many searches had news.
async fn run_for(
    db: &DatabaseConnection,
    user_id: i64,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(bool, usize), ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    let due = saved_search::Entity::find()
        .filter(saved_search::Column::UserId.eq(user_id))
        .filter(saved_search::Column::Paused.eq(false))
        .filter(saved_search::Column::NextRunAt.lte(now))
        .all(&txn)
        .await?;
    let (mut found, mut quiet) = (Vec::new(), Vec::new());
    for search in due {
        // The claim: only the server whose UPDATE still sees the `next_run_at` it read.
        let claimed = saved_search::Entity::update_many()
            .col_expr(
                saved_search::Column::NextRunAt,
                Expr::value(super::next_look(search.frequency, true, now)),
            )
            .filter(saved_search::Column::Id.eq(search.id))
            .filter(saved_search::Column::Paused.eq(false))
            .filter(saved_search::Column::NextRunAt.eq(search.next_run_at))
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            continue;
        }
        let items = matches::current(&txn, &matches::search_of(&search), now).await?;
        let items = record_told(&txn, user_id, items, now).await?;
        if items.is_empty() {
            quiet.push(search);
        } else {
            saved_search::Entity::update_many()
                .col_expr(saved_search::Column::LastMatchedAt, Expr::value(Some(now)))
                .col_expr(saved_search::Column::LastSentAt, Expr::value(Some(now)))
                .filter(saved_search::Column::Id.eq(search.id))
                .exec(&txn)
                .await?;
            found.push(Found { search, items });
        }
    }
    if found.is_empty() {
        // Nothing told: an "immediately" search looks again on the next round. Had anything
        // been told, the person's next mail waits the hour whichever search finds it.
        for search in quiet {
            saved_search::Entity::update_many()
                .col_expr(
                    saved_search::Column::NextRunAt,
                    Expr::value(super::next_look(search.frequency, false, now)),
                )
                .filter(saved_search::Column::Id.eq(search.id))
                .exec(&txn)
                .await?;
        }
        txn.commit().await?;
        return Ok((false, 0));
    }
    for news in &found {
        notification::ActiveModel {
            user_id: Set(user_id),
            topic: Set(NoticeTopic::Alerts.slug().into()),
            title: Set(notice_title(news)),
            link: Set(matches::search_of(&news.search).url()),
            created_at: Set(now),
            read_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let emailed = mail(&txn, user_id, &found, site_url, now).await?;
    txn.commit().await?;
    Ok((emailed, found.len()))
}

/// "3 new openings within 25 miles of 48201".
fn notice_title(news: &Found) -> String {
    let (one, many) = news.search.page.nouns();
    let count = news.items.len();
    let noun = if count == 1 { one } else { many };
    format!("{count} {noun}{}", matches::search_of(&news.search).place())
}

/// Queues the digest mail unless the person turned alert mails off.
async fn mail(
    db: &impl ConnectionTrait,
    user_id: i64,
    found: &[Found],
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let Some(user) = app_user::Entity::find_by_id(user_id).one(db).await? else { return Ok(false) };
    let off =
        email_opt_out::Entity::find_by_id((user_id, NoticeTopic::Alerts.slug().to_string())).one(db).await?;
    if off.is_some() {
        return Ok(false);
    }
    let token =
        tokens::issue(db, user_id, tokens::Purpose::AlertsUnsubscribe, UNSUBSCRIBE_VALID, now).await?;
    let unsubscribe = format!("{site_url}/alerts/unsubscribe?token={token}");
    let total: usize = found.iter().map(|news| news.items.len()).sum();
    let subject = if total == 1 {
        "1 new match of your saved searches on Bayline".to_string()
    } else {
        format!("{total} new matches of your saved searches on Bayline")
    };
    let body = body(found, site_url, &unsubscribe);
    outbox::enqueue_listed(db, &user.email, &subject, &body, Some(&unsubscribe), now).await?;
    Ok(true)
}

/// The mail's text: each search with its new items, a link each; then how to change or stop.
fn body(found: &[Found], site_url: &str, unsubscribe: &str) -> String {
    let mut text = String::from("New since we last wrote, for the searches you saved on Bayline:\n");
    for news in found {
        let search = matches::search_of(&news.search);
        text.push_str(&format!(
            "\n{} — {}\n{site_url}{}\n",
            news.search.name,
            notice_title(news),
            search.url()
        ));
        for item in &news.items {
            text.push_str(&format!(
                "\n  • {}\n    {}\n    {site_url}{}\n",
                item.title, item.detail, item.link
            ));
        }
    }
    text.push_str(&format!(
        "\nChange how often, pause or delete these searches: {site_url}/account/alerts\n\
         Stop these e-mails: {unsubscribe}\n\n— Bayline\n"
    ));
    text
}
