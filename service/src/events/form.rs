//! The publishing form of an event, and checking it. Every problem names its field, and
//! nothing is written until every field is good.
use chrono::{DateTime, Duration, Utc};
use domain::events::EventKind;

use super::time;
use crate::{
    error::{Checks, ServiceError},
    orgs::fields,
};

pub const MIN_TITLE: usize = 3;
pub const MAX_TITLE: usize = 120;
pub const MAX_DESCRIPTION: usize = 5_000;
pub const MAX_LINK: usize = 500;
pub const MAX_ADDRESS: usize = 300;
pub const MAX_CAPACITY: u32 = 100_000;
/// The longest an event may last.
pub const MAX_LENGTH: Duration = Duration::days(14);

/// An event as typed into the form (publishing and editing share it; `recording_url` is
/// offered when editing).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct EventForm {
    pub kind: String,
    pub title: String,
    pub description: String,
    /// `datetime-local` values in `time_zone`.
    pub starts_at: String,
    pub ends_at: String,
    pub time_zone: String,
    pub online_url: String,
    pub address: String,
    /// Optional; empty means no limit.
    pub capacity: String,
    pub recording_url: String,
}

impl EventForm {
    /// What was typed, to put back into the form after a refusal.
    pub fn typed(&self) -> [(&'static str, &str); 10] {
        [
            ("kind", &self.kind),
            ("title", &self.title),
            ("description", &self.description),
            ("starts_at", &self.starts_at),
            ("ends_at", &self.ends_at),
            ("time_zone", &self.time_zone),
            ("online_url", &self.online_url),
            ("address", &self.address),
            ("capacity", &self.capacity),
            ("recording_url", &self.recording_url),
        ]
    }
}

/// An event's fields once every one is good.
#[derive(Debug, Clone, PartialEq)]
pub struct EventFields {
    pub kind: EventKind,
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: String,
    pub online_url: Option<String>,
    pub address: Option<String>,
    pub capacity: Option<u32>,
    pub recording_url: Option<String>,
}

/// An optional https link: empty, or `https://host…` without spaces or markup. Plain
/// http is refused: people would type their details into an unencrypted page.
pub fn https_link(field: &'static str, raw: &str) -> Result<Option<String>, ServiceError> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().count() > MAX_LINK {
        return Err(ServiceError::invalid(field, format!("use at most {MAX_LINK} characters")));
    }
    let Some(rest) = value.strip_prefix("https://") else {
        return Err(ServiceError::invalid(field, "use a secure link starting with https://"));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':');
    if !host_ok || value.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\"'`\\".contains(c)) {
        return Err(ServiceError::invalid(field, "a link looks like https://meet.example.com/our-webinar"));
    }
    Ok(Some(value.to_string()))
}

fn capacity(raw: &str) -> Result<Option<u32>, ServiceError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let bad = || {
        ServiceError::invalid(
            "capacity",
            format!("a whole number from 1 to {MAX_CAPACITY}, or leave it empty for no limit"),
        )
    };
    let n: i64 = raw.parse().map_err(|_| bad())?;
    if !(1..=i64::from(MAX_CAPACITY)).contains(&n) { Err(bad()) } else { Ok(Some(n as u32)) }
}

