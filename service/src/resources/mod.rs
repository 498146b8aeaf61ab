//! The resources library: articles admins write for shops, each public or for paying
//! members only.
//!
//! Who reads what is decided once, by [`reader`], and applied inside every query
//! ([`read::visible`]), so a members-only article is never listed, counted, found by search
//! or opened for anyone who is not a current paying member or an admin: to them it does not
//! exist, and its address answers `NotFound` exactly as an unknown one does.
pub mod read;
pub mod write;

use chrono::{DateTime, Utc};
use domain::{
    billing::Unlock,
    resources::{ArticleSummary, ResourceCategory, Visibility},
};
use entity::resource_article;
use sea_orm::{ConnectionTrait, DbErr};

use crate::{authz::Actor, membership::standing};

/// What the person asking may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// Published public articles only: the public, and people whose organisations have no
    /// current membership unlocking the members' resources (unpaid, expired or none).
    Public,
    /// Every published article.
    Member,
    /// Everything, unpublished articles too.
    Admin,
}

impl Reader {
    pub fn sees_members_only(self) -> bool {
        self != Self::Public
    }
}

/// Decides what `actor` may read at `now`. Membership is read from paid terms' dates at the
/// moment of asking, so an expired membership stops unlocking on its own.
pub async fn reader(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    now: DateTime<Utc>,
) -> Result<Reader, DbErr> {
    if actor.is_some_and(|a| a.is_admin) {
        return Ok(Reader::Admin);
    }
    if standing::unlocked(db, actor, Unlock::MembersResources, now).await? {
        return Ok(Reader::Member);
    }
    Ok(Reader::Public)
}

/// How an article's row reads in lists.
pub fn summary(row: &resource_article::Model) -> ArticleSummary {
    ArticleSummary {
        id: row.id,
        slug: row.slug.clone(),
        title: row.title.clone(),
        summary: row.summary.clone(),
        // Rows are written through `write::check`; an unknown slug could only come from a
        // later release's vocabulary, and reads as the first category rather than failing.
        category: ResourceCategory::from_slug(&row.category).unwrap_or(ResourceCategory::Leadership),
        // Anything but `public` is treated as members-only: the safe reading.
        visibility: if row.visibility == Visibility::Public {
            Visibility::Public
        } else {
            Visibility::Members
        },
        published_on: row.published_at.map(|at| at.format("%Y-%m-%d").to_string()),
    }
}
