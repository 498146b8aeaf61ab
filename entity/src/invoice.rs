//! The invoice for one membership term. Its totals are computed from its lines when it is
//! issued and never edited; payment is recorded by a payment provider.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "invoice")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub number: String,
    pub organisation_id: i64,
    pub term_id: i64,
    pub issued_at: ChronoDateTimeUtc,
    pub due_on: Date,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub total_cents: i64,
    pub discount_code_id: Option<i64>,
    pub status: domain::billing::InvoiceStatus,
    /// The key of the payment provider that recorded the payment.
    pub provider: Option<String>,
    pub payment_reference: Option<String>,
    pub paid_at: Option<ChronoDateTimeUtc>,
    /// The admin who recorded a manual payment.
    pub recorded_by: Option<i64>,
    /// The operator's billing details when the invoice was issued (JSON of
    /// `domain::billing::Payee`); none on invoices issued before they were kept.
    #[sea_orm(column_type = "Text", nullable)]
    pub payee: Option<String>,
}

crate::belongs_to! { Organisation: OrganisationId -> organisation related, MemberTerm: TermId -> member_term related }

impl ActiveModelBehavior for ActiveModel {}
