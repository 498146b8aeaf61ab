//! A signed-in browser. The cookie holds a random token; only its SHA-256 is stored.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "session")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id_hash: String,
    pub user_id: i64,
    pub created_at: ChronoDateTimeUtc,
    pub last_seen_at: ChronoDateTimeUtc,
    /// The absolute end, whatever the activity.
    pub expires_at: ChronoDateTimeUtc,
    /// The browser's User-Agent when it signed in, for the person's list of devices.
    pub user_agent: String,
    /// The client address it signed in from.
    pub client_address: String,
}

crate::belongs_to! { AppUser: UserId -> app_user related }

impl ActiveModelBehavior for ActiveModel {}
