//! IPEDS award levels (2024 AWLEVEL codes) grouped the way students compare programs.
use serde::{Deserialize, Serialize};

/// The award a program leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AwardLevel {
    /// AWLEVEL 20 (< 12 weeks) and 21 (12 weeks to < 1 year).
    ShortCertificate,
    /// AWLEVEL 2 (1 to < 2 years) and 4 (2 to < 4 years).
    Certificate,
    /// AWLEVEL 3.
    Associate,
    /// AWLEVEL 5.
    Bachelor,
}

impl AwardLevel {
    pub const ALL: [AwardLevel; 4] =
        [Self::ShortCertificate, Self::Certificate, Self::Associate, Self::Bachelor];

    /// Groups an IPEDS AWLEVEL code; graduate and other codes are outside Bayline's scope.
    pub fn from_ipeds(code: i16) -> Option<Self> {
        match code {
            20 | 21 => Some(Self::ShortCertificate),
            2 | 4 => Some(Self::Certificate),
            3 => Some(Self::Associate),
            5 => Some(Self::Bachelor),
            _ => None,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Self::ShortCertificate => "short_certificate",
            Self::Certificate => "certificate",
            Self::Associate => "associate",
            Self::Bachelor => "bachelor",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::ShortCertificate => "Short certificate (under 1 year)",
            Self::Certificate => "Certificate (1–4 years)",
            Self::Associate => "Associate degree",
            Self::Bachelor => "Bachelor's degree",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_ipeds_codes() {
        assert_eq!(AwardLevel::from_ipeds(20), Some(AwardLevel::ShortCertificate));
        assert_eq!(AwardLevel::from_ipeds(21), Some(AwardLevel::ShortCertificate));
        assert_eq!(AwardLevel::from_ipeds(2), Some(AwardLevel::Certificate));
        assert_eq!(AwardLevel::from_ipeds(4), Some(AwardLevel::Certificate));
        assert_eq!(AwardLevel::from_ipeds(3), Some(AwardLevel::Associate));
        assert_eq!(AwardLevel::from_ipeds(5), Some(AwardLevel::Bachelor));
        assert_eq!(AwardLevel::from_ipeds(7), None, "master's degrees are out of scope");
    }
}
