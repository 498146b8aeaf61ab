//! `/admin/membership`: admins add plans and partner codes, retire plans, and record the
//! payment of open invoices.
use crate::components::page_header::PageHeader;
use crate::components::table_scroll::TableScroll;
use domain::billing::{Audience, DiscountKind, Unlock, usd};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::membership::membership_admin,
    components::{
        admin_only::admin_refusal,
        form_fields::{Done, FormError, SelectField, TextArea, TextField, field_error, typed, was_ticked},
        layout::Layout,
    },
    membership_model::{CodeView, InvoiceSummary, MembershipAdminView, PlanView},
    notice,
};

#[component]
pub fn MembershipAdminPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| membership_admin());
    view! {
        <Layout>
            <Title text="Memberships" />
            <PageHeader title="Memberships" back=("/admin", "Admin") lede="Plans, partner codes, the operator's billing details and the invoices waiting for payment." />
            <Done shows=notice::MEMBERSHIP_ADMIN />
            <FormError />
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <Admin view /> }.into_any(),
                        Err(error) => admin_refusal(error),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
fn Admin(view: MembershipAdminView) -> impl IntoView {
    view! {
        <section id="billing" aria-labelledby="billing-heading"><h2 id="billing-heading">"Billing details"</h2>
            <BillingForm billing=view.billing />
        </section>
        <section aria-labelledby="open-invoices"><h2 id="open-invoices">"Invoices waiting for payment"</h2>
            <OpenInvoices invoices=view.open_invoices />
        </section>
        <section aria-labelledby="plans-heading"><h2 id="plans-heading">"Plans"</h2>
            <PlanList plans=view.plans.clone() />
            <PlanForm />
        </section>
        <section aria-labelledby="codes-heading"><h2 id="codes-heading">"Partner codes"</h2>
            <CodeList codes=view.codes />
            <CodeForm plans=view.plans />
        </section>
    }
}

/// Who invoices are paid to and how: every invoice prints these under "How to pay", and no
/// invoice is issued until they are set.
#[component]
fn BillingForm(billing: Option<domain::billing::Payee>) -> impl IntoView {
    let missing = billing.is_none().then(|| {
        view! {
            <p class="notice warning">
                "Not set yet: shops cannot check out until invoices can say who to pay and how."
            </p>
        }
    });
    let b = billing.unwrap_or_default();
    view! {
        {missing}
        <form method="post" action="/admin/billing" class="stacked">
            <TextField name="legal_name" label="Legal name" maxlength=200 required=true prefill=b.legal_name />
            <TextArea name="postal_address" label="Postal address" maxlength=500 required=true prefill=b.postal_address
                hint="As it should print, one line per line." />
            <TextField name="contact_email" label="Contact email for invoices" maxlength=254 input_type="email" required=true prefill=b.contact_email />
            <TextArea name="payment_instructions" label="Payment instructions" maxlength=2000 required=true prefill=b.payment_instructions
                hint="How to pay: remittance address for cheques, or bank transfer details. Printed on every invoice." />
            <TextField name="tax_id" label="Tax id (optional)" maxlength=60 prefill=b.tax_id />
            <button type="submit">"Save billing details"</button>
        </form>
    }
}

