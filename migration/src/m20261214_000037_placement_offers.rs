//! A placement made from an accepted internship or apprenticeship offer on a need: the
//! offer it came from (several placements may come from one offer). SET NULL when the offer
//! is deleted: the school's record of the placement stays.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::columns::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Placement {
    Table,
    OfferId,
}

const INDEX: &str = "idx_placement_offer";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite keeps the column when rolled back (see `down`): re-applying finds it there.
        if !manager.has_column("placement", "offer_id").await? {
            // A column's own REFERENCES clause: SQLite cannot add a foreign key to an
            // existing table any other way, and PostgreSQL reads the same statement.
            manager
                .get_connection()
                .execute_unprepared(
                    "ALTER TABLE placement ADD COLUMN offer_id bigint NULL \
                     REFERENCES offer (id) ON DELETE SET NULL",
                )
                .await?;
        }
        manager
            .create_index(index(INDEX, Placement::Table, vec![Placement::OfferId.into_iden()]).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(INDEX).table(Placement::Table).to_owned()).await?;
        // SQLite cannot drop a column that holds a foreign key without rebuilding the
        // table; the unused NULL column stays there and `up` takes it as it is.
        if manager.get_database_backend() != DatabaseBackend::Sqlite {
            manager
                .alter_table(
                    Table::alter().table(Placement::Table).drop_column(Placement::OfferId).to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
