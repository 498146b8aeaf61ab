//! Rate limits on what people post: needs and openings per organisation, offers and
//! proposals per shop, thread messages and reports per person. They are counted from the
//! rows already stored in a time window, so every app server sharing the database applies
//! the same limit with no memory of its own. Call [`check`] inside the writing transaction
//! that stores the new row: on SQLite that transaction holds the write lock, so two
//! requests cannot both pass at the limit; on PostgreSQL two racing requests may each pass
//! once at the very edge, which a limit against floods can afford.
//!
//! Each number is far above what honest use needs and low enough that a compromised or
//! malicious account cannot flood students, programs or shops before an admin notices.
use chrono::{DateTime, Duration, Utc};
use domain::partnerships::PartnershipStatus;
use entity::{
    application_message, need, offer, opening, partnership, partnership_event, partnership_message, report,
    school_invite,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select, sea_query::Query,
};

use crate::error::ServiceError;

/// A limit: at most `max` actions in any `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: usize,
    pub window: Duration,
    /// What was limited, in words for the error ("your program posted 20 needs in a day").
    pub what: &'static str,
}

/// Needs per school program per day. Programs post a handful of needs a term; 20 lets an
/// instructor enter a whole term's needs in one sitting, and stops a flood of fake ones.
pub const NEEDS_PER_PROGRAM_PER_DAY: Limit =
    Limit { max: 20, window: Duration::days(1), what: "your program has posted 20 needs in the last day" };
/// Openings per shop per day: as needs, a shop lists a few positions at a time.
pub const OPENINGS_PER_SHOP_PER_DAY: Limit =
    Limit { max: 20, window: Duration::days(1), what: "your shop has posted 20 openings in the last day" };
/// Offers and proposals together per shop per day. A shop answering every need in its area
/// on its first visit sends a dozen or two; a shop contacting every program in the country
/// is spam.
pub const OFFERS_PER_SHOP_PER_DAY: Limit = Limit {
    max: 30,
    window: Duration::days(1),
    what: "your shop has sent 30 offers and proposals in the last day",
};
/// Thread messages per person per hour: a lively conversation is a message a minute; 60
/// an hour is never reached by people typing, quickly by a script.
pub const MESSAGES_PER_PERSON_PER_HOUR: Limit =
    Limit { max: 60, window: Duration::hours(1), what: "you have sent 60 messages in the last hour" };
/// Reports per person per day: a person who meets a wave of spam can report it all; more
/// than 20 a day is more likely an attempt to bury the admins' queue.
pub const REPORTS_PER_PERSON_PER_DAY: Limit =
    Limit { max: 20, window: Duration::days(1), what: "you have sent 20 reports in the last day" };

/// Consent e-mails for one placement (the first and re-sends): as the password-reset mails,
/// enough for a slow inbox or a mistyped address, too few to flood a guardian's.
pub const CONSENT_MAILS_PER_PLACEMENT_PER_HOUR: Limit = Limit {
    max: 5,
    window: Duration::hours(1),
    what: "5 consent e-mails were sent for this placement in the last hour",
};

/// Join e-mails for one placement made from an offer (the first and re-sends to a
/// corrected address): like the consent mails, enough for a typo or two, too few to use
/// Bayline to flood someone's inbox.
pub const JOIN_MAILS_PER_PLACEMENT_PER_HOUR: Limit = Limit {
    max: 5,
    window: Duration::hours(1),
    what: "5 join e-mails were sent for this placement in the last hour",
};

/// E-mail invitations of listed schools per shop per day. A shop inviting the schools near
/// it sends a handful; working through a whole imported list is spam (letters, which cost
/// the shop postage, are not counted).
pub const SCHOOL_INVITES_PER_SHOP_PER_DAY: Limit = Limit {
    max: 20,
    window: Duration::days(1),
    what: "your shop has e-mailed 20 school invitations in the last day",
};

/// E-mail invitations one listed school receives in a week, from every shop together. Each
/// shop writes a school once; this keeps a school near many shops from being flooded
/// (letters are not counted).
pub const SCHOOL_INVITES_PER_LISTING_PER_WEEK: Limit = Limit {
    max: 3,
    window: Duration::days(7),
    what: "this school was e-mailed 3 invitations by shops in the last week: print a letter instead, or e-mail later",
};

/// Something limited, with whose count it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    PostNeed {
        organisation_id: i64,
    },
    PostOpening {
        shop_id: i64,
    },
    /// An offer on a need or a partnership proposal.
    OfferOrPropose {
        shop_id: i64,
    },
    Message {
        user_id: i64,
    },
    Report {
        user_id: i64,
    },
    /// An e-mail invitation of a listed school.
    InviteSchool {
        shop_id: i64,
    },
    /// E-mail invitations a listed school received, from any shop.
    InvitedSchool {
        listing_id: i64,
    },
    /// Counted from the audit log, where each consent mail is recorded.
    ConsentMail {
        placement_id: i64,
    },
    /// Counted from the audit log, where each join mail is recorded.
    JoinMail {
        placement_id: i64,
    },
}

impl Action {
    pub fn limit(self) -> Limit {
        match self {
            Self::PostNeed { .. } => NEEDS_PER_PROGRAM_PER_DAY,
            Self::PostOpening { .. } => OPENINGS_PER_SHOP_PER_DAY,
            Self::OfferOrPropose { .. } => OFFERS_PER_SHOP_PER_DAY,
            Self::Message { .. } => MESSAGES_PER_PERSON_PER_HOUR,
            Self::Report { .. } => REPORTS_PER_PERSON_PER_DAY,
            Self::InviteSchool { .. } => SCHOOL_INVITES_PER_SHOP_PER_DAY,
            Self::InvitedSchool { .. } => SCHOOL_INVITES_PER_LISTING_PER_WEEK,
            Self::ConsentMail { .. } => CONSENT_MAILS_PER_PLACEMENT_PER_HOUR,
            Self::JoinMail { .. } => JOIN_MAILS_PER_PLACEMENT_PER_HOUR,
        }
    }
}

