//! Posting an opening (members of a verified shop) and closing or reopening it. Every
//! problem names its field, and nothing is written until every field is good.
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::{
    openings::{OpeningKind, OpeningStatus, PayPeriod, Schedule},
    orgs::{OrgKind, OrgStatus},
};
use entity::opening;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, sea_query::Expr,
};

use crate::{
    authz::{self, Actor},
    error::{Checks, ServiceError},
    needs::create::earliest_today,
    orgs::{fields, find},
    programs::zip_place,
    submissions::{self, Claim},
};

pub const MIN_TITLE: usize = 3;
pub const MAX_TITLE: usize = 120;
pub const MAX_DESCRIPTION: usize = 5_000;
/// How far ahead an opening may start.
pub const MAX_DAYS_AHEAD: i64 = 730;
/// Pay bounds in cents per period: wide enough for any real opening, narrow enough to catch
/// an annual figure typed as hourly (or a missing decimal point).
pub const HOURLY_CENTS: (i64, i64) = (100, 50_000);
pub const ANNUAL_CENTS: (i64, i64) = (100_000, 100_000_000);

/// An opening as typed into the form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct OpeningForm {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub pay_min: String,
    pub pay_max: String,
    pub pay_period: String,
    pub schedule: String,
    pub zip: String,
    /// Optional.
    pub starts_on: String,
    /// The form's submission key: a second submission of the same form posts nothing more.
    pub submission: String,
}

impl OpeningForm {
    /// What was typed, to put back into the form after a refusal.
    pub fn typed(&self) -> [(&'static str, &str); 9] {
        [
            ("kind", &self.kind),
            ("title", &self.title),
            ("description", &self.description),
            ("pay_min", &self.pay_min),
            ("pay_max", &self.pay_max),
            ("pay_period", &self.pay_period),
            ("schedule", &self.schedule),
            ("zip", &self.zip),
            ("starts_on", &self.starts_on),
        ]
    }
}

/// The fields of an opening once every one is good (the ZIP is checked against the
/// database separately).
#[derive(Debug, Clone, PartialEq)]
pub struct OpeningFields {
    pub kind: OpeningKind,
    pub title: String,
    pub description: String,
    pub pay_min_cents: i64,
    pub pay_max_cents: i64,
    pub pay_period: PayPeriod,
    pub schedule: Schedule,
    pub zip: String,
    pub starts_on: Option<NaiveDate>,
}

/// Dollars as people type them ("18", "18.50", "$45,000") to cents.
pub fn cents(field: &'static str, raw: &str) -> Result<i64, ServiceError> {
    match domain::numbers::dollars_to_cents(raw) {
        Ok(Some(cents)) => Ok(cents),
        Ok(None) => Err(ServiceError::invalid(field, "give an amount in dollars")),
        Err(()) => Err(ServiceError::invalid(field, "an amount in dollars, like 18.50 or 45000")),
    }
}

/// Checks every field but the ZIP's existence, in the order the form shows them.
/// Every problem is reported at once, each beside its field.
pub fn check(form: &OpeningForm, now: DateTime<Utc>) -> Result<OpeningFields, ServiceError> {
    let mut checks = Checks::default();
    let kind = checks.check(OpeningKind::from_slug(form.kind.trim()).ok_or_else(|| {
        ServiceError::invalid("kind", "choose internship, apprenticeship or entry-level job")
    }));
    let title = checks.check(fields::line("title", &form.title, MIN_TITLE, MAX_TITLE));
    let description = checks.check(description(&form.description));
    let pay_period = checks.check(
        PayPeriod::from_slug(form.pay_period.trim())
            .ok_or_else(|| ServiceError::invalid("pay_period", "choose per hour or per year")),
    );
    let mut pay = |field: &'static str, raw: &str| {
        let value = checks.check(cents(field, raw))?;
        // The bounds depend on the period; without one, only the amount's form is checked.
        match pay_period {
            Some(period) => checks.check(in_bounds(field, value, period)),
            None => Some(value),
        }
    };
    let (pay_min_cents, pay_max_cents) = (pay("pay_min", &form.pay_min), pay("pay_max", &form.pay_max));
    if let (Some(min), Some(max)) = (pay_min_cents, pay_max_cents)
        && min > max
    {
        checks.fail("pay_max", "the maximum is below the minimum");
    }
    let schedule = checks.check(
        Schedule::from_slug(form.schedule.trim())
            .ok_or_else(|| ServiceError::invalid("schedule", "choose a schedule from the list")),
    );
    let zip =
        checks.check(domain::Zip::parse(&form.zip).map_err(|e| ServiceError::invalid("zip", e.to_string())));
    let starts_on = checks.check(start_date(&form.starts_on, now));
    let fields = (|| {
        Some(OpeningFields {
            kind: kind?,
            title: title?,
            description: description?,
            pay_min_cents: pay_min_cents?,
            pay_max_cents: pay_max_cents?,
            pay_period: pay_period?,
            schedule: schedule?,
            zip: zip?.as_str().to_string(),
            starts_on: starts_on?,
        })
    })();
    checks.finish_with(fields)
}

