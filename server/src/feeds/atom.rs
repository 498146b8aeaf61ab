//! An Atom 1.0 document (RFC 4287), written as text: only the elements Bayline's feeds use,
//! and every value escaped on the way out, so nothing a school or shop typed becomes markup
//! (or makes the document unreadable: characters XML 1.0 forbids are dropped).
use std::fmt::Write;

use chrono::{DateTime, SecondsFormat, Utc};

/// The Atom namespace; every element of the document is in it.
pub const NAMESPACE: &str = "http://www.w3.org/2005/Atom";
/// The media type of an Atom document (RFC 4287 §7).
pub const CONTENT_TYPE: &str = "application/atom+xml; charset=utf-8";

/// A feed: who publishes it, where it and its HTML twin live, and its entries in the order
/// given.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// A permanent IRI naming the feed (RFC 4287 §4.2.6).
    pub id: String,
    pub title: String,
    /// The latest change of anything in it.
    pub updated: DateTime<Utc>,
    /// The feed's own absolute URL (`rel="self"`).
    pub self_href: String,
    /// The HTML page with the same results (`rel="alternate"`).
    pub page_href: String,
    /// The publisher's name and home page: the feed's author, so every entry has one.
    pub author: (String, String),
    pub entries: Vec<Entry>,
}

/// One item of a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// A permanent IRI naming the item: the same on every fetch.
    pub id: String,
    pub title: String,
    pub published: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    /// The item's page (`rel="alternate"`).
    pub href: String,
    /// Who posted it (a school program or a shop).
    pub author: String,
    /// A line of plain text.
    pub summary: String,
}

impl Feed {
    /// The document, UTF-8 text.
    pub fn to_xml(&self) -> String {
        let mut out = String::with_capacity(1024 + 768 * self.entries.len());
        out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        let _ = writeln!(out, "<feed xmlns=\"{NAMESPACE}\">");
        element(&mut out, "  ", "id", &self.id);
        element(&mut out, "  ", "title", &self.title);
        element(&mut out, "  ", "updated", &timestamp(self.updated));
        link(&mut out, "  ", "self", "application/atom+xml", &self.self_href);
        link(&mut out, "  ", "alternate", "text/html", &self.page_href);
        out.push_str("  <author>\n");
        element(&mut out, "    ", "name", &self.author.0);
        element(&mut out, "    ", "uri", &self.author.1);
        out.push_str("  </author>\n");
        for entry in &self.entries {
            out.push_str("  <entry>\n");
            element(&mut out, "    ", "id", &entry.id);
            element(&mut out, "    ", "title", &entry.title);
            element(&mut out, "    ", "published", &timestamp(entry.published));
            element(&mut out, "    ", "updated", &timestamp(entry.updated));
            link(&mut out, "    ", "alternate", "text/html", &entry.href);
            out.push_str("    <author>\n");
            element(&mut out, "      ", "name", &entry.author);
            out.push_str("    </author>\n");
            let _ = writeln!(out, "    <summary type=\"text\">{}</summary>", escape(&entry.summary));
            out.push_str("  </entry>\n");
        }
        out.push_str("</feed>\n");
        out
    }
}

/// RFC 3339 in UTC to the second, as Atom's date constructs take it (§3.3).
pub fn timestamp(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn element(out: &mut String, indent: &str, name: &str, text: &str) {
    let _ = writeln!(out, "{indent}<{name}>{}</{name}>", escape(text));
}

fn link(out: &mut String, indent: &str, rel: &str, media_type: &str, href: &str) {
    let _ = writeln!(out, "{indent}<link rel=\"{rel}\" type=\"{media_type}\" href=\"{}\"/>", escape(href));
}

/// Text made safe for XML 1.0 element content and quoted attribute values: the five
/// markup characters become entities, and characters XML 1.0 does not allow at all (C0
/// controls other than tab, newline and carriage return; U+FFFE and U+FFFF) are dropped,
/// since no entity can stand for them.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(escape(r#"<&>"'"#), "&lt;&amp;&gt;&quot;&apos;");
        assert_eq!(escape("Brakes & Tires\u{0}\u{1b}\u{FFFF} \t\n"), "Brakes &amp; Tires \t\n");
        assert_eq!(escape("Señora Ávila’s shop 🚗"), "Señora Ávila’s shop 🚗");
    }

    #[test]
    fn a_hostile_title_stays_text_in_a_well_formed_document() {
        let time = "2027-03-01T12:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let hostile = "</title><script>alert('x')</script> & \"more\"\u{7}";
        let feed = Feed {
            id: "http://localhost/needs.atom?zip=48201&radius=50".into(),
            title: hostile.into(),
            updated: time,
            self_href: "http://localhost/needs.atom?zip=48201&radius=50".into(),
            page_href: "http://localhost/needs?zip=48201&radius=50".into(),
            author: ("Bayline".into(), "http://localhost".into()),
            entries: vec![Entry {
                id: "http://localhost/needs/1".into(),
                title: hostile.into(),
                published: time,
                updated: time,
                href: "http://localhost/needs/1".into(),
                author: "SYNTHETIC <b>School</b>".into(),
                summary: hostile.into(),
            }],
        };
        let xml = feed.to_xml();
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().namespace(), Some(NAMESPACE));
        let text = |node: roxmltree::Node, name: &str| {
            node.children()
                .find(|n| n.has_tag_name((NAMESPACE, name)))
                .and_then(|n| n.text())
                .map(str::to_string)
        };
        let without_bell = hostile.trim_end_matches('\u{7}');
        assert_eq!(text(root, "title").as_deref(), Some(without_bell));
        assert_eq!(text(root, "id").as_deref(), Some("http://localhost/needs.atom?zip=48201&radius=50"));
        assert_eq!(text(root, "updated").as_deref(), Some("2027-03-01T12:00:00Z"));
        let entry = root.children().find(|n| n.has_tag_name((NAMESPACE, "entry"))).unwrap();
        assert_eq!(text(entry, "summary").as_deref(), Some(without_bell));
        assert!(!xml.contains("<script>"), "{xml}");
    }
}
