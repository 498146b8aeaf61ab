//! `/membership`: the plans admins configured, and for each of the viewer's shops its
//! membership, an invoice waiting for payment, and the way to buy or renew.
//! `/membership/checkout`: the price of a plan with a partner code, and the confirmation
//! that issues the invoice. Plain forms: the price is a GET, the confirmation a POST.
use crate::components::loaded::Loaded;
use crate::components::refusal::Refusal;
use crate::components::table_scroll::TableScroll;
use domain::billing::{Audience, usd};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    api::membership::{membership_overview, membership_quote},
    components::{
        form_fields::{Done, FormError, typed},
        layout::Layout,
    },
    error::AppError,
    membership_model::{InvoiceSummary, LineView, PlanView, QuoteView, ShopMembershipView},
    notice,
};

#[component]
pub fn MembershipPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| membership_overview());
    view! {
        <Layout description="Memberships for repair shops, dealerships and OEMs. Schools, instructors and students use Bayline free, always.">
            <Title text="Membership" />
            <h1>"Membership"</h1>
            <p class="lede">
                "Bayline is paid for by shops, dealerships and OEMs that choose to become members. "
                <strong>"Schools, instructors and students use Bayline free, always."</strong>
            </p>
            <Done shows=notice::MEMBERSHIP />
            <FormError />
            <Loaded resource=data let:view><Plans plans=view.plans.clone() /> <YourShops view /></Loaded>
        </Layout>
    }
}

#[component]
fn Plans(plans: Vec<PlanView>) -> impl IntoView {
    if plans.is_empty() {
        return view! { <p>"No plans are offered at the moment."</p> }.into_any();
    }
    let groups = Audience::ALL
        .iter()
        .filter_map(|audience| {
            let mine: Vec<PlanView> = plans.iter().filter(|p| p.audience == *audience).cloned().collect();
            (!mine.is_empty()).then(|| {
                view! {
                    <h3>{audience.label()}</h3>
                    <ul class="plans">{mine.into_iter().map(|plan| view! { <PlanCard plan /> }).collect_view()}</ul>
                }
            })
        })
        .collect_view();
    view! { <section aria-labelledby="plans-heading"><h2 id="plans-heading">"Plans"</h2>{groups}</section> }
        .into_any()
}

#[component]
fn PlanCard(plan: PlanView) -> impl IntoView {
    view! {
        <li class="plan" data-plan-id=plan.id>
            <h4>{plan.name.clone()}</h4>
            <p class="price"><span data-price-cents=plan.price_cents>{usd(plan.price_cents)}</span>" a year"</p>
            <ul>{plan.unlocks.iter().map(|u| view! { <li>{u.label()}</li> }).collect_view()}</ul>
            <p>{plan.description.clone()}</p>
        </li>
    }
}

#[component]
fn YourShops(view: crate::membership_model::MembershipView) -> impl IntoView {
    if !view.signed_in {
        return view! {
            <p><a href="/login?next=%2Fmembership">"Sign in"</a>" to buy a membership for your shop."</p>
        }
        .into_any();
    }
    if view.shops.is_empty() {
        return view! {
            <p>"You do not belong to a shop. " <a href="/shops/new">"Add your shop"</a>" to become a member."</p>
        }
        .into_any();
    }
    let plans = view.plans.clone();
    view! {
        <section aria-labelledby="your-shops"><h2 id="your-shops">"Your shops"</h2>
            {view.shops.into_iter().map(|shop| view! { <ShopMembership shop plans=plans.clone() /> }).collect_view()}
        </section>
    }
    .into_any()
}

fn invoice_link(invoice: &InvoiceSummary) -> impl IntoView + use<> {
    view! { <a href=format!("/invoices/{}", invoice.id)>{format!("Invoice {}", invoice.number)}</a> }
}

