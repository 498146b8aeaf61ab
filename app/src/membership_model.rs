//! What the membership pages show: plans, a shop's membership, a checkout quote, an invoice
//! and the admins' lists. Amounts stay integer cents until `usd` prints them.
use domain::billing::{Audience, Unlock};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanView {
    pub id: i64,
    pub name: String,
    pub audience: Audience,
    pub price_cents: i64,
    pub unlocks: Vec<Unlock>,
    pub description: String,
    pub active: bool,
}

/// An invoice in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvoiceSummary {
    pub id: i64,
    pub number: String,
    pub plan_name: String,
    pub total_cents: i64,
    pub status: domain::billing::InvoiceStatus,
    pub issued_on: String,
    pub due_on: String,
    /// The term's dates once paid.
    pub period: Option<(String, String)>,
    /// The organisation's name (admins' list).
    pub organisation: String,
}

/// One of the viewer's shops on `/membership`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShopMembershipView {
    pub organisation_id: i64,
    pub name: String,
    pub is_owner: bool,
    /// The audience whose plans it may buy, or why it may not buy.
    pub audience: Result<Audience, String>,
    pub current: Option<InvoiceSummary>,
    pub renewed: Option<InvoiceSummary>,
    pub open_invoice: Option<InvoiceSummary>,
    pub history: Vec<InvoiceSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MembershipView {
    pub plans: Vec<PlanView>,
    pub signed_in: bool,
    pub shops: Vec<ShopMembershipView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineView {
    pub description: String,
    pub amount_cents: i64,
}

/// The price of a plan for a shop, before confirming.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteView {
    pub organisation_id: i64,
    pub organisation: String,
    pub plan: PlanView,
    pub code: Option<String>,
    pub lines: Vec<LineView>,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub total_cents: i64,
    /// Whether Bayline can issue the invoice: its billing details are set.
    pub billing_ready: bool,
    /// Whether the viewer is an admin (who can set the billing details).
    pub viewer_is_admin: bool,
}

/// `/invoices/{id}`: everything the printed invoice shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvoiceView {
    pub summary: InvoiceSummary,
    pub organisation_id: i64,
    pub bill_to: Vec<String>,
    pub lines: Vec<LineView>,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub code: Option<String>,
    pub paid_on: Option<String>,
    pub provider: Option<String>,
    pub reference: Option<String>,
    pub viewer_is_owner: bool,
    pub viewer_is_admin: bool,
    /// Who to pay and how (the operator's billing details as the invoice was issued).
    pub payee: Option<domain::billing::Payee>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeView {
    pub code: String,
    pub partner: String,
    pub discount: String,
    pub valid_from: String,
    pub valid_to: String,
    pub uses: i32,
    pub max_uses: i32,
    pub plans: Vec<String>,
}

/// `/admin/membership`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MembershipAdminView {
    pub plans: Vec<PlanView>,
    pub codes: Vec<CodeView>,
    pub open_invoices: Vec<InvoiceSummary>,
    /// The billing details invoices print, once set.
    pub billing: Option<domain::billing::Payee>,
}
