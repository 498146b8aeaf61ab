//! Work-based learning, first slice: a placement made from a student's interest that the
//! shop marked hired — the student, the shop, a mentor of the shop, the school program and
//! its coordinator, dates, weekly hours, pay, ASE task areas — and a guardian's consent for
//! a minor. No date of birth is stored: the student says whether they are under 18.
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
enum OpeningInterest {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Placement {
    Table,
    Id,
    InterestId,
    StudentId,
    ShopId,
    ProgramId,
    MentorId,
    CoordinatorId,
    StartsOn,
    EndsOn,
    WeeklyHours,
    Paid,
    TaskAreas,
    Status,
    Minor,
    GuardianEmail,
    ConsentName,
    ConsentedAt,
    EndReason,
    EndedBy,
    EndedAt,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
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
        use Placement as P;
        manager
            .create_table(
                Table::create()
                    .table(P::Table)
                    .col(big_id(P::Id))
                    // The interest it came from; NULL once the student's account (and with
                    // it the interest) is deleted: the school's record stays.
                    .col(optional_reference(P::InterestId))
                    .col(optional_reference(P::StudentId))
                    .col(reference(P::ShopId))
                    .col(reference(P::ProgramId))
                    .col(optional_reference(P::MentorId))
                    .col(optional_reference(P::CoordinatorId))
                    .col(ColumnDef::new(P::StartsOn).date().not_null())
                    .col(ColumnDef::new(P::EndsOn).date().not_null())
                    .col(ColumnDef::new(P::WeeklyHours).integer().not_null())
                    .col(ColumnDef::new(P::Paid).boolean().not_null())
                    .col(text(P::TaskAreas))
                    .col(text(P::Status))
                    // NULL until the student says; no date of birth is ever stored.
                    .col(ColumnDef::new(P::Minor).boolean().null())
                    .col(ColumnDef::new(P::GuardianEmail).string().null())
                    .col(ColumnDef::new(P::ConsentName).string().null())
                    .col(ColumnDef::new(P::ConsentedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(P::EndReason).string().null())
                    .col(optional_reference(P::EndedBy))
                    .col(ColumnDef::new(P::EndedAt).timestamp_with_time_zone().null())
                    .col(optional_reference(P::CreatedBy))
                    .col(timestamp(P::CreatedAt))
                    .col(timestamp(P::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_placement_interest",
                        (P::Table, P::InterestId),
                        (OpeningInterest::Table, OpeningInterest::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut person_fk("fk_placement_student", (P::Table, P::StudentId)))
                    .foreign_key(&mut org_fk("fk_placement_shop", (P::Table, P::ShopId)))
                    .foreign_key(&mut org_fk("fk_placement_program", (P::Table, P::ProgramId)))
                    .foreign_key(&mut person_fk("fk_placement_mentor", (P::Table, P::MentorId)))
                    .foreign_key(&mut person_fk("fk_placement_coordinator", (P::Table, P::CoordinatorId)))
                    .foreign_key(&mut person_fk("fk_placement_ended_by", (P::Table, P::EndedBy)))
                    .foreign_key(&mut person_fk("fk_placement_created_by", (P::Table, P::CreatedBy)))
                    .to_owned(),
            )
            .await?;
        // One placement an interest: two members creating at once make one.
        manager
            .create_index(
                index("idx_placement_interest", P::Table, vec![P::InterestId.into_iden()])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_placement_student", P::Table, vec![P::StudentId.into_iden()]))
            .await?;
        manager.create_index(index("idx_placement_shop", P::Table, vec![P::ShopId.into_iden()])).await?;
        manager.create_index(index("idx_placement_program", P::Table, vec![P::ProgramId.into_iden()])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(manager, vec![Placement::Table.into_iden()]).await
    }
}
