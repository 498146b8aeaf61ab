//! Every sign-in counts recent failures per account and per client address in the audit
//! log; these indexes keep those counts from scanning the whole log as it grows.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Event,
    Detail,
    ClientIp,
    At,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, column) in [
            ("idx_audit_event_detail", AuditEvent::Detail),
            ("idx_audit_event_client_ip", AuditEvent::ClientIp),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(AuditEvent::Table)
                        .col(AuditEvent::Event)
                        .col(column)
                        .col(AuditEvent::At)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["idx_audit_event_client_ip", "idx_audit_event_detail"] {
            manager.drop_index(Index::drop().name(name).table(AuditEvent::Table).to_owned()).await?;
        }
        Ok(())
    }
}
