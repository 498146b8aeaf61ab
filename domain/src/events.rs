//! Events and webinars that Bayline's admins publish, and where a signed-in person stands
//! with one (registered, on the waiting list, or not). Times reach pages already formatted
//! in the event's own time zone by the server: the browser never needs a zone database.
use serde::{Deserialize, Serialize};

use crate::vocabulary;

vocabulary! {
    stored
    /// How people attend.
    EventKind {
        Webinar => ("webinar", "Webinar"),
        InPerson => ("in_person", "In person"),
    }
}

/// The IANA time zones the publishing form offers (the United States and its territories),
/// with what people call them. The server accepts any IANA zone; these are the choices.
pub const US_TIME_ZONES: &[(&str, &str)] = &[
    ("America/New_York", "Eastern (New York)"),
    ("America/Chicago", "Central (Chicago)"),
    ("America/Denver", "Mountain (Denver)"),
    ("America/Phoenix", "Arizona (Phoenix, no daylight saving)"),
    ("America/Los_Angeles", "Pacific (Los Angeles)"),
    ("America/Anchorage", "Alaska (Anchorage)"),
    ("Pacific/Honolulu", "Hawaii (Honolulu)"),
    ("America/Puerto_Rico", "Atlantic (Puerto Rico)"),
];

/// Where a person stands with an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MyRegistration {
    /// Not registered (never, or cancelled).
    None,
    Registered,
    /// On the waiting list; 1 is next in line.
    Waitlisted {
        position: u32,
    },
}

/// An event as pages show it. `description_html` is Markdown rendered and sanitised on the
/// server; `when` is the time in the event's zone, e.g. "Tue 12 Jan 2027, 6:00–7:00 pm CST".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub id: i64,
    pub title: String,
    pub kind: EventKind,
    pub description: String,
    pub description_html: String,
    pub when: String,
    /// The form's values, for the edit form: local date-times and the zone.
    pub starts_local: String,
    pub ends_local: String,
    pub time_zone: String,
    pub online_url: Option<String>,
    pub address: Option<String>,
    pub capacity: Option<u32>,
    pub registered: u32,
    pub recording_url: Option<String>,
    pub cancelled: bool,
    /// Started already (registration is closed).
    pub past: bool,
}

impl EventView {
    /// Places left, when the event has a capacity.
    pub fn spots_left(&self) -> Option<u32> {
        self.capacity.map(|c| c.saturating_sub(self.registered))
    }

    /// "12 spots left", "1 spot left", "Full: new registrations join the waiting list", or
    /// `None` without a capacity.
    pub fn spots_text(&self) -> Option<String> {
        match self.spots_left()? {
            0 => Some("Full: new registrations join the waiting list".into()),
            1 => Some("1 spot left".into()),
            n => Some(format!("{n} spots left")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(capacity: Option<u32>, registered: u32) -> EventView {
        EventView {
            id: 1,
            title: "t".into(),
            kind: EventKind::Webinar,
            description: String::new(),
            description_html: String::new(),
            when: String::new(),
            starts_local: String::new(),
            ends_local: String::new(),
            time_zone: "America/Chicago".into(),
            online_url: None,
            address: None,
            capacity,
            registered,
            recording_url: None,
            cancelled: false,
            past: false,
        }
    }

    #[test]
    fn spots_left_reads_naturally() {
        assert_eq!(event(None, 3).spots_text(), None);
        assert_eq!(event(Some(10), 3).spots_text().as_deref(), Some("7 spots left"));
        assert_eq!(event(Some(4), 3).spots_text().as_deref(), Some("1 spot left"));
        assert!(event(Some(3), 3).spots_text().unwrap().starts_with("Full"));
    }
}

vocabulary! {
    stored
    /// Where a person's place at an event stands.
    RegistrationStatus {
        Registered => ("registered", "Registered"),
        Waitlisted => ("waitlisted", "On the waitlist"),
        Cancelled => ("cancelled", "Cancelled"),
    }
}
