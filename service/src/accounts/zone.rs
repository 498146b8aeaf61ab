//! The time zone a person reads times in, and times written in it. The person's own choice
//! comes first; then the state of the first organisation they belong to; then the zone their
//! browser reported when they last signed in (a cookie the page's script sets, so only with
//! JavaScript on); then US Eastern. Formatting stays on the server, where the zone database
//! is, and each service that shows times asks [`of`] for its reader's zone.
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use domain::time::{Moment, zone_of_state};
use entity::{app_user, org_member, organisation};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::{
    authz::{self, Actor},
    error::ServiceError,
};

fn parse(name: &str) -> Option<Tz> {
    let name = name.trim();
    if name.is_empty() { None } else { name.parse().ok() }
}

fn fallback(browser: Option<&str>) -> Tz {
    browser.and_then(parse).unwrap_or(chrono_tz::America::New_York)
}

/// The zone `actor` reads times in (see the module's order).
pub async fn of(db: &impl ConnectionTrait, actor: Option<Actor>) -> Result<Tz, ServiceError> {
    let Some(actor) = actor else { return Ok(fallback(None)) };
    let Some(user) = app_user::Entity::find_by_id(actor.user_id).one(db).await? else {
        return Ok(fallback(None));
    };
    let browser = Some(user.browser_time_zone.as_str());
    if let Some(chosen) = parse(&user.time_zone) {
        return Ok(chosen);
    }
    let first = org_member::Entity::find()
        .filter(org_member::Column::UserId.eq(actor.user_id))
        .order_by_asc(org_member::Column::CreatedAt)
        .one(db)
        .await?;
    if let Some(member) = first
        && let Some(org) = organisation::Entity::find_by_id(member.organisation_id).one(db).await?
        && let Some(zone) = zone_of_state(&org.state).and_then(parse)
    {
        return Ok(zone);
    }
    Ok(fallback(browser))
}

/// Keeps the zone a browser reported at sign-in (ignored unless it is a zone, and written
/// only when it changed).
pub async fn note_browser(
    db: &impl ConnectionTrait,
    user_id: i64,
    reported: &str,
) -> Result<(), ServiceError> {
    let Some(zone) = parse(reported) else { return Ok(()) };
    app_user::Entity::update_many()
        .col_expr(app_user::Column::BrowserTimeZone, sea_orm::sea_query::Expr::value(zone.name()))
        .filter(app_user::Column::Id.eq(user_id))
        .filter(app_user::Column::BrowserTimeZone.ne(zone.name()))
        .exec(db)
        .await?;
    Ok(())
}

/// The zone the person chose ("" when they chose none: automatic).
pub async fn chosen(db: &impl ConnectionTrait, actor: Option<Actor>) -> Result<String, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let user = app_user::Entity::find_by_id(actor.user_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    Ok(user.time_zone)
}

/// Sets the signed-in person's zone: an IANA name, or "" for automatic.
pub async fn choose(db: &DatabaseConnection, actor: Option<Actor>, raw: &str) -> Result<(), ServiceError> {
    let actor = authz::signed_in(actor)?;
    let name = raw.trim();
    if !name.is_empty() && parse(name).is_none() {
        return Err(ServiceError::invalid("time_zone", "choose a time zone from the list"));
    }
    let user = app_user::Entity::find_by_id(actor.user_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let mut row: app_user::ActiveModel = user.into();
    row.time_zone = Set(name.to_string());
    row.update(db).await?;
    Ok(())
}

/// How the account page names a zone: its label among the offered ones ("Central
/// (Chicago)"), else its IANA name.
pub fn describe(tz: Tz) -> String {
    domain::events::US_TIME_ZONES
        .iter()
        .find(|(name, _)| *name == tz.name())
        .map(|(_, label)| label.to_string())
        .unwrap_or_else(|| tz.name().to_string())
}

/// An instant in `tz`, in words: "Tue 12 Jan 2027, 6:00 pm EST".
pub fn moment(at: DateTime<Utc>, tz: Tz) -> Moment {
    let local = at.with_timezone(&tz);
    let (clock, half) = crate::events::time::clock(&local);
    Moment {
        iso: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        text: format!("{}, {clock} {half} {}", local.format("%a %-d %b %Y"), local.format("%Z")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn moments_read_in_the_viewers_zone_with_the_date_in_words() {
        let winter = Utc.with_ymd_and_hms(2027, 1, 12, 23, 0, 0).unwrap();
        let m = moment(winter, chrono_tz::America::New_York);
        assert_eq!(m.text, "Tue 12 Jan 2027, 6:00 pm EST");
        assert_eq!(m.iso, "2027-01-12T23:00:00Z");
        assert_eq!(moment(winter, chrono_tz::America::Chicago).text, "Tue 12 Jan 2027, 5:00 pm CST");
        let summer = Utc.with_ymd_and_hms(2027, 7, 1, 4, 30, 0).unwrap();
        assert_eq!(moment(summer, chrono_tz::America::New_York).text, "Thu 1 Jul 2027, 12:30 am EDT");
        assert_eq!(moment(summer, chrono_tz::America::Phoenix).text, "Wed 30 Jun 2027, 9:30 pm MST");
    }

    #[test]
    fn a_browser_zone_counts_only_when_it_is_a_zone() {
        assert_eq!(fallback(Some("America/Denver")), chrono_tz::America::Denver);
        assert_eq!(fallback(Some("Mars/Olympus")), chrono_tz::America::New_York);
        assert_eq!(fallback(None), chrono_tz::America::New_York);
    }
}
