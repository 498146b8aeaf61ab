//! A small RFC 5545 (iCalendar) writer for one event: enough for every calendar program to
//! add it, and pure so it is tested here. Lines end in CRLF and are folded at 75 octets
//! (never inside a UTF-8 character); text values are escaped (`\\`, `\;`, `\,`, `\n`).
use std::fmt;

/// A moment in UTC, written `YYYYMMDDTHHMMSSZ` (the "form #2" of RFC 5545 §3.3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcStamp {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

impl fmt::Display for UtcStamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

/// One event of a calendar file.
#[derive(Debug, Clone, PartialEq)]
pub struct IcsEvent {
    /// Globally unique and stable, so importing the file again updates the same entry.
    pub uid: String,
    /// When the file was made.
    pub stamp: UtcStamp,
    pub start: UtcStamp,
    pub end: UtcStamp,
    pub summary: String,
    pub description: String,
    pub location: Option<String>,
    pub url: Option<String>,
    pub cancelled: bool,
}

/// Escapes a TEXT value (RFC 5545 §3.3.11). Carriage returns are dropped; each newline
/// becomes `\n`.
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            // Other control characters are not allowed in TEXT.
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line (without its CRLF) into lines of at most 75 octets, each
/// continuation starting with a space (RFC 5545 §3.1). A multi-byte character is never
/// split: a line breaks before it instead.
pub fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > LIMIT {
            out.push_str("\r\n ");
            // The leading space counts towards the next line's 75 octets.
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out
}

fn push(out: &mut String, line: &str) {
    out.push_str(&fold(line));
    out.push_str("\r\n");
}

/// The whole `.ics` file for one event.
pub fn calendar(event: &IcsEvent) -> String {
    let mut out = String::new();
    push(&mut out, "BEGIN:VCALENDAR");
    push(&mut out, "VERSION:2.0");
    push(&mut out, "PRODID:-//Bayline//Events//EN");
    push(&mut out, "CALSCALE:GREGORIAN");
    push(&mut out, "METHOD:PUBLISH");
    push(&mut out, "BEGIN:VEVENT");
    push(&mut out, &format!("UID:{}", escape_text(&event.uid)));
    push(&mut out, &format!("DTSTAMP:{}", event.stamp));
    push(&mut out, &format!("DTSTART:{}", event.start));
    push(&mut out, &format!("DTEND:{}", event.end));
    push(&mut out, &format!("SUMMARY:{}", escape_text(&event.summary)));
    if !event.description.is_empty() {
        push(&mut out, &format!("DESCRIPTION:{}", escape_text(&event.description)));
    }
    if let Some(location) = &event.location {
        push(&mut out, &format!("LOCATION:{}", escape_text(location)));
    }
    if let Some(url) = &event.url {
        // URL is of type URI, not TEXT: it is written as is (links are checked on input).
        push(&mut out, &format!("URL:{url}"));
    }
    push(&mut out, if event.cancelled { "STATUS:CANCELLED" } else { "STATUS:CONFIRMED" });
    push(&mut out, "END:VEVENT");
    push(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(day: u32, hour: u32) -> UtcStamp {
        UtcStamp { year: 2027, month: 1, day, hour, minute: 0, second: 0 }
    }

    fn event() -> IcsEvent {
        IcsEvent {
            uid: "event-7@bayline.example".into(),
            stamp: UtcStamp { year: 2026, month: 11, day: 30, hour: 9, minute: 5, second: 7 },
            start: stamp(13, 0),
            end: stamp(13, 1),
            summary: "EV safety; high voltage, basics".into(),
            description: "Line one\nLine two \\ done".into(),
            location: None,
            url: Some("https://meet.example.com/ev?x=1,2".into()),
            cancelled: false,
        }
    }

    #[test]
    fn stamps_are_utc_form() {
        assert_eq!(stamp(3, 18).to_string(), "20270103T180000Z");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a;b,c\\d\r\ne"), "a\\;b\\,c\\\\d\\ne");
    }

    #[test]
    fn writes_a_calendar_with_crlf_lines() {
        let text = calendar(&event());
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), "{text}");
        assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"), "{text}");
        assert!(text.contains("\r\nDTSTART:20270113T000000Z\r\n"), "{text}");
        assert!(text.contains("\r\nDTEND:20270113T010000Z\r\n"), "{text}");
        assert!(text.contains("\r\nDTSTAMP:20261130T090507Z\r\n"), "{text}");
        assert!(text.contains("\r\nSUMMARY:EV safety\\; high voltage\\, basics\r\n"), "{text}");
        assert!(text.contains("\r\nDESCRIPTION:Line one\\nLine two \\\\ done\r\n"), "{text}");
        assert!(text.contains("\r\nURL:https://meet.example.com/ev?x=1,2\r\n"), "{text}");
        assert!(!text.contains("LOCATION"), "{text}");
        // No bare LF anywhere.
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    }

    #[test]
    fn long_lines_fold_at_75_octets() {
        let folded = fold(&format!("DESCRIPTION:{}", "x".repeat(200)));
        let lines: Vec<&str> = folded.split("\r\n").collect();
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.len() <= 75), "{lines:?}");
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        // Unfolding (removing CRLF + space) restores the line.
        assert_eq!(folded.replace("\r\n ", ""), format!("DESCRIPTION:{}", "x".repeat(200)));
    }

    #[test]
    fn folding_never_splits_a_character() {
        let line = format!("SUMMARY:{}", "é€😀".repeat(30));
        let folded = fold(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{} octets: {part}", part.len());
            // Each part is valid UTF-8 on its own (it is a &str slice of a String split on
            // ASCII), and no part starts with a continuation byte.
            assert!(!part.as_bytes().first().is_some_and(|b| (0x80..0xC0).contains(b)));
        }
        assert_eq!(folded.replace("\r\n ", ""), line);
        // A short line is left alone.
        assert_eq!(fold("SUMMARY:short"), "SUMMARY:short");
        // Exactly 75 octets stays on one line.
        assert_eq!(fold(&"a".repeat(75)), "a".repeat(75));
        assert_eq!(fold(&"a".repeat(76)), format!("{}\r\n a", "a".repeat(75)));
    }

    #[test]
    fn a_cancelled_event_says_so_and_names_its_place() {
        let mut e = event();
        e.cancelled = true;
        e.url = None;
        e.location = Some("1 Main St, Detroit, MI".into());
        let text = calendar(&e);
        assert!(text.contains("\r\nSTATUS:CANCELLED\r\n"));
        assert!(text.contains("\r\nLOCATION:1 Main St\\, Detroit\\, MI\r\n"));
        assert!(!text.contains("URL:"));
    }
}
