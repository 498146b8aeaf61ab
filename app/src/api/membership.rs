//! Memberships: the plans and the viewer's shops (`/membership`), a checkout quote, an
//! invoice, and the admins' lists. Thin: every check is in `service::membership`.
use leptos::prelude::*;

use crate::{
    error::AppError,
    membership_model::{InvoiceView, MembershipAdminView, MembershipView, QuoteView},
};

#[cfg(feature = "ssr")]
mod convert {
    use domain::billing::{Discount, DiscountKind, InvoiceStatus, unlocks_from_text};
    use entity::{invoice, plan};
    use service::membership::invoices::TermRow;

    use crate::membership_model::{InvoiceSummary, PlanView};

    pub fn plan(row: &plan::Model) -> PlanView {
        PlanView {
            id: row.id,
            name: row.name.clone(),
            audience: row.audience,
            price_cents: row.price_cents,
            unlocks: unlocks_from_text(&row.unlocks),
            description: row.description.clone(),
            active: row.active,
        }
    }

    pub fn summary(
        invoice: &invoice::Model,
        plan_name: &str,
        period: Option<(String, String)>,
        organisation: &str,
    ) -> InvoiceSummary {
        InvoiceSummary {
            id: invoice.id,
            number: invoice.number.clone(),
            plan_name: plan_name.to_string(),
            total_cents: invoice.total_cents,
            status: invoice.status,
            issued_on: invoice.issued_at.date_naive().to_string(),
            due_on: invoice.due_on.to_string(),
            period,
            organisation: organisation.to_string(),
        }
    }

    pub fn term_row(row: &TermRow, organisation: &str) -> InvoiceSummary {
        let period = match (row.term.starts_on, row.term.ends_on) {
            (Some(s), Some(e)) if row.invoice.status == InvoiceStatus::Paid => {
                Some((s.to_string(), e.to_string()))
            }
            _ => None,
        };
        summary(&row.invoice, &row.plan.name, period, organisation)
    }

    pub fn discount(kind: DiscountKind, value: i64) -> String {
        Discount::from_parts(kind, value).map(Discount::describe).unwrap_or_default()
    }
}

/// `/membership`: the plans on offer, and the viewer's shops with their memberships.
#[server(endpoint = "membership_overview")]
pub async fn membership_overview() -> Result<MembershipView, AppError> {
    use service::membership::{overview, plans};

    use crate::membership_model::ShopMembershipView;
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let offered = plans::offered(&db).await?;
    let shops = overview::for_actor(&db, actor, chrono::Utc::now()).await?;
    Ok(MembershipView {
        plans: offered.iter().map(convert::plan).collect(),
        signed_in: actor.is_some(),
        shops: shops
            .into_iter()
            .map(|s| {
                let name = s.organisation.name.clone();
                ShopMembershipView {
                    organisation_id: s.organisation.id,
                    is_owner: s.role == domain::orgs::MemberRole::Owner,
                    audience: s.audience,
                    current: s.current.as_ref().map(|r| convert::term_row(r, &name)),
                    renewed: s.renewed.as_ref().map(|r| convert::term_row(r, &name)),
                    open_invoice: s.open_invoice.as_ref().map(|r| convert::term_row(r, &name)),
                    history: s.history.iter().map(|r| convert::term_row(r, &name)).collect(),
                    name,
                }
            })
            .collect(),
    })
}

/// `/membership/checkout`: what the shop would pay for the plan, with the typed code.
#[server(endpoint = "membership_quote")]
pub async fn membership_quote(
    organisation_id: i64,
    plan_id: i64,
    code: String,
) -> Result<QuoteView, AppError> {
    use crate::membership_model::LineView;
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let quote =
        service::membership::checkout::quote(&db, actor, organisation_id, plan_id, &code, chrono::Utc::now())
            .await?;
    Ok(QuoteView {
        organisation_id,
        organisation: quote.organisation.name.clone(),
        plan: convert::plan(&quote.plan),
        code: quote.code.map(|(_, code)| code),
        lines: quote
            .lines
            .iter()
            .map(|l| LineView { description: l.description.clone(), amount_cents: l.amount_cents })
            .collect(),
        subtotal_cents: quote.totals.subtotal_cents,
        discount_cents: quote.totals.discount_cents,
        total_cents: quote.totals.total_cents,
        billing_ready: service::membership::billing::current(&db).await?.is_some(),
        viewer_is_admin: actor.is_some_and(|a| a.is_admin),
    })
}

/// `/invoices/{id}`: the organisation's members and admins.
#[server(endpoint = "membership_invoice")]
pub async fn membership_invoice(invoice_id: i64) -> Result<InvoiceView, AppError> {
    use crate::membership_model::LineView;
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let view = service::membership::invoices::view(&db, actor, invoice_id).await?;
    let is_owner = match actor {
        Some(a) => {
            service::authz::role_in(&db, a, view.organisation.id).await?
                == Some(domain::orgs::MemberRole::Owner)
        }
        None => false,
    };
    let org = &view.organisation;
    let period = match (view.term.starts_on, view.term.ends_on) {
        (Some(s), Some(e)) => Some((s.to_string(), e.to_string())),
        _ => None,
    };
    let place = [org.city.as_str(), org.state.as_str(), org.zip.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    Ok(InvoiceView {
        summary: convert::summary(&view.invoice, &view.plan.name, period, &org.name),
        organisation_id: org.id,
        bill_to: [org.name.clone(), org.street.clone(), place]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect(),
        lines: view
            .lines
            .iter()
            .map(|l| LineView { description: l.description.clone(), amount_cents: l.amount_cents })
            .collect(),
        subtotal_cents: view.invoice.subtotal_cents,
        discount_cents: view.invoice.discount_cents,
        code: view.code.clone(),
        paid_on: view.invoice.paid_at.map(|t| t.date_naive().to_string()),
        provider: view
            .invoice
            .provider
            .as_deref()
            .map(|k| service::membership::payments::provider_label(k).to_string()),
        reference: view.invoice.payment_reference.clone(),
        viewer_is_owner: is_owner,
        viewer_is_admin: actor.is_some_and(|a| a.is_admin),
        payee: view.payee.clone(),
    })
}

/// `/admin/membership`: every plan, every code with its uses, and the open invoices.
#[server(endpoint = "membership_admin")]
pub async fn membership_admin() -> Result<MembershipAdminView, AppError> {
    use service::membership::{codes, invoices, plans};

    use crate::membership_model::CodeView;
    let actor = crate::ssr::current_actor().await?;
    let db = crate::ssr::db()?;
    let all_plans = plans::all(&db, actor).await?;
    let all_codes = codes::all(&db, actor).await?;
    let open = invoices::open_invoices(&db, actor).await?;
    let plan_name =
        |id: i64| all_plans.iter().find(|p| p.id == id).map(|p| p.name.clone()).unwrap_or_default();
    Ok(MembershipAdminView {
        billing: service::membership::billing::current(&db).await?,
        plans: all_plans.iter().map(convert::plan).collect(),
        codes: all_codes
            .iter()
            .map(|row| CodeView {
                code: row.code.code.clone(),
                partner: row.code.partner.clone(),
                discount: convert::discount(row.code.kind, row.code.value),
                valid_from: row.code.valid_from.to_string(),
                valid_to: row.code.valid_to.to_string(),
                uses: row.code.uses,
                max_uses: row.code.max_uses,
                plans: row.plan_ids.iter().map(|id| plan_name(*id)).collect(),
            })
            .collect(),
        open_invoices: open
            .iter()
            .map(|o| convert::summary(&o.invoice, &o.plan, None, &o.organisation))
            .collect(),
    })
}
