//! Recording payment. A payment provider says who may record a payment through it and is
//! named on the invoice; what a payment does to the membership ([`settle`]) is the same for
//! every provider. The built-in provider is an invoice that an admin marks paid (a cheque or
//! a bank transfer received); a card processor would be another [`PaymentProvider`] whose
//! webhook handler calls [`settle`], with no change to plans, codes or invoices.
use chrono::{DateTime, Months, NaiveDate, Utc};
use domain::billing::{InvoiceStatus, TermStatus, usd};
use entity::{invoice, member_term, plan};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, Set,
};

use crate::{
    accounts::audit::{self, Event},
    authz::{self, Actor},
    error::ServiceError,
    orgs::{fields, notify_owners},
};

/// A way of being paid.
pub trait PaymentProvider: Send + Sync {
    /// Stored on the paid invoice.
    fn key(&self) -> &'static str;
    /// What people read on the invoice, e.g. "Invoice, marked paid by an admin".
    fn label(&self) -> &'static str;
    /// Who may record a payment through this provider; returns the person to record.
    fn authorise(&self, actor: Option<Actor>) -> Result<Option<i64>, ServiceError>;
}

/// The built-in provider: Bayline sends an invoice and an admin records its payment.
pub struct ManualInvoice;

impl PaymentProvider for ManualInvoice {
    fn key(&self) -> &'static str {
        "manual_invoice"
    }

    fn label(&self) -> &'static str {
        "Invoice, marked paid by an admin"
    }

    fn authorise(&self, actor: Option<Actor>) -> Result<Option<i64>, ServiceError> {
        Ok(Some(authz::admin(actor)?.user_id))
    }
}

/// The label of a stored provider key.
pub fn provider_label(key: &str) -> &'static str {
    match key {
        "manual_invoice" => ManualInvoice.label(),
        _ => "Payment provider",
    }
}

/// When a newly paid term starts: today, or when the organisation's current paid term ends
/// (a renewal paid early adds a full year after it).
async fn next_start(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    today: NaiveDate,
) -> Result<NaiveDate, ServiceError> {
    let latest = member_term::Entity::find()
        .filter(member_term::Column::OrganisationId.eq(organisation_id))
        .filter(member_term::Column::Status.eq(TermStatus::Paid))
        .order_by_desc(member_term::Column::EndsOn)
        .one(db)
        .await?;
    Ok(latest.and_then(|t| t.ends_on).filter(|end| *end > today).unwrap_or(today))
}

/// Records the payment of an open invoice in full and starts its 12 months.
pub async fn settle(
    db: &DatabaseConnection,
    provider: &dyn PaymentProvider,
    actor: Option<Actor>,
    invoice_id: i64,
    reference: &str,
    site_url: &str,
    now: DateTime<Utc>,
) -> Result<(NaiveDate, NaiveDate), ServiceError> {
    let recorded_by = provider.authorise(actor)?;
    let reference = fields::line("reference", reference, 2, 120)?;
    let txn = crate::db::begin_write(db).await?;
    let row = invoice::Entity::find_by_id(invoice_id).one(&txn).await?.ok_or(ServiceError::NotFound)?;
    if row.status != InvoiceStatus::Open {
        return Err(ServiceError::Conflict(format!(
            "invoice {} is {} already",
            row.number,
            row.status.slug()
        )));
    }
    let term = member_term::Entity::find_by_id(row.term_id).one(&txn).await?.ok_or(ServiceError::NotFound)?;
    let starts_on = next_start(&txn, row.organisation_id, now.date_naive()).await?;
    let ends_on = starts_on + Months::new(12);
    let (number, organisation_id, total) = (row.number.clone(), row.organisation_id, row.total_cents);
    let mut paid = row.into_active_model();
    paid.status = Set(InvoiceStatus::Paid);
    paid.provider = Set(Some(provider.key().into()));
    paid.payment_reference = Set(Some(reference));
    paid.paid_at = Set(Some(now));
    paid.recorded_by = Set(recorded_by);
    paid.update(&txn).await?;
    let plan_name =
        plan::Entity::find_by_id(term.plan_id).one(&txn).await?.map(|p| p.name).unwrap_or_default();
    let mut term = term.into_active_model();
    term.status = Set(TermStatus::Paid);
    term.starts_on = Set(Some(starts_on));
    term.ends_on = Set(Some(ends_on));
    term.update(&txn).await?;
    let body = format!(
        "Thank you: we received {} for invoice {number}. Your {plan_name} membership runs from {starts_on} until {ends_on}.\n\n{site_url}/invoices/{invoice_id}",
        usd(total)
    );
    notify_owners(&txn, organisation_id, &format!("Bayline invoice {number} is paid"), &body, now).await?;
    audit::record(
        &txn,
        Event::PaymentRecorded,
        recorded_by,
        &format!("invoice {number} by {}", provider.key()),
        "",
        now,
    )
    .await?;
    txn.commit().await?;
    Ok((starts_on, ends_on))
}
