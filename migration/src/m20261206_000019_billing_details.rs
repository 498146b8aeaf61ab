//! The operator's billing details, which every invoice prints under "How to pay": legal name,
//! postal address, contact email, payment instructions (remittance or bank details) and an
//! optional tax id. One row, edited by admins; no invoice is issued until it exists.
//!
//! `invoice.payee` keeps the details as they were when the invoice was issued (JSON), so a
//! later change of bank details never rewrites an invoice already sent.
use sea_orm_migration::prelude::*;

use crate::columns::{text, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BillingDetails {
    Table,
    Id,
    LegalName,
    PostalAddress,
    ContactEmail,
    PaymentInstructions,
    TaxId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Invoice {
    Table,
    Payee,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BillingDetails::Table)
                    .col(ColumnDef::new(BillingDetails::Id).integer().not_null().primary_key())
                    .col(text(BillingDetails::LegalName))
                    .col(ColumnDef::new(BillingDetails::PostalAddress).text().not_null())
                    .col(text(BillingDetails::ContactEmail))
                    .col(ColumnDef::new(BillingDetails::PaymentInstructions).text().not_null())
                    .col(text(BillingDetails::TaxId))
                    .col(timestamp(BillingDetails::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Invoice::Table)
                    .add_column(ColumnDef::new(Invoice::Payee).text().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Invoice::Table).drop_column(Invoice::Payee).to_owned())
            .await?;
        manager.drop_table(Table::drop().table(BillingDetails::Table).to_owned()).await
    }
}
