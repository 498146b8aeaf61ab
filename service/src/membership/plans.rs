//! Plans: admins configure them; shops, dealerships and OEMs see the active ones for their
//! audience. A plan that was bought is never deleted, only retired, so old invoices keep
//! their meaning.
use chrono::{DateTime, Utc};
use domain::billing::{Audience, Unlock, unlocks_to_text};
use entity::plan;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::{
    accounts::audit::{self, Event},
    authz::{self, Actor},
    error::{Checks, ServiceError},
    openings::post::cents,
    orgs::fields,
};

pub const MAX_NAME: usize = 60;
pub const MAX_DESCRIPTION: usize = 600;
/// A year of membership costs at most this (a typo guard: $100,000).
pub const MAX_PRICE_CENTS: i64 = 10_000_000;

/// A plan as typed into the admin's form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct PlanForm {
    pub name: String,
    pub audience: String,
    /// Dollars, as typed ("1200", "1,200.00").
    pub price: String,
    /// Unlock slugs (one form field per checkbox, joined by the handler).
    pub unlocks: Vec<String>,
    pub description: String,
}

/// A plan once every field is good.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanFields {
    pub name: String,
    pub audience: Audience,
    pub price_cents: i64,
    pub unlocks: Vec<Unlock>,
    pub description: String,
}

/// A price in dollars to cents, refusing negatives and typos with the field's name.
pub fn price(field: &'static str, raw: &str, max_cents: i64) -> Result<i64, ServiceError> {
    if raw.trim().starts_with('-') {
        return Err(ServiceError::invalid(field, "the amount cannot be negative"));
    }
    let value = cents(field, raw)?;
    if value > max_cents {
        return Err(ServiceError::invalid(field, format!("at most {}", domain::billing::usd(max_cents))));
    }
    Ok(value)
}

/// Checks every field and reports every problem at once.
pub fn check(form: &PlanForm) -> Result<PlanFields, ServiceError> {
    let mut checks = Checks::default();
    let name = checks.check(fields::line("name", &form.name, 2, MAX_NAME));
    let audience = checks.check(
        Audience::from_slug(form.audience.trim())
            .ok_or_else(|| ServiceError::invalid("audience", "choose shops, dealerships or OEMs")),
    );
    let price_cents = checks.check(price("price", &form.price, MAX_PRICE_CENTS));
    let mut unlocks = Vec::new();
    for slug in &form.unlocks {
        match Unlock::from_slug(slug.trim()) {
            Some(unlock) if !unlocks.contains(&unlock) => unlocks.push(unlock),
            Some(_) => {}
            None => checks.fail("unlocks", "choose from the listed benefits"),
        }
    }
    if form.unlocks.is_empty() {
        checks.fail("unlocks", "choose at least one thing the plan unlocks");
    }
    unlocks.sort();
    let description = form.description.trim().to_string();
    if description.chars().count() > MAX_DESCRIPTION {
        checks.fail("description", format!("use at most {MAX_DESCRIPTION} characters"));
    }
    let fields = (|| {
        Some(PlanFields { name: name?, audience: audience?, price_cents: price_cents?, unlocks, description })
    })();
    checks.finish_with(fields)
}

/// Admins add a plan; it is offered at once.
pub async fn create(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    form: &PlanForm,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let actor = authz::admin(actor)?;
    let fields = check(form)?;
    let row = plan::ActiveModel {
        name: Set(fields.name),
        audience: Set(fields.audience),
        price_cents: Set(fields.price_cents),
        unlocks: Set(unlocks_to_text(&fields.unlocks)),
        description: Set(fields.description),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, Event::PlanChanged, Some(actor.user_id), &format!("plan {} created", row.id), "", now)
        .await?;
    Ok(row.id)
}

/// Admins retire a plan (no new checkouts) or offer it again.
pub async fn set_active(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    plan_id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::admin(actor)?;
    let row = plan::Entity::find_by_id(plan_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let mut row: plan::ActiveModel = row.into();
    row.active = Set(active);
    row.update(db).await?;
    let what = if active { "offered again" } else { "retired" };
    audit::record(db, Event::PlanChanged, Some(actor.user_id), &format!("plan {plan_id} {what}"), "", now)
        .await?;
    Ok(())
}

/// The plans on offer, cheapest first within each audience (public).
pub async fn offered(db: &impl ConnectionTrait) -> Result<Vec<plan::Model>, ServiceError> {
    Ok(plan::Entity::find()
        .filter(plan::Column::Active.eq(true))
        .order_by_asc(plan::Column::Audience)
        .order_by_asc(plan::Column::PriceCents)
        .order_by_asc(plan::Column::Id)
        .all(db)
        .await?)
}

/// Every plan, retired ones included (admins).
pub async fn all(db: &impl ConnectionTrait, actor: Option<Actor>) -> Result<Vec<plan::Model>, ServiceError> {
    authz::admin(actor)?;
    Ok(plan::Entity::find()
        .order_by_desc(plan::Column::Active)
        .order_by_asc(plan::Column::Id)
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(price: &str) -> PlanForm {
        PlanForm {
            name: "Shop".into(),
            audience: "shop".into(),
            price: price.into(),
            unlocks: vec!["exchange_filters".into()],
            description: String::new(),
        }
    }

    #[test]
    fn a_negative_price_is_refused_by_name() {
        let err = check(&form("-5")).unwrap_err();
        assert!(matches!(err, ServiceError::Invalid { field: "price", .. }), "{err}");
        assert!(err.to_string().contains("negative"), "{err}");
    }

    #[test]
    fn prices_are_exact_cents() {
        assert_eq!(check(&form("1,200.10")).unwrap().price_cents, 120_010);
        assert_eq!(check(&form("0")).unwrap().price_cents, 0);
        assert!(check(&form("12.345")).is_err());
        assert!(check(&form("100001")).is_err());
    }

    #[test]
    fn a_plan_must_unlock_something_known() {
        let mut empty = form("10");
        empty.unlocks.clear();
        assert!(matches!(check(&empty), Err(ServiceError::Invalid { field: "unlocks", .. })));
        let mut unknown = form("10");
        unknown.unlocks = vec!["free_lunch".into()];
        assert!(matches!(check(&unknown), Err(ServiceError::Invalid { field: "unlocks", .. })));
    }
}

#[cfg(test)]
mod every_problem {
    use super::*;

    #[test]
    fn a_plan_form_reports_every_problem_at_once() {
        let error = check(&PlanForm::default()).unwrap_err();
        let fields: Vec<&str> = error.problems().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["name", "audience", "price", "unlocks"]);
    }
}