#[component]
fn ShopMembership(shop: ShopMembershipView, plans: Vec<PlanView>) -> impl IntoView {
    let id = shop.organisation_id;
    let status = match (&shop.current, &shop.open_invoice) {
        (Some(current), _) => {
            let (_, ends) = current.period.clone().unwrap_or_default();
            view! { <p class="notice" data-membership="current">{format!("Member: {} until {ends}.", current.plan_name)}</p> }.into_any()
        }
        (None, Some(open)) => view! {
            <p class="notice" data-membership="awaiting">
                {format!("{} is waiting for payment of {}, due by {}. ", open.plan_name, usd(open.total_cents), open.due_on)}
                {invoice_link(open)}
            </p>
        }
        .into_any(),
        (None, None) => view! { <p data-membership="none">"Not a member."</p> }.into_any(),
    };
    let renewed = shop.renewed.clone().map(|r| {
        let (starts, _) = r.period.clone().unwrap_or_default();
        view! { <p>{format!("Renewed: the next year starts on {starts}.")}</p> }
    });
    let buy = match (&shop.audience, shop.is_owner, &shop.open_invoice) {
        (Err(why), _, _) => view! { <p>{why.clone()}</p> }.into_any(),
        (Ok(_), false, _) => {
            view! { <p>"Only the shop's owners can buy or renew its membership."</p> }.into_any()
        }
        (Ok(_), true, Some(_)) => {
            view! { <p>"Pay or cancel the open invoice before buying again."</p> }.into_any()
        }
        (Ok(audience), true, None) => {
            let mine: Vec<PlanView> = plans.iter().filter(|p| p.audience == *audience).cloned().collect();
            let verb = if shop.current.is_some() { "Renew" } else { "Become a member" };
            view! { <BuyForm organisation_id=id plans=mine verb /> }.into_any()
        }
    };
    let history = (!shop.history.is_empty()).then(|| {
        view! {
            <details><summary>"Invoices"</summary>
                <ul>{shop.history.iter().map(|i| view! {
                    <li>{invoice_link(i)}{format!(" · {} · {} · {}", i.plan_name, usd(i.total_cents), i.status.slug())}</li>
                }).collect_view()}</ul>
            </details>
        }
    });
    view! {
        <article class="shop-membership" data-org-id=id>
            <h3>{shop.name.clone()}</h3>
            {status}
            {renewed}
            {buy}
            {history}
        </article>
    }
}

