//! Partner discount codes. Admins create them; a shop types one at checkout. A code is good
//! for the plans it names, between its two dates (inclusive), for at most `max_uses`
//! checkouts. The last check and the count happen together in one conditional UPDATE inside
//! the checkout's transaction ([`take_one_use`]), so two shops racing for the last use cannot
//! both get it.
use chrono::{DateTime, NaiveDate, Utc};
use domain::billing::{Discount, DiscountKind};
use entity::{discount_code, discount_code_plan, plan};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    Set,
    sea_query::{Expr, ExprTrait},
};

use super::plans::price;
use crate::{
    accounts::audit::{self, Event},
    authz::{self, Actor},
    error::{Checks, ServiceError},
    orgs::fields,
};

pub const MAX_USES: i32 = 100_000;

/// A code as typed into the admin's form.
#[derive(Debug, Clone, Default)]
pub struct CodeForm {
    pub code: String,
    pub partner: String,
    pub kind: String,
    /// A whole percentage ("15") or dollars ("50.00"), by `kind`.
    pub value: String,
    pub valid_from: String,
    pub valid_to: String,
    pub max_uses: String,
    pub plan_ids: Vec<String>,
}

/// What a shop types, normalised: codes are case-insensitive and ignore surrounding spaces.
pub fn normalise(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}

fn date(field: &'static str, raw: &str) -> Result<NaiveDate, ServiceError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| ServiceError::invalid(field, "a date looks like 2027-01-31"))
}

/// Checks every field, reporting every problem at once, and returns the row to insert with
/// the plans it applies to.
pub fn check(
    form: &CodeForm,
    known_plans: &[i64],
    now: DateTime<Utc>,
) -> Result<(discount_code::ActiveModel, Vec<i64>), ServiceError> {
    let mut checks = Checks::default();
    let code = normalise(&form.code);
    if !(3..=32).contains(&code.len()) || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        checks.fail("code", "3 to 32 letters, digits or dashes");
    }
    let partner = checks.check(fields::line("partner", &form.partner, 2, 80));
    let kind = checks.check(
        DiscountKind::from_slug(form.kind.trim())
            .ok_or_else(|| ServiceError::invalid("kind", "choose a percentage or a fixed amount")),
    );
    let value = kind.and_then(|kind| {
        let value = match kind {
            DiscountKind::Percent => form
                .value
                .trim()
                .trim_end_matches('%')
                .parse::<i64>()
                .ok()
                .filter(|p| (1..=100).contains(p))
                .ok_or_else(|| ServiceError::invalid("value", "a whole percentage from 1 to 100")),
            DiscountKind::Amount => price("value", &form.value, super::plans::MAX_PRICE_CENTS),
        };
        checks.check(value.and_then(|value| match Discount::from_parts(kind, value) {
            Some(_) => Ok(value),
            None => Err(ServiceError::invalid("value", "the discount must take something off")),
        }))
    });
    let valid_from = checks.check(date("valid_from", &form.valid_from));
    let valid_to = checks.check(date("valid_to", &form.valid_to).and_then(|valid_to| {
        if valid_from.is_some_and(|from| valid_to < from) {
            return Err(ServiceError::invalid("valid_to", "the last day is before the first day"));
        }
        if valid_to < now.date_naive() {
            return Err(ServiceError::invalid("valid_to", "the last day is already past"));
        }
        Ok(valid_to)
    }));
    let max_uses =
        checks.check(
            form.max_uses.trim().parse::<i32>().ok().filter(|n| (1..=MAX_USES).contains(n)).ok_or_else(
                || ServiceError::invalid("max_uses", format!("a whole number from 1 to {MAX_USES}")),
            ),
        );
    let mut plan_ids = Vec::new();
    for raw in &form.plan_ids {
        match raw.trim().parse::<i64>().ok().filter(|id| known_plans.contains(id)) {
            Some(id) if !plan_ids.contains(&id) => plan_ids.push(id),
            Some(_) => {}
            None => checks.fail("plans", "choose plans from the list"),
        }
    }
    if form.plan_ids.is_empty() {
        checks.fail("plans", "choose at least one plan the code applies to");
    }
    let row = (|| {
        Some(discount_code::ActiveModel {
            code: Set(code),
            partner: Set(partner?),
            kind: Set(kind?),
            value: Set(value?),
            valid_from: Set(valid_from?),
            valid_to: Set(valid_to?),
            max_uses: Set(max_uses?),
            uses: Set(0),
            created_at: Set(now),
            ..Default::default()
        })
    })();
    Ok((checks.finish_with(row)?, plan_ids))
}

