//! Partnerships between one shop and one school program: offers that answer a need, the
//! partnership's status, its timeline and its message thread, as pages show them.
use serde::{Deserialize, Serialize};

use crate::{needs::NeedKind, vocabulary};

vocabulary! {
    stored
    /// Where a shop's offer on a need stands.
    OfferStatus {
        Pending => ("pending", "Waiting for the program"),
        Accepted => ("accepted", "Accepted"),
        Declined => ("declined", "Declined"),
    }
}

vocabulary! {
    stored
    /// Where a partnership stands: proposed → active → completed or ended, or declined.
    PartnershipStatus {
        Proposed => ("proposed", "Proposed"),
        Active => ("active", "Active"),
        Completed => ("completed", "Completed"),
        Ended => ("ended", "Ended"),
        Declined => ("declined", "Declined"),
    }
}

impl PartnershipStatus {
    /// Whether the partnership still runs: its thread takes messages.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Proposed | Self::Active)
    }
}

/// A shop's offer on a need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferView {
    pub id: i64,
    pub need_id: i64,
    pub shop_id: i64,
    pub shop_name: String,
    /// Plain text as typed; pages escape it.
    pub message: String,
    pub status: OfferStatus,
    pub decline_reason: String,
    pub partnership_id: Option<i64>,
    /// ISO date and time (UTC).
    pub created_at: crate::time::Moment,
    /// Whether the viewer may accept or decline it (a member of the need's program).
    pub can_decide: bool,
}

/// A partnership in an organisation's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnershipSummary {
    pub id: i64,
    /// The other organisation, seen from the listing one.
    pub partner_id: i64,
    pub partner_name: String,
    pub kinds: Vec<NeedKind>,
    pub status: PartnershipStatus,
}

/// One entry of a partnership's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub at: crate::time::Moment,
    pub actor: String,
    pub from_status: Option<PartnershipStatus>,
    pub to_status: PartnershipStatus,
    pub note: String,
}

/// One message of a partnership's thread; `body` is plain text, escaped on output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub at: crate::time::Moment,
    pub author: String,
    /// The author's organisation's name.
    pub side: String,
    /// Empty when a moderator hid the message: its text never leaves the server.
    pub body: String,
    pub hidden: bool,
}

/// What the viewer of a partnership page may do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnershipActions {
    pub accept: bool,
    pub decline: bool,
    pub end: bool,
    pub complete: bool,
    pub message: bool,
}

/// A partnership's page: both parties, its thread, its timeline and the viewer's actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnershipView {
    pub id: i64,
    pub shop_id: i64,
    pub shop_name: String,
    pub program_id: i64,
    pub program_name: String,
    pub kinds: Vec<NeedKind>,
    pub status: PartnershipStatus,
    pub events: Vec<EventView>,
    pub messages: Vec<MessageView>,
    /// The id to pass as `before` for older messages, if there are any.
    pub older_messages: Option<i64>,
    pub actions: PartnershipActions,
}

/// One of the viewer's verified shops, to offer or propose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopChoice {
    pub id: i64,
    pub name: String,
}

/// The offers on a need that the viewer may see, and the shops they could still offer from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OffersOnNeed {
    pub offers: Vec<OfferView>,
    pub can_offer: Vec<ShopChoice>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_and_know_when_they_run() {
        for status in PartnershipStatus::ALL {
            assert_eq!(PartnershipStatus::from_slug(status.slug()), Some(*status));
        }
        assert!(PartnershipStatus::Active.is_open());
        assert!(!PartnershipStatus::Ended.is_open());
        assert_eq!(OfferStatus::from_slug("declined"), Some(OfferStatus::Declined));
    }
}
