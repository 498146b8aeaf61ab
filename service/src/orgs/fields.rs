//! Checking what people type into organisation forms. Every problem names its field, and
//! nothing is written until every field is good.
use domain::LatLon;
use sea_orm::ConnectionTrait;

use crate::{error::ServiceError, programs::zip_place};

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

/// The host of a web address as IPEDS records it ("www.abc.edu/", "https://abc.edu/auto"),
/// lower-cased and without `www.`.
pub fn site_host(website: &str) -> Option<String> {
    let lower = website.trim().to_ascii_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?.trim_start_matches("www.");
    (host.contains('.') && !host.starts_with('.')).then(|| host.to_string())
}

/// Whether an email domain belongs to an institution's website: the same host or a
/// subdomain of it (`auto.abc.edu` for `abc.edu`). A parent domain does not count: the
/// school's own domain is what shows the person works there.
pub fn email_matches_site(email_domain: &str, website: &str) -> bool {
    let Some(host) = site_host(website) else { return false };
    let domain = email_domain.to_ascii_lowercase();
    domain == host || domain.ends_with(&format!(".{host}"))
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
    let street = line("street", street, 0, MAX_STREET)?;
    let city = line("city", city, 1, MAX_CITY)?;
    let state = state.trim().to_ascii_uppercase();
    if state.len() != 2 || !state.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(ServiceError::invalid("state", "choose a state"));
    }
    let zip = zip.trim();
    if zip.len() != 5 || !zip.chars().all(|c| c.is_ascii_digit()) {
        return Err(ServiceError::invalid("zip", "a ZIP code has five digits"));
    }
    let Some(place) = zip_place(db, zip).await? else {
        return Err(ServiceError::invalid("zip", format!("we do not know the ZIP code {zip}")));
    };
    // Census ZCTA points (used where GeoNames has no row) carry no state to compare with.
    if !place.state.is_empty() && place.state != state {
        return Err(ServiceError::invalid(
            "zip",
            format!("the ZIP code {zip} is in {}, not {state}", place.state),
        ));
    }
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
    fn email_domains_match_the_institution_site_or_its_subdomains() {
        assert_eq!(site_host("www.abc.edu/").as_deref(), Some("abc.edu"));
        assert_eq!(site_host("https://www.abc.edu/auto").as_deref(), Some("abc.edu"));
        assert!(email_matches_site("abc.edu", "www.abc.edu/"));
        assert!(email_matches_site("auto.abc.edu", "https://abc.edu"));
        assert!(!email_matches_site("edu", "www.abc.edu"));
        assert!(!email_matches_site("notabc.edu", "www.abc.edu"));
        assert!(!email_matches_site("gmail.com", "www.abc.edu"));
        assert!(!email_matches_site("abc.edu", ""));
    }
}
