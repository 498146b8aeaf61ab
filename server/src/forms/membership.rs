//! Form handlers of memberships: admins' plans, partner codes and payments; an owner's
//! checkout and cancellation. The service layer decides who may; each answers with a 303.
use app::notice::Notice;
use app::ssr::AppState;
use axum::{
    Form,
    extract::{Path, State},
    response::Response,
};
use service::membership::{
    billing, checkout,
    codes::{self, CodeForm},
    invoices,
    payments::{self, ManualInvoice},
    plans::{self, PlanForm},
};

use crate::forms::reply::{Caller, FormPairs, done, refused};

const ADMIN_PAGE: &str = "/admin/membership";

/// What to put back into a form after a refusal: every field but the checkboxes, which are
/// echoed under their own names.
fn echo<'a>(pairs: &'a FormPairs, names: &[&str]) -> Vec<(&'a str, &'a str)> {
    pairs
        .0
        .iter()
        .filter(|(k, _)| names.contains(&k.as_str()) || k.starts_with("unlock_") || k.starts_with("plan_"))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

pub async fn create_plan(State(state): State<AppState>, caller: Caller, pairs: FormPairs) -> Response {
    let form = PlanForm {
        name: pairs.trimmed("name"),
        audience: pairs.trimmed("audience"),
        price: pairs.trimmed("price"),
        unlocks: pairs.suffixes("unlock_"),
        description: pairs.trimmed("description"),
    };
    match plans::create(&state.db, caller.ctx.actor, &form, caller.ctx.now).await {
        Ok(_) => done(ADMIN_PAGE, Notice::PlanAdded),
        Err(error) => {
            refused(error, ADMIN_PAGE, &echo(&pairs, &["name", "audience", "price", "description"]))
        }
    }
}

/// The operator's billing details (admins): every invoice prints them under "How to pay".
pub async fn save_billing(State(state): State<AppState>, caller: Caller, pairs: FormPairs) -> Response {
    let form = billing::BillingForm {
        legal_name: pairs.text("legal_name"),
        postal_address: pairs.text("postal_address"),
        contact_email: pairs.text("contact_email"),
        payment_instructions: pairs.text("payment_instructions"),
        tax_id: pairs.text("tax_id"),
    };
    match billing::save(&state.db, caller.ctx.actor, &form, caller.ctx.now).await {
        Ok(_) => done(ADMIN_PAGE, Notice::BillingSaved),
        Err(error) => refused(error, ADMIN_PAGE, &form.typed()),
    }
}

async fn set_active(state: AppState, caller: Caller, id: i64, active: bool) -> Response {
    match plans::set_active(&state.db, caller.ctx.actor, id, active, caller.ctx.now).await {
        Ok(()) => done(ADMIN_PAGE, if active { Notice::PlanOffered } else { Notice::PlanRetired }),
        Err(error) => refused(error, ADMIN_PAGE, &[]),
    }
}

pub async fn retire_plan(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    set_active(state, caller, id, false).await
}

pub async fn offer_plan(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    set_active(state, caller, id, true).await
}

pub async fn create_code(State(state): State<AppState>, caller: Caller, pairs: FormPairs) -> Response {
    let form = CodeForm {
        code: pairs.trimmed("code"),
        partner: pairs.trimmed("partner"),
        kind: pairs.trimmed("kind"),
        value: pairs.trimmed("value"),
        valid_from: pairs.trimmed("valid_from"),
        valid_to: pairs.trimmed("valid_to"),
        max_uses: pairs.trimmed("max_uses"),
        plan_ids: pairs.suffixes("plan_"),
    };
    let names = ["code", "partner", "kind", "value", "valid_from", "valid_to", "max_uses"];
    match codes::create(&state.db, caller.ctx.actor, &form, caller.ctx.now).await {
        Ok(_) => done(ADMIN_PAGE, Notice::CodeAdded),
        Err(error) => refused(error, ADMIN_PAGE, &echo(&pairs, &names)),
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct CheckoutForm {
    #[serde(default)]
    plan: String,
    #[serde(default)]
    code: String,
}

/// Confirms a checkout; a refusal returns to the checkout page with the plan and the code.
pub async fn confirm_checkout(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(form): Form<CheckoutForm>,
) -> Response {
    let plan_id = form.plan.trim().parse::<i64>().unwrap_or_default();
    // The code goes back with the refusal, not in the address.
    let page = format!("/membership/checkout?org={id}&plan={plan_id}");
    match checkout::confirm(
        &state.db,
        caller.ctx.actor,
        id,
        plan_id,
        &form.code,
        &caller.ctx.site_url,
        caller.ctx.now,
    )
    .await
    {
        Ok(invoice_id) => done(&format!("/invoices/{invoice_id}"), Notice::InvoiceIssued),
        Err(error) => refused(error, &page, &[("code", form.code.trim())]),
    }
}

pub async fn cancel_invoice(State(state): State<AppState>, caller: Caller, Path(id): Path<i64>) -> Response {
    match invoices::cancel(&state.db, caller.ctx.actor, id, caller.ctx.now).await {
        Ok(_) => done("/membership", Notice::InvoiceCancelled),
        Err(error) => refused(error, &format!("/invoices/{id}"), &[]),
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct PaymentForm {
    #[serde(default)]
    reference: String,
}

/// An admin records the payment of an invoice (the built-in provider).
pub async fn mark_paid(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
    Form(form): Form<PaymentForm>,
) -> Response {
    let page = format!("/invoices/{id}");
    match payments::settle(
        &state.db,
        &ManualInvoice,
        caller.ctx.actor,
        id,
        &form.reference,
        &caller.ctx.site_url,
        caller.ctx.now,
    )
    .await
    {
        Ok(_) => done(&page, Notice::PaymentRecorded),
        Err(error) => refused(error, &page, &[("reference", &form.reference)]),
    }
}
