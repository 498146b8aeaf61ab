//! The person's signed-in devices: each live session with the device and address it was
//! started from and when it was last used; any one, or all the others, can be ended.
use chrono::{DateTime, Utc};
use entity::session;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::{
    audit::{self, Event},
    sessions::{self, ABSOLUTE_TIMEOUT, IDLE_TIMEOUT},
};
use crate::{
    authz::{self, Actor},
    error::ServiceError,
};

/// Characters of the stored digest that name a session in forms: enough to be unique among
/// one person's sessions, and not the digest itself.
const HANDLE_LENGTH: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceView {
    pub handle: String,
    /// "Chrome on Android", or "Unknown browser".
    pub device: String,
    pub address: String,
    pub signed_in_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// The session of the request asking.
    pub this_device: bool,
}

/// Live sessions, most recently used first.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    current_token: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<DeviceView>, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let current = current_token.map(sessions::digest);
    let rows = session::Entity::find()
        .filter(session::Column::UserId.eq(actor.user_id))
        .filter(session::Column::ExpiresAt.gt(now))
        .filter(session::Column::LastSeenAt.gt(now - IDLE_TIMEOUT))
        .filter(session::Column::CreatedAt.gt(now - ABSOLUTE_TIMEOUT))
        .order_by_desc(session::Column::LastSeenAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|s| DeviceView {
            handle: s.id_hash[..HANDLE_LENGTH].to_string(),
            device: describe(&s.user_agent),
            address: if s.client_address.is_empty() { "unknown".into() } else { s.client_address.clone() },
            signed_in_at: s.created_at,
            last_seen_at: s.last_seen_at,
            this_device: current.as_deref() == Some(s.id_hash.as_str()),
        })
        .collect())
}

/// Ends the person's session named by `handle` (only theirs: another person's handle ends
/// nothing and answers not found).
pub async fn end_one(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    handle: &str,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor = authz::signed_in(actor)?;
    if handle.len() != HANDLE_LENGTH || !handle.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ServiceError::NotFound);
    }
    let ended = session::Entity::delete_many()
        .filter(session::Column::UserId.eq(actor.user_id))
        .filter(session::Column::IdHash.starts_with(handle.to_ascii_lowercase()))
        .exec(db)
        .await?;
    if ended.rows_affected == 0 {
        return Err(ServiceError::NotFound);
    }
    audit::record(db, Event::SessionEnded, Some(actor.user_id), "one", client_ip, now).await?;
    Ok(())
}

/// Ends every session of the person but the asking one; returns how many ended.
pub async fn end_others(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    current_token: Option<&str>,
    client_ip: &str,
    now: DateTime<Utc>,
) -> Result<u64, ServiceError> {
    let actor = authz::signed_in(actor)?;
    let ended = sessions::end_all_but(db, actor.user_id, current_token).await?;
    audit::record(db, Event::SessionEnded, Some(actor.user_id), "others", client_ip, now).await?;
    Ok(ended)
}

/// A person-readable name for a User-Agent: browser and system, nothing finer.
pub fn describe(user_agent: &str) -> String {
    let ua = user_agent.to_ascii_lowercase();
    let browser = [
        ("edg/", "Edge"),
        ("opr/", "Opera"),
        ("samsungbrowser", "Samsung Internet"),
        ("firefox/", "Firefox"),
        ("crios", "Chrome"),
        ("chrome/", "Chrome"),
        ("chromium", "Chromium"),
        ("safari/", "Safari"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    let system = [
        ("android", "Android"),
        ("iphone", "iPhone"),
        ("ipad", "iPad"),
        ("windows", "Windows"),
        ("cros", "ChromeOS"),
        ("mac os", "macOS"),
        ("linux", "Linux"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} on {s}"),
        (Some(b), None) => b.to_string(),
        (None, Some(s)) => format!("A browser on {s}"),
        (None, None) => "Unknown browser".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn devices_are_named_by_browser_and_system() {
        let phone = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
        assert_eq!(describe(phone), "Chrome on Android");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
        assert_eq!(describe(iphone), "Safari on iPhone");
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0";
        assert_eq!(describe(edge), "Edge on Windows");
        assert_eq!(describe(""), "Unknown browser");
    }
}
