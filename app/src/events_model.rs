//! What the events pages exchange with their server functions (plain serde types).
use domain::events::{EventView, MyRegistration};
use serde::{Deserialize, Serialize};

/// `/events`: upcoming events (soonest first) and past ones (most recent first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventsListData {
    pub upcoming: Vec<EventView>,
    pub past: Vec<EventView>,
    /// Admins see the publishing form.
    pub is_admin: bool,
}

/// `/events/{id}`: one event and where the viewer stands with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventPageData {
    pub event: EventView,
    pub mine: MyRegistration,
    pub signed_in: bool,
    /// Admins see the edit form and the cancel button.
    pub is_admin: bool,
    /// People on the waiting list.
    pub waiting: u32,
}