#[component]
fn OpenInvoices(invoices: Vec<InvoiceSummary>) -> impl IntoView {
    if invoices.is_empty() {
        return view! { <p>"No invoice is waiting."</p> }.into_any();
    }
    view! {
        <ul class="queue">
            {invoices.into_iter().map(|i| view! {
                <li class="queue-item" data-invoice=i.number.clone()>
                    <a href=format!("/invoices/{}", i.id)>{i.number.clone()}</a>
                    {format!(" · {} · {} · {} · issued {} · due {}", i.organisation, i.plan_name, usd(i.total_cents), i.issued_on, i.due_on)}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn PlanList(plans: Vec<PlanView>) -> impl IntoView {
    if plans.is_empty() {
        return view! { <p>"No plans yet."</p> }.into_any();
    }
    view! {
        <TableScroll label="Plans"><table>
            <thead><tr><th scope="col">"Plan"</th><th scope="col">"For"</th><th scope="col">"Price a year"</th><th scope="col">"Unlocks"</th><th scope="col">"Offered"</th></tr></thead>
            <tbody>
                {plans.into_iter().map(|p| {
                    let unlocks = p.unlocks.iter().map(|u| u.label()).collect::<Vec<_>>().join("; ");
                    let (action, label) = if p.active { ("retire", format!("Retire {}", p.name)) } else { ("offer", format!("Offer {} again", p.name)) };
                    view! {
                        <tr>
                            <td>{p.name.clone()}</td>
                            <td>{p.audience.label()}</td>
                            <td>{usd(p.price_cents)}</td>
                            <td>{unlocks}</td>
                            <td>
                                {if p.active { "Yes" } else { "Retired" }}
                                <form method="post" action=format!("/admin/plans/{}/{action}", p.id) class="inline">
                                    <button type="submit">{label}</button>
                                </form>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table></TableScroll>
    }
    .into_any()
}

/// One checkbox per item (`{prefix}{value}`), ticked again after a refusal.
#[component]
fn Checkboxes(
    legend: &'static str,
    field: &'static str,
    prefix: &'static str,
    items: Vec<(String, String)>,
) -> impl IntoView {
    let error = field_error(field);
    let boxes = items
        .into_iter()
        .map(|(value, label)| {
            let name = format!("{prefix}{value}");
            let ticked = was_ticked(&name).unwrap_or(false);
            view! { <label class="check"><input type="checkbox" name=name value="on" checked=ticked />{label}</label> }
        })
        .collect_view();
    view! {
        <fieldset aria-describedby=format!("{field}-error")>
            <legend>{legend}</legend>
            {boxes}
            <p id=format!("{field}-error") class="field-error">{error}</p>
        </fieldset>
    }
}

#[component]
fn PlanForm() -> impl IntoView {
    let audiences: Vec<_> = Audience::ALL.iter().map(|a| (a.slug(), a.label())).collect();
    let unlocks = Unlock::ALL.iter().map(|u| (u.slug().to_string(), u.label().to_string())).collect();
    view! {
        <form method="post" action="/admin/plans" class="stacked">
            <h3>"Add a plan"</h3>
            <TextField name="name" label="Name" maxlength=60 required=true />
            <SelectField name="audience" label="For" options=audiences required=true />
            <TextField name="price" label="Price for 12 months (US dollars)" maxlength=14 required=true hint="For example 1200 or 1,200.00" />
            <Checkboxes legend="What it unlocks" field="unlocks" prefix="unlock_" items=unlocks />
            <TextArea name="description" label="Description (optional)" maxlength=600 />
            <button type="submit">"Add the plan"</button>
        </form>
    }
}

#[component]
fn CodeList(codes: Vec<CodeView>) -> impl IntoView {
    if codes.is_empty() {
        return view! { <p>"No partner codes yet."</p> }.into_any();
    }
    view! {
        <TableScroll label="Partner codes"><table>
            <thead><tr><th scope="col">"Code"</th><th scope="col">"Partner"</th><th scope="col">"Discount"</th><th scope="col">"Valid"</th><th scope="col">"Used"</th><th scope="col">"Plans"</th></tr></thead>
            <tbody>
                {codes.into_iter().map(|c| view! {
                    <tr data-code=c.code.clone()>
                        <td>{c.code.clone()}</td>
                        <td>{c.partner.clone()}</td>
                        <td>{c.discount.clone()}</td>
                        <td>{format!("{} to {}", c.valid_from, c.valid_to)}</td>
                        <td>{format!("{} of {}", c.uses, c.max_uses)}</td>
                        <td>{c.plans.join("; ")}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table></TableScroll>
    }
    .into_any()
}

#[component]
fn CodeForm(plans: Vec<PlanView>) -> impl IntoView {
    let kinds: Vec<_> = DiscountKind::ALL.iter().map(|k| (k.slug(), k.label())).collect();
    let plans = plans
        .into_iter()
        .map(|p| (p.id.to_string(), format!("{} ({})", p.name, usd(p.price_cents))))
        .collect();
    let date = |name: &'static str, label: &'static str| {
        let (typed, error) = (typed(name), field_error(name));
        view! {
            <div class="field">
                <label for=name>{label}</label>
                <input id=name name=name type="date" required value=typed aria-invalid=move || error().map(|_| "true") aria-describedby=format!("{name}-error") />
                <p id=format!("{name}-error") class="field-error">{error}</p>
            </div>
        }
    };
    view! {
        <form method="post" action="/admin/discount-codes" class="stacked">
            <h3>"Add a partner code"</h3>
            <TextField name="code" label="Code" maxlength=32 required=true hint="3 to 32 letters, digits or dashes; shops type it at checkout" />
            <TextField name="partner" label="Partner" maxlength=80 required=true />
            <SelectField name="kind" label="Kind" options=kinds required=true />
            <TextField name="value" label="Discount (a percentage, or US dollars)" maxlength=14 required=true />
            {date("valid_from", "First day")}
            {date("valid_to", "Last day")}
            <TextField name="max_uses" label="Maximum uses" maxlength=6 required=true input_type="number" />
            <Checkboxes legend="Plans it applies to" field="plans" prefix="plan_" items=plans />
            <button type="submit">"Add the code"</button>
        </form>
    }
}
