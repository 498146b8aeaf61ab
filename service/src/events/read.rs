//! Reading events: the public lists, one event with the viewer's registration, and its
//! calendar file.
use chrono::{DateTime, Utc};
use domain::{
    events::EventView,
    ics::{self, IcsEvent},
};
use entity::event;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{find, time, view};
use crate::error::ServiceError;

/// How many past events the list shows.
pub const PAST_SHOWN: u64 = 50;

/// Upcoming events (not yet ended; soonest first) and past ones (most recent first).
pub async fn list(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<(Vec<EventView>, Vec<EventView>), ServiceError> {
    let upcoming = event::Entity::find()
        .filter(event::Column::EndsAt.gt(now))
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?;
    let past = event::Entity::find()
        .filter(event::Column::EndsAt.lte(now))
        .order_by_desc(event::Column::StartsAt)
        .order_by_desc(event::Column::Id)
        .limit(PAST_SHOWN)
        .all(db)
        .await?;
    Ok((upcoming.iter().map(|r| view(r, now)).collect(), past.iter().map(|r| view(r, now)).collect()))
}

/// One event (public: cancelled events are shown, marked cancelled).
pub async fn one(db: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> Result<EventView, ServiceError> {
    Ok(view(&find(db, id).await?, now))
}

/// The event's `.ics` file: a file name and its text. The UID is stable per event and
/// site, so importing an updated file replaces the entry instead of adding another.
pub async fn calendar_file(
    db: &impl ConnectionTrait,
    id: i64,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(String, String), ServiceError> {
    let row = find(db, id).await?;
    let host = site_url.split("://").nth(1).unwrap_or(site_url).split('/').next().unwrap_or("bayline");
    let page = format!("{site_url}/events/{id}");
    let description =
        if row.description.is_empty() { page.clone() } else { format!("{}\n\n{page}", row.description) };
    let file = IcsEvent {
        uid: format!("event-{id}@{host}"),
        stamp: time::stamp(now),
        start: time::stamp(row.starts_at),
        end: time::stamp(row.ends_at),
        summary: row.title.clone(),
        description,
        location: row.address.clone().or_else(|| row.online_url.clone()),
        url: row.online_url.clone(),
        cancelled: row.cancelled_at.is_some(),
    };
    Ok((format!("bayline-event-{id}.ics"), ics::calendar(&file)))
}
