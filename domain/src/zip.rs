//! A US ZIP code: five digits. The one place the rule lives; forms, URL parameters, the
//! importer and the services all parse through [`Zip::parse`].
use serde::{Deserialize, Serialize};
use std::fmt;

/// Five ASCII digits, as typed without the spaces around them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Zip(String);

/// What was typed where a ZIP code was expected, and is not one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAZip(pub String);

impl fmt::Display for NotAZip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a ZIP code has five digits")
    }
}

impl std::error::Error for NotAZip {}

impl Zip {
    /// The ZIP code in `typed`, ignoring spaces around it.
    pub fn parse(typed: &str) -> Result<Self, NotAZip> {
        let zip = typed.trim();
        if zip.len() == 5 && zip.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(zip.to_string()))
        } else {
            Err(NotAZip(zip.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Zip {
    type Error = NotAZip;

    fn try_from(typed: String) -> Result<Self, NotAZip> {
        Self::parse(&typed)
    }
}

impl From<Zip> for String {
    fn from(zip: Zip) -> String {
        zip.0
    }
}

impl fmt::Display for Zip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a well-formed ZIP code gives no place to measure from. One wording for every form,
/// page and API answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unplaceable {
    /// An Armed Forces (APO/FPO) code: its mail follows a unit, wherever it is.
    Military,
    /// Neither GeoNames nor the Census ZCTA points know it.
    Unknown,
}

impl Unplaceable {
    /// Which of the two a ZIP code missing from the centroids is.
    pub fn of(zip: &Zip) -> Self {
        if crate::zip_prefix::is_military(zip) { Self::Military } else { Self::Unknown }
    }

    /// The sentence shown beside the ZIP field (and as the API's message).
    pub fn message(self, zip: &str) -> String {
        match self {
            Self::Military => format!(
                "{zip} is a military (APO/FPO) ZIP code; military ZIP codes have no fixed place: use the ZIP code where you are"
            ),
            Self::Unknown => format!("we do not know the ZIP code {zip}; check it and try again"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_digits_and_nothing_else() {
        assert_eq!(Zip::parse(" 48201 ").unwrap().as_str(), "48201");
        assert_eq!(Zip::parse("09415").unwrap().to_string(), "09415");
        for not in ["", "4820", "482011", "48a01", "48 01", "４８２０１", "-4820"] {
            assert_eq!(Zip::parse(not), Err(NotAZip(not.trim().to_string())), "{not:?}");
        }
    }

    #[test]
    fn a_military_code_is_told_apart_from_an_unknown_one() {
        let apo = Zip::parse("09001").unwrap();
        assert_eq!(Unplaceable::of(&apo), Unplaceable::Military);
        assert!(Unplaceable::Military.message("09001").contains("use the ZIP code where you are"));
        assert_eq!(Unplaceable::of(&Zip::parse("00001").unwrap()), Unplaceable::Unknown);
    }

    #[test]
    fn serde_refuses_what_parse_refuses() {
        assert_eq!(serde_json::from_str::<Zip>("\"48201\"").unwrap().as_str(), "48201");
        assert!(serde_json::from_str::<Zip>("\"4820\"").is_err());
        assert_eq!(serde_json::to_string(&Zip::parse("48201").unwrap()).unwrap(), "\"48201\"");
    }
}
