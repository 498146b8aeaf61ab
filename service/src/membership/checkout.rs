//! Checkout: a shop's owner picks a plan, may type a partner code, sees the price, and
//! confirms. Confirming creates the unpaid term and its invoice in one transaction, taking
//! the code's use in the same transaction.
use chrono::{DateTime, Datelike, Duration, Utc};
use domain::{
    billing::{Audience, Discount, InvoiceStatus, Line, TermStatus, Totals, invoice_lines, invoice_number},
    orgs::{OrgKind, OrgStatus, ShopType},
};
use entity::{invoice, invoice_line, member_term, organisation, plan};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};

use super::{billing, codes};
use crate::{
    accounts::audit::{self, Event},
    authz::{self, Actor},
    error::ServiceError,
    orgs::{find, notify_owners},
};

/// Days an invoice may wait for payment.
pub const DUE_DAYS: i64 = 30;

/// What checkout would charge.
#[derive(Debug, Clone)]
pub struct Quote {
    pub organisation: organisation::Model,
    pub plan: plan::Model,
    /// The code's id and normalised letters, when one was typed and is good.
    pub code: Option<(i64, String)>,
    pub lines: Vec<Line>,
    pub totals: Totals,
}

/// Why an organisation cannot buy this plan, if it cannot. Schools never pay.
fn eligible(org: &organisation::Model, plan: &plan::Model) -> Result<(), ServiceError> {
    if org.kind != OrgKind::Shop {
        return Err(ServiceError::Conflict("schools, instructors and students use Bayline free".into()));
    }
    if org.status != OrgStatus::Verified {
        return Err(ServiceError::Conflict("only verified shops can buy a membership".into()));
    }
    let audience = org.shop_type.as_deref().and_then(ShopType::from_slug).map(Audience::of);
    let Some(audience) = audience else {
        return Err(ServiceError::Conflict("give your shop a type on its profile first".into()));
    };
    if !plan.active {
        return Err(ServiceError::invalid("plan", "this plan is no longer offered"));
    }
    if plan.audience != audience {
        return Err(ServiceError::invalid(
            "plan",
            format!("this plan is not for {}", audience.label().to_lowercase()),
        ));
    }
    Ok(())
}

async fn plan_by_id(db: &impl ConnectionTrait, plan_id: i64) -> Result<plan::Model, ServiceError> {
    plan::Entity::find_by_id(plan_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::invalid("plan", "choose a plan from the list"))
}

/// The price of a plan for the owner's shop, with the typed code if any.
pub async fn quote(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    organisation_id: i64,
    plan_id: i64,
    typed_code: &str,
    now: DateTime<Utc>,
) -> Result<Quote, ServiceError> {
    authz::owner(db, actor, organisation_id).await?;
    let organisation = find(db, organisation_id).await?;
    let plan = plan_by_id(db, plan_id).await?;
    eligible(&organisation, &plan)?;
    let discount: Option<(i64, String, Discount)> = if typed_code.trim().is_empty() {
        None
    } else {
        let (row, discount) = codes::usable(db, typed_code, plan.id, now.date_naive()).await?;
        Some((row.id, row.code, discount))
    };
    let lines =
        invoice_lines(&plan.name, plan.price_cents, discount.as_ref().map(|(_, c, d)| (c.as_str(), *d)));
    let totals = Totals::of(&lines);
    Ok(Quote { organisation, plan, code: discount.map(|(id, c, _)| (id, c)), lines, totals })
}

/// Confirms a checkout: the term (unpaid) and its invoice. Returns the invoice id.
pub async fn confirm(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    organisation_id: i64,
    plan_id: i64,
    typed_code: &str,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    let quote = quote(&txn, actor, organisation_id, plan_id, typed_code, now).await?;
    let actor = authz::signed_in(actor)?;
    if let Some(open) = invoice::Entity::find()
        .filter(invoice::Column::OrganisationId.eq(organisation_id))
        .filter(invoice::Column::Status.eq(InvoiceStatus::Open))
        .one(&txn)
        .await?
    {
        return Err(ServiceError::Conflict(format!(
            "invoice {} is waiting for payment: pay or cancel it before buying again",
            open.number
        )));
    }
    let payee = billing::current(&txn).await?.ok_or_else(billing::missing)?;
    let payee = serde_json::to_string(&payee).map_err(|e| DbErr::Custom(e.to_string()))?;
    let code_id = match &quote.code {
        Some((id, _)) => {
            codes::take_one_use(&txn, *id, now.date_naive()).await?;
            Some(*id)
        }
        None => None,
    };
    let term = member_term::ActiveModel {
        organisation_id: Set(organisation_id),
        plan_id: Set(plan_id),
        status: Set(TermStatus::AwaitingPayment),
        starts_on: Set(None),
        ends_on: Set(None),
        month_reminder_at: Set(None),
        week_reminder_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let number = invoice_number(now.year(), term.id);
    let row = invoice::ActiveModel {
        number: Set(number.clone()),
        organisation_id: Set(organisation_id),
        term_id: Set(term.id),
        issued_at: Set(now),
        due_on: Set(now.date_naive() + Duration::days(DUE_DAYS)),
        subtotal_cents: Set(quote.totals.subtotal_cents),
        discount_cents: Set(quote.totals.discount_cents),
        total_cents: Set(quote.totals.total_cents),
        discount_code_id: Set(code_id),
        status: Set(InvoiceStatus::Open),
        provider: Set(None),
        payment_reference: Set(None),
        paid_at: Set(None),
        recorded_by: Set(None),
        payee: Set(Some(payee)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (position, line) in quote.lines.iter().enumerate() {
        invoice_line::ActiveModel {
            invoice_id: Set(row.id),
            position: Set(position as i32),
            description: Set(line.description.clone()),
            amount_cents: Set(line.amount_cents),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let subject = format!("Bayline invoice {number}");
    let body = format!(
        "{} chose the {} membership. Invoice {number} for {} is due by {}.\n\nSee and print it: {site_url}/invoices/{}",
        quote.organisation.name,
        quote.plan.name,
        domain::billing::usd(quote.totals.total_cents),
        now.date_naive() + Duration::days(DUE_DAYS),
        row.id
    );
    notify_owners(&txn, organisation_id, &subject, &body, now).await?;
    audit::record(&txn, Event::InvoiceIssued, Some(actor.user_id), &format!("invoice {number}"), "", now)
        .await?;
    txn.commit().await?;
    Ok(row.id)
}
