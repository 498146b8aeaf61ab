//! What a running server records for the commands run beside it: the public address it
//! serves, so `bayline admin create` prints links to the real site rather than a default.
use chrono::{DateTime, Utc};
use entity::site_setting;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, sea_query::OnConflict};

const PUBLIC_URL: &str = "public_url";

/// Records the address a starting server serves (the last one started wins). One upsert, so
/// several servers starting at once cannot trip over each other's insert.
pub async fn record_public_url(
    db: &impl ConnectionTrait,
    url: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = site_setting::Model { key: PUBLIC_URL.into(), value: url.into(), updated_at: now };
    site_setting::Entity::insert(row.into_active_model())
        .on_conflict(
            OnConflict::column(site_setting::Column::Key)
                .update_columns([site_setting::Column::Value, site_setting::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The address the servers recorded, if any has started on this database.
pub async fn public_url(db: &impl ConnectionTrait) -> Result<Option<String>, DbErr> {
    Ok(site_setting::Entity::find_by_id(PUBLIC_URL).one(db).await?.map(|row| row.value))
}
