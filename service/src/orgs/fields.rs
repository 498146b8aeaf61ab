//! Checking what people type into organisation forms. Every problem names its field, and
//! nothing is written until every field is good.
use domain::LatLon;
use sea_orm::ConnectionTrait;

use crate::{
    error::{Checks, ServiceError},
    programs::zip_place,
};

pub const MAX_NAME: usize = 120;
pub const MAX_STREET: usize = 200;
pub const MAX_CITY: usize = 100;
pub const MAX_WEBSITE: usize = 200;
pub const MAX_REASON: usize = 500;

/// A name or other one-line text: trimmed, within `max` characters, no control characters,
/// and no angle brackets (markup in a name is refused here and escaped on output anyway).
pub fn line(field: &'static str, raw: &str, min: usize, max: usize) -> Result<String, ServiceError> {
    let value = raw.trim();
    let chars = value.chars().count();
    if chars < min {
        return Err(if min <= 1 {
            ServiceError::invalid(field, "this is required")
        } else {
            ServiceError::invalid(field, format!("use at least {min} characters"))
        });
    }
    if chars > max {
        return Err(ServiceError::invalid(field, format!("use at most {max} characters")));
    }
    if value.chars().any(char::is_control) {
        return Err(ServiceError::invalid(field, "remove the line breaks and control characters"));
    }
    if value.contains(['<', '>']) {
        return Err(ServiceError::invalid(field, "use plain text: < and > are not allowed"));
    }
    Ok(value.to_string())
}

/// An optional web address: empty, or http(s) with a host. Stored without a trailing slash.
pub fn website(raw: &str) -> Result<String, ServiceError> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(String::new());
    }
    if value.chars().count() > MAX_WEBSITE {
        return Err(ServiceError::invalid("website", format!("use at most {MAX_WEBSITE} characters")));
    }
    let with_scheme = if value.contains("://") { value.to_string() } else { format!("https://{value}") };
    let lower = with_scheme.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default()).unwrap_or_default();
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':');
    if rest.is_none()
        || !host_ok
        || with_scheme.chars().any(|c| c.is_whitespace() || c == '<' || c == '>' || c == '"')
    {
        return Err(ServiceError::invalid("website", "a web address looks like https://www.example.com"));
    }
    Ok(with_scheme.trim_end_matches('/').to_string())
}

pub use domain::orgs::site_host;

/// How an instructor's email domain relates to an institution's IPEDS web host: what the
/// admin queue shows, and what decides whether a claim is verified at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostMatch {
    /// The same host (ignoring a leading `www.`), owned by this school alone.
    Exact,
    /// A subdomain of the school's host (`students.abc.edu`): students and others get those.
    Subdomain,
    /// The same host, but other IPEDS institutions share it (`uti.edu` is 15 campuses').
    Shared,
    /// Anything else.
    None,
}

impl HostMatch {
    pub fn label(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Subdomain => "subdomain",
            Self::Shared => "shared",
            Self::None => "none",
        }
    }
}

/// Whether a host is one only a school gets: a `.edu` domain or a state K-12 domain
/// (`k12.mi.us`, `district.k12.mi.us`). State portals (`michigan.gov`), county sites and
/// free web hosts (`wixsite.com`) are not.
pub fn school_owned(host: &str) -> bool {
    if host.ends_with(".edu") && host.len() > 4 {
        return true;
    }
    let labels: Vec<&str> = host.split('.').collect();
    matches!(labels.as_slice(), [.., "k12", state, "us"] if state.len() == 2 && state.bytes().all(|b| b.is_ascii_lowercase()))
}

/// How `email_domain` relates to the web host `host`; `shared` says whether another IPEDS
/// institution lists the same host.
pub fn host_match(email_domain: &str, host: &str, shared: bool) -> HostMatch {
    let domain = email_domain.to_ascii_lowercase();
    let domain = domain.strip_prefix("www.").unwrap_or(&domain);
    if domain == host {
        if shared { HostMatch::Shared } else { HostMatch::Exact }
    } else if domain.ends_with(&format!(".{host}")) {
        HostMatch::Subdomain
    } else {
        HostMatch::None
    }
}

/// Whether a claim is verified at once: an exact match with a school-owned host that no
/// other IPEDS institution shares. Everything else waits for an admin.
pub fn verifies_at_once(matched: HostMatch, host: &str) -> bool {
    matched == HostMatch::Exact && school_owned(host)
}