/// Choosing a plan and typing a code: a GET to the checkout page, which shows the price.
#[component]
fn BuyForm(organisation_id: i64, plans: Vec<PlanView>, verb: &'static str) -> impl IntoView {
    if plans.is_empty() {
        return view! { <p>"No plan is offered for this kind of shop at the moment."</p> }.into_any();
    }
    let select_id = format!("plan-{organisation_id}");
    let code_id = format!("code-{organisation_id}");
    view! {
        <form method="get" action="/membership/checkout" class="buy">
            <input type="hidden" name="org" value=organisation_id />
            <div class="field">
                <label for=select_id.clone()>"Plan"</label>
                <select id=select_id name="plan" required>
                    {plans.into_iter().map(|p| view! {
                        <option value=p.id>{format!("{} — {} a year", p.name, usd(p.price_cents))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=code_id.clone()>"Partner code (optional)"</label>
                <input id=code_id name="code" maxlength="32" autocomplete="off" />
            </div>
            <button type="submit">{format!("{verb}: see the price")}</button>
        </form>
    }
    .into_any()
}

/// The shop, the plan and the code of the checkout: from the page's address, or for the code
/// after a refused confirmation, from what was typed (a refusal never puts it in the URL).
fn checkout_key() -> (i64, i64, String) {
    let query = use_query_map();
    let refused_code = typed("code")();
    query.with(|q| {
        let number = |name: &str| q.get(name).and_then(|v| v.parse::<i64>().ok()).unwrap_or_default();
        (number("org"), number("plan"), refused_code.or_else(|| q.get("code")).unwrap_or_default())
    })
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let quote = Resource::new(checkout_key, |(org, plan, code)| membership_quote(org, plan, code));
    view! {
        <Layout>
            <Title text="Checkout" />
            <h1>"Checkout"</h1>
            <p><a href="/membership">"Back to membership"</a></p>
            <FormError />
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match quote.await {
                        Ok(quote) => view! { <Quote quote /> }.into_any(),
                        Err(AppError::Invalid { field, message }) if field == "code" => {
                            view! { <CodeRefused message /> }.into_any()
                        }
                        // Signing in brings the person back to this checkout (Refusal redirects).
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

/// A refused code: said beside the code field, with the plan kept, to try another code or
/// none.
#[component]
fn CodeRefused(message: String) -> impl IntoView {
    let (org, plan, code) = checkout_key();
    view! {
        <form method="get" action="/membership/checkout" class="buy">
            <input type="hidden" name="org" value=org />
            <input type="hidden" name="plan" value=plan />
            <div class="field">
                <label for="code">"Partner code (optional)"</label>
                <input id="code" name="code" maxlength="32" value=code aria-invalid="true" aria-describedby="code-error" />
                <p id="code-error" class="field-error" role="alert">{message}</p>
            </div>
            <button type="submit">"See the price"</button>
        </form>
    }
}

#[component]
pub fn LinesTable(
    lines: Vec<LineView>,
    subtotal_cents: i64,
    discount_cents: i64,
    total_cents: i64,
) -> impl IntoView {
    view! {
        <TableScroll label="Invoice lines"><table class="invoice-lines">
            <thead><tr><th scope="col">"Item"</th><th scope="col" class="amount">"Amount (USD)"</th></tr></thead>
            <tbody>
                {lines.into_iter().map(|l| view! {
                    <tr><td>{l.description}</td><td class="amount" data-cents=l.amount_cents>{usd(l.amount_cents)}</td></tr>
                }).collect_view()}
            </tbody>
            <tfoot>
                <tr><th scope="row">"Subtotal"</th><td class="amount" id="subtotal" data-cents=subtotal_cents>{usd(subtotal_cents)}</td></tr>
                <tr><th scope="row">"Discount"</th><td class="amount" id="discount" data-cents=discount_cents>{usd(-discount_cents)}</td></tr>
                <tr><th scope="row">"Total"</th><td class="amount" id="total" data-cents=total_cents>{usd(total_cents)}</td></tr>
            </tfoot>
        </table></TableScroll>
    }
}

#[component]
fn Quote(quote: QuoteView) -> impl IntoView {
    let action = format!("/orgs/{}/membership", quote.organisation_id);
    let code = quote.code.clone().unwrap_or_default();
    view! {
        <p>{format!("{} for {}: 12 months from the day the invoice is paid.", quote.plan.name, quote.organisation)}</p>
        <LinesTable lines=quote.lines.clone() subtotal_cents=quote.subtotal_cents discount_cents=quote.discount_cents total_cents=quote.total_cents />
        {if quote.billing_ready {
            view! {
                <form method="post" action=action>
                    <input type="hidden" name="plan" value=quote.plan.id />
                    <input type="hidden" name="code" value=code />
                    <p>"Confirming issues an invoice to pay within 30 days. Your membership starts when it is paid."</p>
                    <button type="submit">{format!("Confirm and get the invoice for {}", usd(quote.total_cents))}</button>
                </form>
            }
            .into_any()
        } else {
            // No invoice can say who to pay yet: say so, and to an admin where to fix it.
            view! {
                <p class="notice" role="status" id="billing-missing">
                    "Bayline cannot issue invoices yet: its billing details (who to pay and how) are not set. "
                    {if quote.viewer_is_admin {
                        view! { <a href="/admin/membership#billing">"Set the billing details"</a> }.into_any()
                    } else {
                        view! { "Please try again later." }.into_any()
                    }}
                </p>
            }
            .into_any()
        }}
        <form method="get" action="/membership/checkout" class="buy">
            <input type="hidden" name="org" value=quote.organisation_id />
            <input type="hidden" name="plan" value=quote.plan.id />
            <div class="field">
                <label for="code">"Partner code (optional)"</label>
                <input id="code" name="code" maxlength="32" value=checkout_key().2 />
            </div>
            <button type="submit">"Apply another code"</button>
        </form>
    }
}