/// Admins add a code.
pub async fn create(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    form: &CodeForm,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let actor = authz::admin(actor)?;
    let txn = crate::db::begin_write(db).await?;
    let known: Vec<i64> = plan::Entity::find().all(&txn).await?.into_iter().map(|p| p.id).collect();
    let (row, plan_ids) = check(form, &known, now)?;
    let code = row.code.clone().unwrap();
    if discount_code::Entity::find().filter(discount_code::Column::Code.eq(&code)).one(&txn).await?.is_some()
    {
        return Err(ServiceError::invalid("code", "a code with these letters exists already"));
    }
    let row = row.insert(&txn).await?;
    for plan_id in plan_ids {
        discount_code_plan::ActiveModel { code_id: Set(row.id), plan_id: Set(plan_id) }.insert(&txn).await?;
    }
    audit::record(&txn, Event::DiscountCodeCreated, Some(actor.user_id), &format!("code {code}"), "", now)
        .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// A code with the plans it applies to, for the admins' list.
#[derive(Debug, Clone)]
pub struct CodeRow {
    pub code: discount_code::Model,
    pub plan_ids: Vec<i64>,
}

/// Every code, newest first (admins).
pub async fn all(db: &impl ConnectionTrait, actor: Option<Actor>) -> Result<Vec<CodeRow>, ServiceError> {
    authz::admin(actor)?;
    let codes = discount_code::Entity::find().order_by_desc(discount_code::Column::Id).all(db).await?;
    let links = discount_code_plan::Entity::find().all(db).await?;
    Ok(codes
        .into_iter()
        .map(|code| {
            let plan_ids = links.iter().filter(|l| l.code_id == code.id).map(|l| l.plan_id).collect();
            CodeRow { code, plan_ids }
        })
        .collect())
}

/// The discount a typed code gives on a plan today, or the reason it does not (named for the
/// `code` field). Reads only: the use is taken by [`take_one_use`].
pub async fn usable(
    db: &impl ConnectionTrait,
    typed: &str,
    plan_id: i64,
    today: NaiveDate,
) -> Result<(discount_code::Model, Discount), ServiceError> {
    let code = normalise(typed);
    let row = discount_code::Entity::find()
        .filter(discount_code::Column::Code.eq(&code))
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::invalid("code", "there is no partner code with these letters"))?;
    if today < row.valid_from {
        return Err(ServiceError::invalid("code", format!("this code is valid from {}", row.valid_from)));
    }
    if today > row.valid_to {
        return Err(ServiceError::invalid("code", format!("this code expired on {}", row.valid_to)));
    }
    if row.uses >= row.max_uses {
        return Err(used_up());
    }
    let applies = discount_code_plan::Entity::find_by_id((row.id, plan_id)).one(db).await?.is_some();
    if !applies {
        return Err(ServiceError::invalid("code", "this code does not apply to this plan"));
    }
    // A stored value that is no discount (0 %, a negative amount) is refused, not guessed at.
    let discount = Discount::from_parts(row.kind, row.value)
        .ok_or_else(|| ServiceError::invalid("code", "this code cannot be used"))?;
    Ok((row, discount))
}

fn used_up() -> ServiceError {
    ServiceError::invalid("code", "this code has been used as many times as its partner allowed")
}

/// Counts one use of the code if one is left and it is still valid today. The condition is
/// part of the UPDATE, so of two transactions taking the last use, the second (on
/// PostgreSQL, after waiting for the first's row lock and re-reading the row) matches
/// nothing and is refused.
pub async fn take_one_use(
    db: &impl ConnectionTrait,
    code_id: i64,
    today: NaiveDate,
) -> Result<(), ServiceError> {
    let taken = discount_code::Entity::update_many()
        .col_expr(discount_code::Column::Uses, Expr::col(discount_code::Column::Uses).add(1))
        .filter(discount_code::Column::Id.eq(code_id))
        .filter(Expr::col(discount_code::Column::Uses).lt(Expr::col(discount_code::Column::MaxUses)))
        .filter(discount_code::Column::ValidFrom.lte(today))
        .filter(discount_code::Column::ValidTo.gte(today))
        .exec(db)
        .await?;
    if taken.rows_affected == 1 { Ok(()) } else { Err(used_up()) }
}

/// Gives a use back (a cancelled checkout).
pub async fn return_one_use(db: &impl ConnectionTrait, code_id: i64) -> Result<(), ServiceError> {
    discount_code::Entity::update_many()
        .col_expr(discount_code::Column::Uses, Expr::col(discount_code::Column::Uses).sub(1))
        .filter(discount_code::Column::Id.eq(code_id))
        .filter(discount_code::Column::Uses.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod every_problem {
    use super::*;

    #[test]
    fn a_code_form_reports_every_problem_at_once() {
        let error = check(&CodeForm::default(), &[1], Utc::now()).unwrap_err();
        let fields: Vec<&str> = error.problems().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["code", "partner", "kind", "valid_from", "valid_to", "max_uses", "plans"]);
    }
}
