//! Reading invoices (the organisation's members and admins) and cancelling an unpaid one
//! (its owners), which gives the partner code's use back.
use chrono::{DateTime, Utc};
use domain::billing::{InvoiceStatus, TermStatus};
use entity::{discount_code, invoice, invoice_line, member_term, organisation, plan};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, Set,
};

use super::codes;
use crate::{
    accounts::audit::{self, Event},
    authz::{self, Actor},
    error::ServiceError,
    orgs::find,
};

/// An invoice with everything its page prints.
#[derive(Debug, Clone)]
pub struct InvoiceView {
    pub invoice: invoice::Model,
    pub lines: Vec<invoice_line::Model>,
    pub organisation: organisation::Model,
    pub plan: plan::Model,
    pub term: member_term::Model,
    pub code: Option<String>,
    /// Who to pay and how: the copy the invoice was issued with, or for an invoice issued
    /// before copies were kept, the current billing details.
    pub payee: Option<domain::billing::Payee>,
}

/// Members of the organisation and admins may read its invoices; to anyone else an invoice
/// does not exist.
async fn may_read(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    organisation_id: i64,
) -> Result<(), ServiceError> {
    let actor = authz::signed_in(actor)?;
    if actor.is_admin || authz::role_in(db, actor, organisation_id).await?.is_some() {
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}

pub async fn view(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    invoice_id: i64,
) -> Result<InvoiceView, ServiceError> {
    authz::signed_in(actor)?;
    let invoice = invoice::Entity::find_by_id(invoice_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    may_read(db, actor, invoice.organisation_id).await?;
    let lines = invoice_line::Entity::find()
        .filter(invoice_line::Column::InvoiceId.eq(invoice.id))
        .order_by_asc(invoice_line::Column::Position)
        .all(db)
        .await?;
    let organisation = find(db, invoice.organisation_id).await?;
    let term =
        member_term::Entity::find_by_id(invoice.term_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let plan = plan::Entity::find_by_id(term.plan_id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let code = match invoice.discount_code_id {
        Some(id) => discount_code::Entity::find_by_id(id).one(db).await?.map(|c| c.code),
        None => None,
    };
    let payee = match invoice.payee.as_deref().and_then(|json| serde_json::from_str(json).ok()) {
        Some(kept) => Some(kept),
        None => super::billing::current(db).await?,
    };
    Ok(InvoiceView { invoice, lines, organisation, plan, term, code, payee })
}

/// An organisation's membership: its terms with their invoices and plans, newest first.
#[derive(Debug, Clone)]
pub struct TermRow {
    pub term: member_term::Model,
    pub invoice: invoice::Model,
    pub plan: plan::Model,
}

pub async fn history(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    organisation_id: i64,
) -> Result<Vec<TermRow>, ServiceError> {
    may_read(db, actor, organisation_id).await?;
    let invoices = invoice::Entity::find()
        .filter(invoice::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(invoice::Column::Id)
        .all(db)
        .await?;
    let terms = member_term::Entity::find()
        .filter(member_term::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?;
    let plans = plan::Entity::find().all(db).await?;
    Ok(invoices
        .into_iter()
        .filter_map(|invoice| {
            let term = terms.iter().find(|t| t.id == invoice.term_id)?.clone();
            let plan = plans.iter().find(|p| p.id == term.plan_id)?.clone();
            Some(TermRow { term, invoice, plan })
        })
        .collect())
}

/// An invoice waiting for payment, with whom it is for and what.
#[derive(Debug, Clone)]
pub struct OpenInvoice {
    pub invoice: invoice::Model,
    pub organisation: String,
    pub plan: String,
}

/// Invoices waiting for payment, oldest first (admins).
pub async fn open_invoices(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
) -> Result<Vec<OpenInvoice>, ServiceError> {
    authz::admin(actor)?;
    let open = invoice::Entity::find()
        .filter(invoice::Column::Status.eq(InvoiceStatus::Open))
        .order_by_asc(invoice::Column::Id)
        .all(db)
        .await?;
    let org_ids: Vec<i64> = open.iter().map(|i| i.organisation_id).collect();
    let term_ids: Vec<i64> = open.iter().map(|i| i.term_id).collect();
    let orgs = organisation::Entity::find().filter(organisation::Column::Id.is_in(org_ids)).all(db).await?;
    let terms = member_term::Entity::find().filter(member_term::Column::Id.is_in(term_ids)).all(db).await?;
    let plans = plan::Entity::find().all(db).await?;
    Ok(open
        .into_iter()
        .map(|invoice| {
            let organisation = orgs
                .iter()
                .find(|o| o.id == invoice.organisation_id)
                .map(|o| o.name.clone())
                .unwrap_or_default();
            let plan = terms
                .iter()
                .find(|t| t.id == invoice.term_id)
                .and_then(|t| plans.iter().find(|p| p.id == t.plan_id))
                .map(|p| p.name.clone())
                .unwrap_or_default();
            OpenInvoice { invoice, organisation, plan }
        })
        .collect())
}

/// An owner cancels an unpaid invoice: it becomes void, its term cancelled, and a partner
/// code's use is given back.
pub async fn cancel(
    db: &DatabaseConnection,
    actor: Option<Actor>,
    invoice_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    let txn = crate::db::begin_write(db).await?;
    let row = invoice::Entity::find_by_id(invoice_id).one(&txn).await?.ok_or(ServiceError::NotFound)?;
    let actor = authz::owner(&txn, actor, row.organisation_id).await?;
    if row.status != InvoiceStatus::Open {
        return Err(ServiceError::Conflict(format!(
            "invoice {} is {} and cannot be cancelled",
            row.number,
            row.status.slug()
        )));
    }
    let (number, organisation_id, term_id, code_id) =
        (row.number.clone(), row.organisation_id, row.term_id, row.discount_code_id);
    let mut void = row.into_active_model();
    void.status = Set(InvoiceStatus::Void);
    void.update(&txn).await?;
    if let Some(term) = member_term::Entity::find_by_id(term_id).one(&txn).await? {
        let mut term = term.into_active_model();
        term.status = Set(TermStatus::Cancelled);
        term.update(&txn).await?;
    }
    if let Some(code_id) = code_id {
        codes::return_one_use(&txn, code_id).await?;
    }
    audit::record(&txn, Event::InvoiceCancelled, Some(actor.user_id), &format!("invoice {number}"), "", now)
        .await?;
    txn.commit().await?;
    Ok(organisation_id)
}