/// An address checked against Bayline's ZIP data: the ZIP must exist and lie in the state
/// given. The location is the ZIP's centroid.
#[derive(Debug, Clone, PartialEq)]
pub struct Address {
    pub street: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub location: LatLon,
}

pub async fn address(
    db: &impl ConnectionTrait,
    street: &str,
    city: &str,
    state: &str,
    zip: &str,
) -> Result<Address, ServiceError> {
    let mut checks = Checks::default();
    let street = checks.check(line("street", street, 0, MAX_STREET));
    let city = checks.check(line("city", city, 1, MAX_CITY));
    let state = state.trim().to_ascii_uppercase();
    if state.len() != 2 || !state.chars().all(|c| c.is_ascii_uppercase()) {
        checks.fail("state", "choose a state");
    }
    let place = match domain::Zip::parse(zip) {
        Err(e) => {
            checks.fail("zip", e.to_string());
            None
        }
        Ok(zip) => match checks.check(zip_place(db, zip.as_str()).await.map_err(ServiceError::from)) {
            Some(Err(why)) => {
                checks.fail("zip", why.message(zip.as_str()));
                None
            }
            Some(Ok(place)) => Some((zip, place)),
            None => None,
        },
    };
    if let Some((zip, place)) = &place
        && state.len() == 2
        && place.state != state
    {
        checks.fail("zip", format!("the ZIP code {zip} is in {}, not {state}", place.state));
    }
    checks.finish()?;
    let (Some(street), Some(city), Some((zip, place))) = (street, city, place) else {
        unreachable!("every check passed")
    };
    Ok(Address { street, city, state, zip: zip.to_string(), location: place.location })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_bounded_and_plain() {
        assert_eq!(line("name", "  Main St Auto ", 2, 120).unwrap(), "Main St Auto");
        assert!(matches!(line("name", "A", 2, 120), Err(ServiceError::Invalid { field: "name", .. })));
        assert!(line("name", &"x".repeat(121), 2, 120).is_err());
        assert!(line("name", &"é".repeat(120), 2, 120).is_ok(), "limits count characters, not bytes");
        assert!(line("name", "<script>alert(1)</script>", 2, 120).is_err());
        assert!(line("name", "Tab\there", 2, 120).is_err());
        assert_eq!(line("street", "", 0, 200).unwrap(), "");
    }

    #[test]
    fn websites_are_normalised_or_refused() {
        assert_eq!(website("").unwrap(), "");
        assert_eq!(website("www.shop.example.com/").unwrap(), "https://www.shop.example.com");
        assert_eq!(website("http://shop.example.com/about").unwrap(), "http://shop.example.com/about");
        for bad in [
            "javascript:alert(1)",
            "ftp://x.com",
            "not a site",
            "https://nodot",
            "https://x.com/\"onmouseover",
        ] {
            assert!(website(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_an_exact_unshared_school_host_verifies_at_once() {
        assert_eq!(site_host("www.abc.edu/").as_deref(), Some("abc.edu"));
        assert_eq!(site_host("https://www.abc.edu/auto").as_deref(), Some("abc.edu"));
        let at_once = |email: &str, site: &str, shared: bool| {
            let host = site_host(site).unwrap();
            verifies_at_once(host_match(email, &host, shared), &host)
        };
        assert!(at_once("abc.edu", "www.abc.edu/", false));
        assert!(at_once("ABC.EDU", "https://abc.edu", false), "case does not matter");
        assert!(at_once("lincoln.k12.mi.us", "www.lincoln.k12.mi.us", false), "a state K-12 domain");
        // The attacks: a student subdomain, a host 15 campuses share, a state portal, a free host.
        assert_eq!(host_match("students.uti.edu", "uti.edu", true), HostMatch::Subdomain);
        assert!(!at_once("students.abc.edu", "abc.edu", false));
        assert_eq!(host_match("uti.edu", "uti.edu", true), HostMatch::Shared);
        assert!(!at_once("uti.edu", "www.uti.edu", true));
        assert!(!at_once("michigan.gov", "www.michigan.gov/mcti", false));
        assert!(!at_once("wixsite.com", "someschool.wixsite.com", false));
        assert!(!at_once("k12.us", "k12.us", false));
        assert_eq!(host_match("notabc.edu", "abc.edu", false), HostMatch::None);
        assert_eq!(host_match("gmail.com", "abc.edu", false), HostMatch::None);
        assert!(!school_owned("edu"));
    }
}
