//! Paid memberships: plans admins configure, partner discount codes, the membership terms a
//! shop buys and the invoice for each term. Money is integer cents (BIGINT), never a float.
//!
//! A term is the period a membership covers. It is created unpaid at checkout, with its
//! invoice, and gets its dates when the invoice is paid; access is decided from those dates,
//! so an expired membership downgrades access while every row stays.
use sea_orm_migration::prelude::*;

use crate::columns::{big_id, drop_tables, fk, index, optional_reference, reference, text, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Plan {
    Table,
    Id,
    Name,
    Audience,
    PriceCents,
    Unlocks,
    Description,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DiscountCode {
    Table,
    Id,
    Code,
    Partner,
    Kind,
    Value,
    ValidFrom,
    ValidTo,
    MaxUses,
    Uses,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DiscountCodePlan {
    Table,
    CodeId,
    PlanId,
}

#[derive(DeriveIden)]
enum MemberTerm {
    Table,
    Id,
    OrganisationId,
    PlanId,
    Status,
    StartsOn,
    EndsOn,
    MonthReminderAt,
    WeekReminderAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Invoice {
    Table,
    Id,
    Number,
    OrganisationId,
    TermId,
    IssuedAt,
    DueOn,
    SubtotalCents,
    DiscountCents,
    TotalCents,
    DiscountCodeId,
    Status,
    Provider,
    PaymentReference,
    PaidAt,
    RecordedBy,
}

#[derive(DeriveIden)]
enum InvoiceLine {
    Table,
    Id,
    InvoiceId,
    Position,
    Description,
    AmountCents,
}

fn cents(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().to_owned()
}

fn date(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).date().not_null().to_owned()
}

fn optional_date(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).date().null().to_owned()
}

fn optional_timestamp(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).timestamp_with_time_zone().null().to_owned()
}

fn optional_text(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).string().null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Plan::Table)
                    .col(big_id(Plan::Id))
                    .col(text(Plan::Name))
                    .col(text(Plan::Audience))
                    .col(cents(Plan::PriceCents))
                    .col(text(Plan::Unlocks))
                    .col(text(Plan::Description))
                    .col(ColumnDef::new(Plan::Active).boolean().not_null().default(true))
                    .col(timestamp(Plan::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DiscountCode::Table)
                    .col(big_id(DiscountCode::Id))
                    .col(text(DiscountCode::Code))
                    .col(text(DiscountCode::Partner))
                    .col(text(DiscountCode::Kind))
                    .col(cents(DiscountCode::Value))
                    .col(date(DiscountCode::ValidFrom))
                    .col(date(DiscountCode::ValidTo))
                    .col(ColumnDef::new(DiscountCode::MaxUses).integer().not_null())
                    // Counted by a conditional UPDATE (`uses < max_uses`) in the checkout's
                    // transaction, which is what stops two shops taking the last use.
                    .col(ColumnDef::new(DiscountCode::Uses).integer().not_null().default(0))
                    .col(timestamp(DiscountCode::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("ux_discount_code_code", DiscountCode::Table, vec![DiscountCode::Code.into_iden()])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DiscountCodePlan::Table)
                    .col(reference(DiscountCodePlan::CodeId))
                    .col(reference(DiscountCodePlan::PlanId))
                    .primary_key(Index::create().col(DiscountCodePlan::CodeId).col(DiscountCodePlan::PlanId))
                    .foreign_key(&mut fk(
                        "fk_discount_code_plan_code",
                        (DiscountCodePlan::Table, DiscountCodePlan::CodeId),
                        (DiscountCode::Table, DiscountCode::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_discount_code_plan_plan",
                        (DiscountCodePlan::Table, DiscountCodePlan::PlanId),
                        (Plan::Table, Plan::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MemberTerm::Table)
                    .col(big_id(MemberTerm::Id))
                    .col(reference(MemberTerm::OrganisationId))
                    .col(reference(MemberTerm::PlanId))
                    .col(text(MemberTerm::Status))
                    .col(optional_date(MemberTerm::StartsOn))
                    .col(optional_date(MemberTerm::EndsOn))
                    .col(optional_timestamp(MemberTerm::MonthReminderAt))
                    .col(optional_timestamp(MemberTerm::WeekReminderAt))
                    .col(timestamp(MemberTerm::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_member_term_organisation",
                        (MemberTerm::Table, MemberTerm::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    // A plan someone bought cannot be deleted, only retired (`active`).
                    .foreign_key(&mut fk(
                        "fk_member_term_plan",
                        (MemberTerm::Table, MemberTerm::PlanId),
                        (Plan::Table, Plan::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_member_term_organisation",
                MemberTerm::Table,
                vec![MemberTerm::OrganisationId.into_iden(), MemberTerm::EndsOn.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Invoice::Table)
                    .col(big_id(Invoice::Id))
                    .col(text(Invoice::Number))
                    .col(reference(Invoice::OrganisationId))
                    .col(reference(Invoice::TermId))
                    .col(timestamp(Invoice::IssuedAt))
                    .col(date(Invoice::DueOn))
                    .col(cents(Invoice::SubtotalCents))
                    .col(cents(Invoice::DiscountCents))
                    .col(cents(Invoice::TotalCents))
                    .col(optional_reference(Invoice::DiscountCodeId))
                    .col(text(Invoice::Status))
                    .col(optional_text(Invoice::Provider))
                    .col(optional_text(Invoice::PaymentReference))
                    .col(optional_timestamp(Invoice::PaidAt))
                    .col(optional_reference(Invoice::RecordedBy))
                    .foreign_key(&mut fk(
                        "fk_invoice_organisation",
                        (Invoice::Table, Invoice::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_invoice_term",
                        (Invoice::Table, Invoice::TermId),
                        (MemberTerm::Table, MemberTerm::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_invoice_discount_code",
                        (Invoice::Table, Invoice::DiscountCodeId),
                        (DiscountCode::Table, DiscountCode::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    // The admin who recorded a payment may later delete their account.
                    .foreign_key(&mut fk(
                        "fk_invoice_recorded_by",
                        (Invoice::Table, Invoice::RecordedBy),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("ux_invoice_number", Invoice::Table, vec![Invoice::Number.into_iden()])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("ux_invoice_term", Invoice::Table, vec![Invoice::TermId.into_iden()])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_invoice_organisation",
                Invoice::Table,
                vec![Invoice::OrganisationId.into_iden(), Invoice::Status.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InvoiceLine::Table)
                    .col(big_id(InvoiceLine::Id))
                    .col(reference(InvoiceLine::InvoiceId))
                    .col(ColumnDef::new(InvoiceLine::Position).integer().not_null())
                    .col(text(InvoiceLine::Description))
                    .col(cents(InvoiceLine::AmountCents))
                    .foreign_key(&mut fk(
                        "fk_invoice_line_invoice",
                        (InvoiceLine::Table, InvoiceLine::InvoiceId),
                        (Invoice::Table, Invoice::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_invoice_line_invoice",
                InvoiceLine::Table,
                vec![InvoiceLine::InvoiceId.into_iden()],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                InvoiceLine::Table.into_iden(),
                Invoice::Table.into_iden(),
                MemberTerm::Table.into_iden(),
                DiscountCodePlan::Table.into_iden(),
                DiscountCode::Table.into_iden(),
                Plan::Table.into_iden(),
            ],
        )
        .await
    }
}
