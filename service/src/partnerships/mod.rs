//! Partnerships between one shop and one school program, and the offers that lead to them.
//! Shops' members offer on needs or propose a partnership; the program's members accept or
//! decline; either side ends or completes an active one. Every status change is a
//! conditional UPDATE inside one writing transaction, so of two people acting at once
//! exactly one succeeds, and each change is kept in the partnership's timeline. Only
//! members of the two organisations read or write a partnership.
pub mod lifecycle;
pub mod offers;
pub mod read;
pub mod thread;

use chrono::{DateTime, Utc};
use domain::{
    orgs::{OrgKind, OrgStatus},
    partnerships::PartnershipStatus,
};
use entity::{organisation, partnership, partnership_event};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set, SqlErr};

use crate::{
    authz::{self, Actor},
    error::ServiceError,
    notifications::{self, Notice},
};

/// Longest reason for declining or ending.
pub const MAX_REASON: usize = 500;

/// Plain text of several lines: trimmed, `\r\n` made `\n`, between `min` and `max`
/// characters, without control characters other than line breaks and tabs. It is shown
/// escaped, so angle brackets are allowed.
pub fn text(field: &'static str, raw: &str, min: usize, max: usize) -> Result<String, ServiceError> {
    let value = raw.trim().replace("\r\n", "\n");
    let chars = value.chars().count();
    if chars < min {
        return Err(ServiceError::invalid(
            field,
            if min <= 1 { "write a message".into() } else { format!("use at least {min} characters") },
        ));
    }
    if chars > max {
        return Err(ServiceError::invalid(field, format!("use at most {max} characters")));
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(ServiceError::invalid(field, "remove the control characters"));
    }
    Ok(value)
}

/// Whether the organisation is a verified shop.
pub fn is_verified_shop(org: &organisation::Model) -> bool {
    org.kind == OrgKind::Shop && org.status == OrgStatus::Verified
}

/// Whether the organisation is a verified school program.
pub fn is_verified_program(org: &organisation::Model) -> bool {
    crate::needs::is_school(org) && org.status == OrgStatus::Verified
}

/// Which sides of a partnership the actor belongs to (a person may belong to both).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sides {
    pub shop: bool,
    pub program: bool,
}

/// The partnership and the actor's sides in it; anyone else is refused (admins included:
/// a thread is private to its two organisations).
pub async fn party(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    id: i64,
) -> Result<(Actor, partnership::Model, Sides), ServiceError> {
    let actor = authz::signed_in(actor)?;
    let row = partnership::Entity::find_by_id(id).one(db).await?.ok_or(ServiceError::NotFound)?;
    let sides = Sides {
        shop: authz::role_in(db, actor, row.shop_id).await?.is_some(),
        program: authz::role_in(db, actor, row.program_id).await?.is_some(),
    };
    if sides.shop || sides.program { Ok((actor, row, sides)) } else { Err(ServiceError::Forbidden) }
}

/// Adds a line to a partnership's timeline.
pub async fn record_event(
    db: &impl ConnectionTrait,
    partnership_id: i64,
    actor: &Actor,
    from: Option<PartnershipStatus>,
    to: PartnershipStatus,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    partnership_event::ActiveModel {
        partnership_id: Set(partnership_id),
        at: Set(now),
        actor_id: Set(Some(actor.user_id)),
        from_status: Set(from.map(|s| s.slug().to_string())),
        to_status: Set(to.slug().into()),
        note: Set(note.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Notifies the members of one organisation except the person who acted.
pub async fn tell(
    db: &impl ConnectionTrait,
    organisation_id: i64,
    except: &Actor,
    notice: &Notice<'_>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    notifications::notify_members(db, organisation_id, except, notice, now).await
}

/// Whether a failed write was refused by a unique index: for partnerships, the one that
/// allows a single running (proposed or active) partnership per shop and program. Two
/// servers deciding at once on PostgreSQL can both find none running and both insert; the
/// second gets this error and retries, finding the first one's.
pub fn lost_race(error: &ServiceError) -> bool {
    matches!(error, ServiceError::Database(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))))
}

/// Why a status change cannot happen from `current`, in words.
pub fn refused_transition(what: &str, current: PartnershipStatus) -> ServiceError {
    ServiceError::Conflict(format!(
        "this partnership is {} now, so it cannot be {what}",
        current.label().to_lowercase()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_checked() {
        assert_eq!(text("body", " a\r\nb ", 1, 10).unwrap(), "a\nb");
        assert!(text("body", "  ", 1, 10).is_err());
        assert!(text("body", "a\u{0}b", 1, 10).is_err());
        assert!(text("body", "<b>x</b>", 1, 10).is_ok());
    }
}
