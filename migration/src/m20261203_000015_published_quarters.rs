//! A published quarter never changes (docs/privacy.md, "A published figure never changes").
//! When a quarter is first published, the accepted submissions it rests on are copied into
//! `published_pay_fact` and `published_shop_fact`, reduced to what figures need and with the
//! shop replaced by a number that means something only inside that quarter. Figures of a
//! published quarter are read from these rows alone, so a later review, a superseded or
//! deleted submission, a deleted shop or account, or an import changes none of them.
//! `published_quarter` records each freeze (its primary key makes it happen once, however
//! many servers race for it) and the secret that fixes each figure's blur.
//!
//! `pay_submission.counts_in` names the quarter a late-accepted submission counts toward:
//! one accepted after its own quarter was published counts toward the next quarter not yet
//! published. NULL means its own quarter.
use sea_orm_migration::prelude::*;

use crate::columns::{big_id, index, text, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PublishedQuarter {
    Table,
    Quarter,
    PublishedAt,
    Secret,
}

#[derive(DeriveIden)]
enum PublishedPayFact {
    Table,
    Id,
    Quarter,
    Contributor,
    State,
    Area,
    ShopGroup,
    Role,
    Experience,
    Certification,
    Technicians,
    AnnualCents,
}

#[derive(DeriveIden)]
enum PublishedShopFact {
    Table,
    Id,
    Quarter,
    Contributor,
    State,
    Area,
    ShopGroup,
    Technicians,
    Benefits,
    LaborMechanicalCents,
    LaborDieselCents,
    LaborBodyCents,
    LaborPaintCents,
}

#[derive(DeriveIden)]
enum PaySubmission {
    Table,
    CountsIn,
}

fn number(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).integer().not_null().to_owned()
}

fn optional_cents(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PublishedQuarter::Table)
                    .col(text(PublishedQuarter::Quarter).primary_key())
                    .col(timestamp(PublishedQuarter::PublishedAt))
                    .col(text(PublishedQuarter::Secret))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PublishedPayFact::Table)
                    .col(big_id(PublishedPayFact::Id))
                    .col(text(PublishedPayFact::Quarter))
                    .col(number(PublishedPayFact::Contributor))
                    .col(text(PublishedPayFact::State))
                    .col(text(PublishedPayFact::Area))
                    .col(text(PublishedPayFact::ShopGroup))
                    .col(text(PublishedPayFact::Role))
                    .col(text(PublishedPayFact::Experience))
                    .col(text(PublishedPayFact::Certification))
                    .col(number(PublishedPayFact::Technicians))
                    .col(ColumnDef::new(PublishedPayFact::AnnualCents).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_published_pay_fact_quarter",
                PublishedPayFact::Table,
                vec![PublishedPayFact::Quarter.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PublishedShopFact::Table)
                    .col(big_id(PublishedShopFact::Id))
                    .col(text(PublishedShopFact::Quarter))
                    .col(number(PublishedShopFact::Contributor))
                    .col(text(PublishedShopFact::State))
                    .col(text(PublishedShopFact::Area))
                    .col(text(PublishedShopFact::ShopGroup))
                    .col(number(PublishedShopFact::Technicians))
                    // One bit per benefit, in `domain::insights::Benefit::ALL` order.
                    .col(number(PublishedShopFact::Benefits))
                    .col(optional_cents(PublishedShopFact::LaborMechanicalCents))
                    .col(optional_cents(PublishedShopFact::LaborDieselCents))
                    .col(optional_cents(PublishedShopFact::LaborBodyCents))
                    .col(optional_cents(PublishedShopFact::LaborPaintCents))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_published_shop_fact_quarter",
                PublishedShopFact::Table,
                vec![PublishedShopFact::Quarter.into_iden()],
            ))
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PaySubmission::Table)
                    .add_column(ColumnDef::new(PaySubmission::CountsIn).string().null())
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(PaySubmission::Table).drop_column(PaySubmission::CountsIn).to_owned(),
            )
            .await?;
        crate::columns::drop_tables(
            manager,
            vec![
                PublishedShopFact::Table.into_iden(),
                PublishedPayFact::Table.into_iden(),
                PublishedQuarter::Table.into_iden(),
            ],
        )
        .await
    }
}
