//! School claims. A claim of an IPEDS program is a row of `program_claim` that waits on its
//! own: several people may claim one school, and no pending claim blocks another. The
//! organisation is created only when a claim is verified (at once for an exact, unshared
//! school host; otherwise by an admin), and the other claims of that school then wait for
//! its verified owners to accept or refuse them as members.
//!
//! At most one organisation per IPEDS institution (UNITID), enforced by the database so two
//! instructors claiming the same school at the same moment cannot both create one. Rejected
//! organisations keep their UNITID as history and do not count. Duplicates left by earlier
//! races are resolved first: the oldest organisation of each UNITID is kept, the later ones
//! are marked rejected with the reason, so nothing is deleted.
use sea_orm_migration::prelude::*;

use crate::columns::{big_id, fk, index, optional_reference, reference, text, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEX: &str = "idx_organisation_one_per_unitid";

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
    Unitid,
    Status,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProgramClaim {
    Table,
    Id,
    Unitid,
    UserId,
    HostMatch,
    Status,
    OrganisationId,
    Reason,
    CreatedAt,
    DecidedBy,
    DecidedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE organisation SET status = 'rejected', \
                 status_reason = 'a second organisation for the same school (created by a race)' \
                 WHERE unitid IS NOT NULL AND status <> 'rejected' AND id NOT IN \
                 (SELECT MIN(id) FROM organisation WHERE unitid IS NOT NULL AND status <> 'rejected' GROUP BY unitid)",
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Organisation::Table)
                    .col(Organisation::Unitid)
                    .unique()
                    .and_where(Expr::col(Organisation::Unitid).is_not_null())
                    .and_where(Expr::col(Organisation::Status).ne("rejected"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProgramClaim::Table)
                    .col(big_id(ProgramClaim::Id))
                    .col(ColumnDef::new(ProgramClaim::Unitid).integer().not_null())
                    .col(reference(ProgramClaim::UserId))
                    // exact | subdomain | shared | none: the claimant's address against the
                    // institution's IPEDS web host, when the claim was made.
                    .col(text(ProgramClaim::HostMatch))
                    // pending (an admin decides) | waiting (the school's owners decide) |
                    // verified | accepted | refused | withdrawn
                    .col(text(ProgramClaim::Status))
                    .col(optional_reference(ProgramClaim::OrganisationId))
                    .col(ColumnDef::new(ProgramClaim::Reason).string().not_null().default(""))
                    .col(timestamp(ProgramClaim::CreatedAt))
                    .col(optional_reference(ProgramClaim::DecidedBy))
                    .col(ColumnDef::new(ProgramClaim::DecidedAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut fk(
                        "fk_program_claim_user",
                        (ProgramClaim::Table, ProgramClaim::UserId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_program_claim_organisation",
                        (ProgramClaim::Table, ProgramClaim::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_program_claim_decided_by",
                        (ProgramClaim::Table, ProgramClaim::DecidedBy),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        // One open claim per person and school.
        manager
            .create_index(
                index(
                    "idx_program_claim_open",
                    ProgramClaim::Table,
                    vec![ProgramClaim::Unitid.into_iden(), ProgramClaim::UserId.into_iden()],
                )
                .unique()
                .and_where(Expr::col(ProgramClaim::Status).is_in(["pending", "waiting"]))
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_program_claim_status",
                ProgramClaim::Table,
                vec![ProgramClaim::Status.into_iden(), ProgramClaim::Unitid.into_iden()],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ProgramClaim::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name(INDEX).table(Organisation::Table).to_owned()).await
    }
}
