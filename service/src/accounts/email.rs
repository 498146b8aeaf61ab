//! Email addresses as accounts use them: checked, trimmed and lower-cased once.
use serde::{Deserialize, Serialize};

/// A syntactically valid, lower-cased email address (at most 254 characters).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err("enter your email address");
        }
        if email.len() > 254 {
            return Err("an email address has at most 254 characters");
        }
        let Some((local, domain)) = email.rsplit_once('@') else {
            return Err("an email address looks like name@example.com");
        };
        let bad_char = |c: char| c.is_whitespace() || c.is_control() || "<>()[]\\,;:\"".contains(c);
        let valid = !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !email.chars().any(bad_char);
        if !valid {
            return Err("an email address looks like name@example.com");
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after the `@` (used to match an institution's website domain).
    pub fn domain(&self) -> &str {
        domain_of(&self.0)
    }
}

/// The part of a stored address after the `@` (what claims are judged by; pages show it
/// instead of the whole address).
pub fn domain_of(address: &str) -> &str {
    address.rsplit_once('@').map_or("", |(_, d)| d)
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalises_addresses() {
        assert_eq!(Email::parse("  Maria.Lopez@Example.EDU ").unwrap().as_str(), "maria.lopez@example.edu");
        assert_eq!(Email::parse("a+b@shop.example.com").unwrap().domain(), "shop.example.com");
    }

    #[test]
    fn refuses_malformed_addresses() {
        for bad in
            ["", "plain", "@example.com", "a@b", "a@.com", "a@example..com", "a b@example.com", "<a>@x.com"]
        {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
        assert!(Email::parse(&format!("{}@example.com", "a".repeat(65))).is_err());
        assert!(Email::parse(&format!("a@{}.com", "b".repeat(250))).is_err());
    }
}
