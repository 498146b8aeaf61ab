//! The Industry Data Exchange: one current submission per shop and quarter (a resubmission
//! supersedes the old one, which stays as history), the pay rows per role it carries, and
//! its benefits and customer labor rates. Money is in integer cents. A partial unique index
//! keeps one current submission per (shop, quarter), even when two members submit at once.
use sea_orm_migration::prelude::*;

use crate::columns::{big_id, drop_tables, fk, index, optional_reference, reference, text, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

const CURRENT_SUBMISSION: &str = "idx_pay_submission_current";

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PaySubmission {
    Table,
    Id,
    ShopId,
    Quarter,
    State,
    Area,
    ShopGroup,
    Status,
    HoldReasons,
    Technicians,
    HealthInsurance,
    RetirementMatchPct,
    ToolAllowanceCents,
    PaidTraining,
    AseReimbursement,
    Uniforms,
    PtoDays,
    SignOnBonusCents,
    LaborMechanicalCents,
    LaborDieselCents,
    LaborBodyCents,
    LaborPaintCents,
    SubmittedBy,
    SubmittedAt,
    SupersededAt,
    ReviewedBy,
    ReviewedAt,
}

#[derive(DeriveIden)]
enum PayRow {
    Table,
    Id,
    SubmissionId,
    Role,
    PayType,
    RateCents,
    FlatHours,
    Technicians,
    Experience,
    Certification,
    AnnualCents,
}

fn flag(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).boolean().not_null().default(false).to_owned()
}

fn cents(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().default(0).to_owned()
}

fn optional_cents(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().null().to_owned()
}

fn count(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).integer().not_null().default(0).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PaySubmission::Table)
                    .col(big_id(PaySubmission::Id))
                    .col(reference(PaySubmission::ShopId))
                    // e.g. 2026-Q1: the quarter the submission was made in.
                    .col(text(PaySubmission::Quarter))
                    // Where the shop was, and its group, when it submitted.
                    .col(text(PaySubmission::State))
                    .col(text(PaySubmission::Area))
                    .col(text(PaySubmission::ShopGroup))
                    // accepted | held | rejected
                    .col(text(PaySubmission::Status))
                    .col(ColumnDef::new(PaySubmission::HoldReasons).text().not_null().default(""))
                    .col(count(PaySubmission::Technicians))
                    .col(flag(PaySubmission::HealthInsurance))
                    .col(count(PaySubmission::RetirementMatchPct))
                    .col(cents(PaySubmission::ToolAllowanceCents))
                    .col(flag(PaySubmission::PaidTraining))
                    .col(flag(PaySubmission::AseReimbursement))
                    .col(flag(PaySubmission::Uniforms))
                    .col(count(PaySubmission::PtoDays))
                    .col(cents(PaySubmission::SignOnBonusCents))
                    .col(optional_cents(PaySubmission::LaborMechanicalCents))
                    .col(optional_cents(PaySubmission::LaborDieselCents))
                    .col(optional_cents(PaySubmission::LaborBodyCents))
                    .col(optional_cents(PaySubmission::LaborPaintCents))
                    .col(optional_reference(PaySubmission::SubmittedBy))
                    .col(timestamp(PaySubmission::SubmittedAt))
                    .col(ColumnDef::new(PaySubmission::SupersededAt).timestamp_with_time_zone().null())
                    .col(optional_reference(PaySubmission::ReviewedBy))
                    .col(ColumnDef::new(PaySubmission::ReviewedAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut fk(
                        "fk_pay_submission_shop",
                        (PaySubmission::Table, PaySubmission::ShopId),
                        (Organisation::Table, Organisation::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_pay_submission_submitted_by",
                        (PaySubmission::Table, PaySubmission::SubmittedBy),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        "fk_pay_submission_reviewed_by",
                        (PaySubmission::Table, PaySubmission::ReviewedBy),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        // A partial unique index: SQLite and PostgreSQL both enforce it.
        manager
            .create_index(
                index(
                    CURRENT_SUBMISSION,
                    PaySubmission::Table,
                    vec![PaySubmission::ShopId.into_iden(), PaySubmission::Quarter.into_iden()],
                )
                .unique()
                .and_where(Expr::col(PaySubmission::SupersededAt).is_null())
                .to_owned(),
            )
            .await?;
        // Access ("did this shop contribute lately?") reads by shop.
        manager
            .create_index(index(
                "idx_pay_submission_shop",
                PaySubmission::Table,
                vec![PaySubmission::ShopId.into_iden(), PaySubmission::SubmittedAt.into_iden()],
            ))
            .await?;
        // The insights cache's version check reads MAX(id) per published quarter and
        // MAX(reviewed_at) from these indexes.
        manager
            .create_index(index(
                "idx_pay_submission_quarter_id",
                PaySubmission::Table,
                vec![PaySubmission::Quarter.into_iden(), PaySubmission::Id.into_iden()],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_pay_submission_reviewed",
                PaySubmission::Table,
                vec![PaySubmission::ReviewedAt.into_iden()],
            ))
            .await?;
        // Figures read a quarter's accepted submissions; the review queue reads held ones.
        manager
            .create_index(index(
                "idx_pay_submission_quarter_status",
                PaySubmission::Table,
                vec![PaySubmission::Quarter.into_iden(), PaySubmission::Status.into_iden()],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PayRow::Table)
                    .col(big_id(PayRow::Id))
                    .col(reference(PayRow::SubmissionId))
                    .col(text(PayRow::Role))
                    .col(text(PayRow::PayType))
                    .col(ColumnDef::new(PayRow::RateCents).big_integer().not_null())
                    .col(ColumnDef::new(PayRow::FlatHours).integer().null())
                    .col(ColumnDef::new(PayRow::Technicians).integer().not_null())
                    .col(text(PayRow::Experience))
                    .col(text(PayRow::Certification))
                    // Annualised pay, derived once at submission.
                    .col(ColumnDef::new(PayRow::AnnualCents).big_integer().not_null())
                    .foreign_key(&mut fk(
                        "fk_pay_row_submission",
                        (PayRow::Table, PayRow::SubmissionId),
                        (PaySubmission::Table, PaySubmission::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_pay_row_submission",
                PayRow::Table,
                vec![PayRow::SubmissionId.into_iden()],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(CURRENT_SUBMISSION).table(PaySubmission::Table).to_owned())
            .await?;
        drop_tables(manager, vec![PayRow::Table.into_iden(), PaySubmission::Table.into_iden()]).await
    }
}
