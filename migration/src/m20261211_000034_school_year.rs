//! The school's year: a verified program's yearly update (one per school year, July to
//! June), the needs it records as filled and by which shop (the shop named may dispute),
//! and the badges an admin revoked. Badges themselves are not stored: they follow from the
//! updates and the undisputed fills by the rules `/recognition` states, so a late change
//! (a dispute, a removed fill) is reflected at once and nothing can drift.
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
enum Need {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SchoolYearUpdate {
    Table,
    Id,
    OrganisationId,
    SchoolYear,
    EnrolledAuto,
    EnrolledDiesel,
    EnrolledCollision,
    EnrolledHeavyTruck,
    Completions,
    Changes,
    Asks,
    UpdatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum NeedFill {
    Table,
    Id,
    NeedId,
    SchoolId,
    ShopId,
    SchoolYear,
    FilledOn,
    RecordedBy,
    RecordedAt,
    DisputeReason,
    DisputedBy,
    DisputedAt,
}

#[derive(DeriveIden)]
enum BadgeRevocation {
    Table,
    Id,
    OrganisationId,
    SchoolYear,
    Reason,
    RevokedBy,
    RevokedAt,
}

fn year(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).integer().not_null().to_owned()
}

fn count(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).integer().null().to_owned()
}

fn person_fk(name: &str, from: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    fk(name, from, (AppUser::Table, AppUser::Id), ForeignKeyAction::SetNull)
}

fn org_fk(name: &str, from: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    fk(name, from, (Organisation::Table, Organisation::Id), ForeignKeyAction::Cascade)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use SchoolYearUpdate as U;
        manager
            .create_table(
                Table::create()
                    .table(U::Table)
                    .col(big_id(U::Id))
                    .col(reference(U::OrganisationId))
                    .col(year(U::SchoolYear))
                    .col(count(U::EnrolledAuto))
                    .col(count(U::EnrolledDiesel))
                    .col(count(U::EnrolledCollision))
                    .col(count(U::EnrolledHeavyTruck))
                    .col(ColumnDef::new(U::Completions).integer().not_null())
                    .col(ColumnDef::new(U::Changes).text().not_null())
                    .col(ColumnDef::new(U::Asks).text().not_null())
                    .col(optional_reference(U::UpdatedBy))
                    .col(timestamp(U::CreatedAt))
                    .col(timestamp(U::UpdatedAt))
                    .foreign_key(&mut org_fk("fk_school_year_update_org", (U::Table, U::OrganisationId)))
                    .foreign_key(&mut person_fk("fk_school_year_update_user", (U::Table, U::UpdatedBy)))
                    .to_owned(),
            )
            .await?;
        // One update a school year: two members saving at once make one row.
        manager
            .create_index(
                index(
                    "idx_school_year_update_one",
                    U::Table,
                    vec![U::OrganisationId.into_iden(), U::SchoolYear.into_iden()],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        use NeedFill as F;
        manager
            .create_table(
                Table::create()
                    .table(F::Table)
                    .col(big_id(F::Id))
                    .col(reference(F::NeedId))
                    .col(reference(F::SchoolId))
                    .col(reference(F::ShopId))
                    .col(year(F::SchoolYear))
                    .col(ColumnDef::new(F::FilledOn).date().not_null())
                    .col(optional_reference(F::RecordedBy))
                    .col(timestamp(F::RecordedAt))
                    .col(ColumnDef::new(F::DisputeReason).string().null())
                    .col(optional_reference(F::DisputedBy))
                    .col(ColumnDef::new(F::DisputedAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut fk(
                        "fk_need_fill_need",
                        (F::Table, F::NeedId),
                        (Need::Table, Need::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut org_fk("fk_need_fill_school", (F::Table, F::SchoolId)))
                    .foreign_key(&mut org_fk("fk_need_fill_shop", (F::Table, F::ShopId)))
                    .foreign_key(&mut person_fk("fk_need_fill_recorded_by", (F::Table, F::RecordedBy)))
                    .foreign_key(&mut person_fk("fk_need_fill_disputed_by", (F::Table, F::DisputedBy)))
                    .to_owned(),
            )
            .await?;
        // A need is filled by one shop: recording again names another.
        manager
            .create_index(
                index("idx_need_fill_need", F::Table, vec![F::NeedId.into_iden()]).unique().to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_need_fill_school_year",
                F::Table,
                vec![F::SchoolYear.into_iden(), F::SchoolId.into_iden()],
            ))
            .await?;
        manager
            .create_index(index(
                "idx_need_fill_shop_year",
                F::Table,
                vec![F::SchoolYear.into_iden(), F::ShopId.into_iden()],
            ))
            .await?;
        use BadgeRevocation as R;
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    .col(big_id(R::Id))
                    .col(reference(R::OrganisationId))
                    .col(year(R::SchoolYear))
                    .col(text(R::Reason))
                    .col(optional_reference(R::RevokedBy))
                    .col(timestamp(R::RevokedAt))
                    .foreign_key(&mut org_fk("fk_badge_revocation_org", (R::Table, R::OrganisationId)))
                    .foreign_key(&mut person_fk("fk_badge_revocation_user", (R::Table, R::RevokedBy)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "idx_badge_revocation_one",
                    R::Table,
                    vec![R::OrganisationId.into_iden(), R::SchoolYear.into_iden()],
                )
                .unique()
                .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            vec![
                BadgeRevocation::Table.into_iden(),
                NeedFill::Table.into_iden(),
                SchoolYearUpdate::Table.into_iden(),
            ],
        )
        .await
    }
}
