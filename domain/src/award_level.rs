//! IPEDS award levels (2024 AWLEVEL codes) for the sub-baccalaureate and bachelor's awards
//! technician programs grant, each with IPEDS's own meaning, in IPEDS's order of length.
use serde::{Deserialize, Serialize};

/// The award a program leads to. Declared in IPEDS's order (shortest first), which is the
/// order every list shows them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AwardLevel {
    /// AWLEVEL 20: a certificate of less than 12 weeks.
    #[serde(rename = "certificate_under_12_weeks")]
    CertificateUnder12Weeks,
    /// AWLEVEL 21: a certificate of 12 weeks to less than one year.
    #[serde(rename = "certificate_under_1_year")]
    CertificateUnder1Year,
    /// AWLEVEL 2: a certificate of one to less than two years.
    #[serde(rename = "certificate_1_to_2_years")]
    Certificate1To2Years,
    /// AWLEVEL 3.
    #[serde(rename = "associate")]
    Associate,
    /// AWLEVEL 4: a certificate of two to less than four years.
    #[serde(rename = "certificate_2_to_4_years")]
    Certificate2To4Years,
    /// AWLEVEL 5.
    #[serde(rename = "bachelor")]
    Bachelor,
}

impl AwardLevel {
    pub const ALL: [AwardLevel; 6] = [
        Self::CertificateUnder12Weeks,
        Self::CertificateUnder1Year,
        Self::Certificate1To2Years,
        Self::Associate,
        Self::Certificate2To4Years,
        Self::Bachelor,
    ];

    /// The level of an IPEDS AWLEVEL code; graduate and other codes are outside Bayline's scope.
    pub fn from_ipeds(code: i16) -> Option<Self> {
        Self::ALL.into_iter().find(|level| level.ipeds() == code)
    }

    /// The IPEDS AWLEVEL code.
    pub fn ipeds(self) -> i16 {
        match self {
            Self::CertificateUnder12Weeks => 20,
            Self::CertificateUnder1Year => 21,
            Self::Certificate1To2Years => 2,
            Self::Associate => 3,
            Self::Certificate2To4Years => 4,
            Self::Bachelor => 5,
        }
    }

    /// The value in URLs and the API: the same spelling as the JSON (see the test).
    pub fn slug(self) -> &'static str {
        match self {
            Self::CertificateUnder12Weeks => "certificate_under_12_weeks",
            Self::CertificateUnder1Year => "certificate_under_1_year",
            Self::Certificate1To2Years => "certificate_1_to_2_years",
            Self::Associate => "associate",
            Self::Certificate2To4Years => "certificate_2_to_4_years",
            Self::Bachelor => "bachelor",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.slug() == slug)
    }

    /// IPEDS's description, in words a student reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::CertificateUnder12Weeks => "Certificate, under 12 weeks",
            Self::CertificateUnder1Year => "Certificate, 12 weeks to under 1 year",
            Self::Certificate1To2Years => "Certificate, 1 to under 2 years",
            Self::Associate => "Associate degree",
            Self::Certificate2To4Years => "Certificate, 2 to under 4 years",
            Self::Bachelor => "Bachelor's degree",
        }
    }
}

/// Words for any IPEDS AWLEVEL code: the level's label, IPEDS's name for the graduate levels
/// a few technician programs also report, else the bare code.
pub fn describe_ipeds(code: i16) -> String {
    match (AwardLevel::from_ipeds(code), code) {
        (Some(level), _) => level.label().to_string(),
        (None, 6) => "Postbaccalaureate certificate".into(),
        (None, 7) => "Master's degree".into(),
        (None, 8) => "Post-master's certificate".into(),
        (None, 17..=19) => "Doctor's degree".into(),
        (None, other) => format!("IPEDS award level {other}"),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn each_ipeds_code_has_its_own_level_in_ipeds_order() {
        let codes: Vec<i16> = AwardLevel::ALL.iter().map(|a| a.ipeds()).collect();
        assert_eq!(codes, [20, 21, 2, 3, 4, 5], "IPEDS's order of length");
        for code in codes {
            assert_eq!(AwardLevel::from_ipeds(code).unwrap().ipeds(), code);
        }
        assert_eq!(AwardLevel::from_ipeds(7), None, "master's degrees are out of scope");
        assert_eq!(describe_ipeds(7), "Master's degree");
        assert_eq!(describe_ipeds(21), "Certificate, 12 weeks to under 1 year");
        let mut sorted = AwardLevel::ALL;
        sorted.sort();
        assert_eq!(sorted, AwardLevel::ALL, "sorting keeps IPEDS's order");
    }

    #[test]
    fn labels_are_distinct_and_slugs_are_the_json_spelling() {
        let labels: HashSet<&str> = AwardLevel::ALL.iter().map(|a| a.label()).collect();
        assert_eq!(labels.len(), AwardLevel::ALL.len());
        for level in AwardLevel::ALL {
            assert_eq!(serde_json::to_string(&level).unwrap(), format!("\"{}\"", level.slug()));
            assert_eq!(AwardLevel::from_slug(level.slug()), Some(level));
        }
    }
}