/// Checks every field, in the order the form shows them, and reports every problem at once.
/// `editing` allows a start in the past (fixing a typo in a past event's title must not be
/// refused) and a recording link.
pub fn check(form: &EventForm, now: DateTime<Utc>, editing: bool) -> Result<EventFields, ServiceError> {
    let mut checks = Checks::default();
    let kind = checks.check(
        EventKind::from_slug(form.kind.trim())
            .ok_or_else(|| ServiceError::invalid("kind", "choose webinar or in person")),
    );
    let title = checks.check(fields::line("title", &form.title, MIN_TITLE, MAX_TITLE));
    let description = form.description.trim().replace("\r\n", "\n");
    if description.chars().count() > MAX_DESCRIPTION {
        checks.fail("description", format!("use at most {MAX_DESCRIPTION} characters"));
    }
    let tz = checks.check(time::zone("time_zone", &form.time_zone));
    // The times are read in the zone; without one they cannot be.
    let starts_at = tz.and_then(|tz| checks.check(time::local_to_utc("starts_at", &form.starts_at, tz)));
    let ends_at = tz.and_then(|tz| checks.check(time::local_to_utc("ends_at", &form.ends_at, tz)));
    if let Some(starts_at) = starts_at
        && !editing
        && starts_at <= now
    {
        checks.fail("starts_at", "the start is in the past");
    }
    if let (Some(starts_at), Some(ends_at)) = (starts_at, ends_at) {
        if ends_at <= starts_at {
            checks.fail("ends_at", "the end must be after the start");
        } else if ends_at - starts_at > MAX_LENGTH {
            checks.fail("ends_at", "an event lasts at most 14 days");
        }
    }
    let online_url = checks.check(https_link("online_url", &form.online_url));
    let address = checks.check(match form.address.trim() {
        "" => Ok(None),
        raw => fields::line("address", raw, 5, MAX_ADDRESS).map(Some),
    });
    match kind {
        Some(EventKind::Webinar) if online_url == Some(None) => {
            checks.fail("online_url", "a webinar needs its https link");
        }
        Some(EventKind::InPerson) if address == Some(None) => {
            checks.fail("address", "an in-person event needs its address");
        }
        _ => {}
    }
    let capacity = checks.check(capacity(&form.capacity));
    let recording_url =
        if editing { checks.check(https_link("recording_url", &form.recording_url)) } else { Some(None) };
    let fields = (|| {
        Some(EventFields {
            kind: kind?,
            title: title?,
            description,
            starts_at: starts_at?,
            ends_at: ends_at?,
            time_zone: tz?.name().to_string(),
            online_url: online_url?,
            address: address?,
            capacity: capacity?,
            recording_url: recording_url?,
        })
    })();
    checks.finish_with(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn good() -> EventForm {
        EventForm {
            kind: "webinar".into(),
            title: "EV safety basics".into(),
            description: "Bring **questions**.".into(),
            starts_at: "2027-01-12T18:00".into(),
            ends_at: "2027-01-12T19:00".into(),
            time_zone: "America/Chicago".into(),
            online_url: "https://meet.example.com/ev".into(),
            capacity: "10".into(),
            ..Default::default()
        }
    }

    fn now() -> DateTime<Utc> {
        "2026-11-30T12:00:00Z".parse().unwrap()
    }

    fn field_of(form: &EventForm) -> &'static str {
        match check(form, now(), false) {
            Err(error) if !error.problems().is_empty() => error.problems()[0].field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let error = check(&EventForm::default(), now(), false).unwrap_err();
        let fields: Vec<&str> = error.problems().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["kind", "title", "time_zone"]);
        let backwards = EventForm {
            title: String::new(),
            ends_at: "2027-01-12T17:00".into(),
            online_url: String::new(),
            ..good()
        };
        let error = check(&backwards, now(), false).unwrap_err();
        let fields: Vec<&str> = error.problems().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["title", "ends_at", "online_url"]);
    }

    #[test]
    fn a_good_form_passes() {
        let fields = check(&good(), now(), false).unwrap();
        assert_eq!(fields.starts_at.to_rfc3339(), "2027-01-13T00:00:00+00:00");
        assert_eq!(fields.capacity, Some(10));
        assert_eq!(fields.time_zone, "America/Chicago");
        let unlimited = EventForm { capacity: " ".into(), ..good() };
        assert_eq!(check(&unlimited, now(), false).unwrap().capacity, None);
    }

    #[test]
    fn each_bad_field_is_named() {
        assert_eq!(field_of(&EventForm { title: " ".into(), ..good() }), "title");
        assert_eq!(field_of(&EventForm { kind: "party".into(), ..good() }), "kind");
        assert_eq!(field_of(&EventForm { time_zone: "Mars/Olympus".into(), ..good() }), "time_zone");
        assert_eq!(field_of(&EventForm { ends_at: "2027-01-12T17:00".into(), ..good() }), "ends_at");
        assert_eq!(field_of(&EventForm { ends_at: "2027-01-12T18:00".into(), ..good() }), "ends_at");
        assert_eq!(field_of(&EventForm { starts_at: "2026-11-01T18:00".into(), ..good() }), "starts_at");
        assert_eq!(
            field_of(&EventForm { online_url: "http://meet.example.com".into(), ..good() }),
            "online_url"
        );
        assert_eq!(field_of(&EventForm { online_url: "javascript:alert(1)".into(), ..good() }), "online_url");
        assert_eq!(field_of(&EventForm { online_url: String::new(), ..good() }), "online_url");
        assert_eq!(field_of(&EventForm { kind: "in_person".into(), ..good() }), "address");
        for capacity in ["0", "-3", "ten", "1.5", "100001"] {
            assert_eq!(
                field_of(&EventForm { capacity: capacity.into(), ..good() }),
                "capacity",
                "{capacity}"
            );
        }
    }

    #[test]
    fn recording_links_are_read_when_editing_only() {
        let form = EventForm { recording_url: "https://video.example.com/ev".into(), ..good() };
        assert_eq!(check(&form, now(), false).unwrap().recording_url, None);
        assert_eq!(
            check(&form, now(), true).unwrap().recording_url.as_deref(),
            Some("https://video.example.com/ev")
        );
        let bad = EventForm { recording_url: "ftp://video.example.com".into(), ..good() };
        assert!(matches!(
            check(&bad, now(), true),
            Err(ServiceError::Invalid { field: "recording_url", .. })
        ));
    }
}
