//! What every request brings to the service layer: who asks (checked by `authz` in each
//! call), the time it is for them (injected, so tests move the clock), and the site's own
//! address for links in emails. A form handler builds it once from its one session lookup
//! (`server/src/forms/reply.rs` `Caller`).
use chrono::{DateTime, Utc};

use crate::authz::Actor;

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
}
