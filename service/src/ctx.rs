//! What every request brings to the service layer: who asks (checked by `authz` in each
//! call), the time it is for them (injected, so tests move the clock), and the site's own
//! address for links in emails. Each request builds it once, from one session lookup
//! ([`Ctx::for_session`]): form handlers through `server/src/forms/reply.rs` `Caller`,
//! server functions through `app/src/ssr.rs` `request_ctx`.
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::{
    accounts::sessions,
    authz::{self, Actor},
    error::ServiceError,
};

#[derive(Debug, Clone)]
pub struct Ctx {
    pub actor: Option<Actor>,
    pub site_url: String,
    pub now: DateTime<Utc>,
}

impl Ctx {
    pub fn new(actor: Option<Actor>, site_url: &str, now: DateTime<Utc>) -> Self {
        Self { actor, site_url: site_url.to_string(), now }
    }

    /// The context of a request carrying the session `token` (or none): the session is
    /// resumed (an expired or ended one gives no actor) and its person's rights read.
    pub async fn for_session(
        db: &impl ConnectionTrait,
        token: Option<&str>,
        site_url: &str,
        now: DateTime<Utc>,
    ) -> Result<Self, ServiceError> {
        let user_id = match token {
            Some(token) => sessions::resume(db, token, now).await?,
            None => None,
        };
        let actor = match user_id {
            Some(user_id) => authz::actor(db, user_id).await?,
            None => None,
        };
        Ok(Self::new(actor, site_url, now))
    }
}