/// Refuses the action with [`ServiceError::RateLimited`] when the limit is reached, naming
/// when the oldest counted action leaves the window.
pub async fn check(
    db: &impl ConnectionTrait,
    action: Action,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let limit = action.limit();
    let since = now - limit.window;
    let times = match action {
        Action::PostNeed { organisation_id } => {
            let rows = need::Entity::find().filter(need::Column::OrganisationId.eq(organisation_id));
            times_since(db, rows, need::Column::CreatedAt, since).await?
        }
        Action::PostOpening { shop_id } => {
            let rows = opening::Entity::find().filter(opening::Column::OrganisationId.eq(shop_id));
            times_since(db, rows, opening::Column::CreatedAt, since).await?
        }
        Action::OfferOrPropose { shop_id } => {
            let offers = offer::Entity::find().filter(offer::Column::ShopId.eq(shop_id));
            let mut times = times_since(db, offers, offer::Column::CreatedAt, since).await?;
            // Proposals are the partnerships whose first timeline entry is "proposed"
            // (an accepted offer starts one as active, and counts as the offer).
            let proposed = Query::select()
                .column(partnership_event::Column::PartnershipId)
                .from(partnership_event::Entity)
                .and_where(partnership_event::Column::FromStatus.is_null())
                .and_where(partnership_event::Column::ToStatus.eq(PartnershipStatus::Proposed.slug()))
                .to_owned();
            let proposals = partnership::Entity::find()
                .filter(partnership::Column::ShopId.eq(shop_id))
                .filter(partnership::Column::Id.in_subquery(proposed));
            times.extend(times_since(db, proposals, partnership::Column::CreatedAt, since).await?);
            times.sort();
            times
        }
        // One budget for every message a person writes, in partnership threads and in
        // conversations with students alike.
        Action::Message { user_id } => {
            let rows =
                partnership_message::Entity::find().filter(partnership_message::Column::AuthorId.eq(user_id));
            let mut times = times_since(db, rows, partnership_message::Column::CreatedAt, since).await?;
            let rows =
                application_message::Entity::find().filter(application_message::Column::AuthorId.eq(user_id));
            times.extend(times_since(db, rows, application_message::Column::CreatedAt, since).await?);
            times.sort();
            times
        }
        Action::Report { user_id } => {
            let rows = report::Entity::find().filter(report::Column::ReporterId.eq(user_id));
            times_since(db, rows, report::Column::CreatedAt, since).await?
        }
        Action::InviteSchool { shop_id } => {
            emailed_invites(db, school_invite::Column::ShopId.eq(shop_id), since).await?
        }
        Action::InvitedSchool { listing_id } => {
            emailed_invites(db, school_invite::Column::ListingId.eq(listing_id), since).await?
        }
        Action::ConsentMail { placement_id } | Action::JoinMail { placement_id } => {
            use crate::accounts::audit::Event;
            let event = match action {
                Action::JoinMail { .. } => Event::PlacementJoinSent,
                _ => Event::PlacementConsentRequested,
            };
            let rows = entity::audit_event::Entity::find()
                .filter(entity::audit_event::Column::Event.eq(event.name()))
                .filter(entity::audit_event::Column::Detail.eq(crate::placements::detail(placement_id)));
            times_since(db, rows, entity::audit_event::Column::At, since).await?
        }
    };
    match retry_after(&times, limit) {
        Some(retry_after) => Err(ServiceError::RateLimited { what: limit.what.into(), retry_after }),
        None => Ok(()),
    }
}

/// When the action will be allowed again, given the times (oldest first) of the actions in
/// the window; `None` while under the limit. With `n ≥ max` actions counted, one more is
/// allowed once `n - max + 1` of them have left the window.
pub fn retry_after(times: &[DateTime<Utc>], limit: Limit) -> Option<DateTime<Utc>> {
    (times.len() >= limit.max).then(|| times[times.len() - limit.max] + limit.window)
}

/// When the school invitations matching `whose` were e-mailed since `since` (letters are
/// not counted: they cost the shop postage).
async fn emailed_invites(
    db: &impl ConnectionTrait,
    whose: sea_orm::sea_query::SimpleExpr,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, ServiceError> {
    let rows = school_invite::Entity::find()
        .filter(whose)
        .filter(school_invite::Column::Channel.eq(domain::school_invites::InviteChannel::Email));
    times_since(db, rows, school_invite::Column::CreatedAt, since).await
}

/// The creation times, oldest first, of the rows of `rows` created at or after `since`.
pub async fn times_since<E: EntityTrait>(
    db: &impl ConnectionTrait,
    rows: Select<E>,
    created_at: E::Column,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, ServiceError> {
    Ok(rows
        .filter(created_at.gte(since))
        .select_only()
        .column(created_at)
        .order_by_asc(created_at)
        .into_tuple::<DateTime<Utc>>()
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_is_when_enough_actions_leave_the_window() {
        let limit = Limit { max: 2, window: Duration::hours(1), what: "x" };
        let t0 = "2026-11-22T10:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let t1 = t0 + Duration::minutes(20);
        assert_eq!(retry_after(&[t0], limit), None);
        assert_eq!(retry_after(&[t0, t1], limit), Some(t0 + Duration::hours(1)));
        // Three counted (a race at the edge): two must leave before one more is allowed.
        assert_eq!(retry_after(&[t0, t1, t1], limit), Some(t1 + Duration::hours(1)));
    }
}
