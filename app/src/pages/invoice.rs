//! `/invoices/{id}`: one invoice, laid out to print (or save as PDF from the browser's print
//! dialog) on one page. Its owners may cancel it while it is open; admins record its
//! payment.
use crate::components::refusal::Refusal;
use domain::billing::usd;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    api::membership::membership_invoice,
    components::{
        form_fields::{Done, FormError, TextField},
        layout::Layout,
    },
    error::AppError,
    membership_model::InvoiceView,
    notice,
    pages::membership::LinesTable,
};

#[component]
pub fn InvoicePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or_default());
    let invoice = Resource::new(id, membership_invoice);
    view! {
        <Layout>
            <Done shows=notice::INVOICE />
            <FormError />
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match invoice.await {
                        Ok(invoice) => view! { <Invoice invoice /> }.into_any(),
                        Err(AppError::SignInRequired) => {
                            let next = format!("/login?next=%2Finvoices%2F{}", id());
                            #[cfg(feature = "ssr")]
                            crate::ssr::redirect_page(&next);
                            view! { <p>"Please " <a href=next>"sign in"</a>"."</p> }.into_any()
                        }
                        Err(AppError::NotFound) => {
                            #[cfg(feature = "ssr")]
                            crate::ssr::set_status(http::StatusCode::NOT_FOUND);
                            view! {
                                <Title text="Invoice not found" />
                                <h1>"Invoice not found"</h1>
                                <p>"There is no invoice here that you can see. " <a href="/membership">"Your memberships"</a></p>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
fn Invoice(invoice: InvoiceView) -> impl IntoView {
    let s = invoice.summary.clone();
    let status = s.status.label();
    let period = s.period.clone().map(|(from, to)| view! {
        <p>{format!("Membership period: {from} to {to} (the day before {to} is the last day covered).")}</p>
    });
    let payment = invoice.paid_on.clone().map(|paid| {
        view! {
            <p id="payment">{format!(
                "Paid on {paid} · {} · reference {}",
                invoice.provider.clone().unwrap_or_default(),
                invoice.reference.clone().unwrap_or_default()
            )}</p>
        }
    });
    let open = s.status == domain::billing::InvoiceStatus::Open;
    let cancel = (open && invoice.viewer_is_owner).then(|| {
        view! {
            <form method="post" action=format!("/invoices/{}/cancel", s.id) class="no-print">
                <button type="submit" class="danger">"Cancel this invoice"</button>
            </form>
        }
    });
    let mark_paid = (open && invoice.viewer_is_admin).then(|| view! {
        <form method="post" action=format!("/admin/invoices/{}/paid", s.id) class="no-print admin-action">
            <TextField name="reference" label="Payment reference (cheque or transfer number)" maxlength=120 required=true />
            <button type="submit">{format!("Mark {} paid", s.number)}</button>
        </form>
    });
    view! {
        <Title text=format!("Invoice {}", s.number) />
        <article class="invoice" data-status=s.status.slug()>
            <header class="invoice-head">
                <p class="brand">"Bayline"</p>
                <h1>{format!("Invoice {}", s.number)}</h1>
                <p class="status" id="invoice-status">{status}</p>
            </header>
            <dl class="invoice-facts">
                <dt>"Issued"</dt><dd>{s.issued_on.clone()}</dd>
                <dt>"Due by"</dt><dd>{s.due_on.clone()}</dd>
                <dt>"Bill to"</dt><dd>{invoice.bill_to.iter().map(|l| view! { <span class="line">{l.clone()}</span> }).collect_view()}</dd>
                <dt>"Currency"</dt><dd>"US dollars (USD)"</dd>
            </dl>
            <LinesTable lines=invoice.lines.clone() subtotal_cents=invoice.subtotal_cents discount_cents=invoice.discount_cents total_cents=s.total_cents />
            {period}
            {payment}
            {open.then(|| view! { <p>{format!("Please pay {} by {}, quoting {}.", usd(s.total_cents), s.due_on, s.number)}</p> })}
            {invoice.payee.clone().map(|payee| view! { <HowToPay payee /> })}
        </article>
        <p class="no-print">"To print it or save it as a PDF, use your browser's Print command."</p>
        {cancel}
        {mark_paid}
        <p class="no-print"><a href="/membership">"Back to membership"</a></p>
    }
}

/// The operator's billing details: who to pay, how, and whom to ask.
#[component]
fn HowToPay(payee: domain::billing::Payee) -> impl IntoView {
    let lines = |text: String| {
        text.lines().map(|l| view! { <span class="line">{l.to_string()}</span> }).collect_view()
    };
    let mail = format!("mailto:{}", payee.contact_email);
    view! {
        <section class="how-to-pay" aria-labelledby="how-to-pay">
            <h2 id="how-to-pay">"How to pay"</h2>
            <div class="payment-instructions">{lines(payee.payment_instructions.clone())}</div>
            <dl class="invoice-facts">
                <dt>"Pay to"</dt><dd>{payee.legal_name.clone()}</dd>
                <dt>"Address"</dt><dd>{lines(payee.postal_address.clone())}</dd>
                <dt>"Questions"</dt><dd><a href=mail>{payee.contact_email.clone()}</a></dd>
                {(!payee.tax_id.is_empty()).then(|| view! { <dt>"Tax id"</dt><dd>{payee.tax_id.clone()}</dd> })}
            </dl>
        </section>
    }
}