fn description(raw: &str) -> Result<String, ServiceError> {
    let description = raw.trim().replace("\r\n", "\n");
    if description.chars().count() > MAX_DESCRIPTION {
        return Err(ServiceError::invalid(
            "description",
            format!("use at most {MAX_DESCRIPTION} characters"),
        ));
    }
    Ok(description)
}

fn in_bounds(field: &'static str, value: i64, period: PayPeriod) -> Result<i64, ServiceError> {
    let (low, high) = match period {
        PayPeriod::Hourly => HOURLY_CENTS,
        PayPeriod::Annual => ANNUAL_CENTS,
    };
    if (low..=high).contains(&value) {
        return Ok(value);
    }
    let per = if period == PayPeriod::Hourly { "hourly" } else { "annual" };
    let (low, high) = (domain::openings::dollars(low), domain::openings::dollars(high));
    Err(ServiceError::invalid(field, format!("{per} pay between {low} and {high}")))
}

/// An optional start date: today or later, within two years.
fn start_date(raw: &str, now: DateTime<Utc>) -> Result<Option<NaiveDate>, ServiceError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| ServiceError::invalid("starts_on", "a date looks like 2027-09-01"))?;
    if date < earliest_today(now) {
        return Err(ServiceError::invalid("starts_on", "the start date is in the past"));
    }
    if date > now.date_naive() + Duration::days(MAX_DAYS_AHEAD) {
        return Err(ServiceError::invalid("starts_on", "start within the next two years"));
    }
    Ok(Some(date))
}

/// Posts an opening for a shop. Members only; the shop must be verified.
pub async fn create(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    organisation_id: i64,
    form: &OpeningForm,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let (actor, _) = authz::member(db, actor, organisation_id).await?;
    let shop = find(db, organisation_id).await?;
    if shop.kind != OrgKind::Shop {
        return Err(ServiceError::Conflict("only shops post openings".into()));
    }
    if shop.status != OrgStatus::Verified {
        return Err(ServiceError::Conflict("this shop must be verified before it can post openings".into()));
    }
    let f = check(form, now)?;
    let place =
        zip_place(db, &f.zip).await?.map_err(|why| ServiceError::invalid("zip", why.message(&f.zip)))?;
    let txn = crate::db::begin_write(db).await?;
    if let Claim::Replayed(first) = submissions::claim(&txn, actor.user_id, &form.submission, now).await? {
        txn.commit().await?;
        return Ok(first);
    }
    crate::limits::check(&txn, crate::limits::Action::PostOpening { shop_id: organisation_id }, now).await?;
    let row = opening::ActiveModel {
        organisation_id: Set(organisation_id),
        kind: Set(f.kind),
        title: Set(f.title),
        description: Set(f.description),
        pay_min_cents: Set(f.pay_min_cents),
        pay_max_cents: Set(f.pay_max_cents),
        pay_period: Set(f.pay_period.slug().into()),
        schedule: Set(f.schedule.slug().into()),
        zip: Set(place.zip),
        city: Set(place.city),
        state: Set(place.state),
        latitude: Set(place.location.lat),
        longitude: Set(place.location.lon),
        starts_on: Set(f.starts_on),
        status: Set(OpeningStatus::Open),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        updated_at: Set(now),
        hidden_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    submissions::settle(&txn, actor.user_id, &form.submission, row.id).await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Closes or reopens an opening; returns its shop. Members of the shop only: others are
/// told it is not theirs, never what it says. Setting the status it already has is a no-op.
pub async fn set_status(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    opening_id: i64,
    status: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let row = opening::Entity::find_by_id(opening_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    authz::member(db, Some(actor), row.organisation_id).await?;
    let status = OpeningStatus::from_slug(status.trim())
        .ok_or_else(|| ServiceError::invalid("status", "choose open or closed"))?;
    let txn = crate::db::begin_write(db).await?;
    opening::Entity::update_many()
        .col_expr(opening::Column::Status, Expr::value(status.slug()))
        .col_expr(opening::Column::UpdatedAt, Expr::value(now))
        .filter(opening::Column::Id.eq(opening_id))
        .filter(opening::Column::Status.ne(status))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(row.organisation_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_become_cents() {
        assert_eq!(cents("pay_min", "18").unwrap(), 1800);
        assert_eq!(cents("pay_min", "18.5").unwrap(), 1850);
        assert_eq!(cents("pay_min", " $45,000.00 ").unwrap(), 4_500_000);
        for bad in ["", "abc", "-5", "1.234", "1e3", ".5", "18.x"] {
            assert!(cents("pay_min", bad).is_err(), "{bad}");
        }
    }
}
