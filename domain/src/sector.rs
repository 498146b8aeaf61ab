//! Institution sectors as IPEDS defines them (the SECTOR code): control (public, private
//! nonprofit, private for-profit) by level (4-year or above, 2-year, less than 2-year).
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Sector {
    /// SECTOR 1.
    #[serde(rename = "public_4yr")]
    Public4Year,
    /// SECTOR 2.
    #[serde(rename = "private_nonprofit_4yr")]
    PrivateNonprofit4Year,
    /// SECTOR 3.
    #[serde(rename = "private_for_profit_4yr")]
    PrivateForProfit4Year,
    /// SECTOR 4.
    #[serde(rename = "public_2yr")]
    Public2Year,
    /// SECTOR 5.
    #[serde(rename = "private_nonprofit_2yr")]
    PrivateNonprofit2Year,
    /// SECTOR 6.
    #[serde(rename = "private_for_profit_2yr")]
    PrivateForProfit2Year,
    /// SECTOR 7: many are career-technical centres.
    #[serde(rename = "public_lt2yr")]
    PublicUnder2Year,
    /// SECTOR 8.
    #[serde(rename = "private_nonprofit_lt2yr")]
    PrivateNonprofitUnder2Year,
    /// SECTOR 9.
    #[serde(rename = "private_for_profit_lt2yr")]
    PrivateForProfitUnder2Year,
}

impl Sector {
    /// In IPEDS's SECTOR order.
    pub const ALL: [Sector; 9] = [
        Self::Public4Year,
        Self::PrivateNonprofit4Year,
        Self::PrivateForProfit4Year,
        Self::Public2Year,
        Self::PrivateNonprofit2Year,
        Self::PrivateForProfit2Year,
        Self::PublicUnder2Year,
        Self::PrivateNonprofitUnder2Year,
        Self::PrivateForProfitUnder2Year,
    ];

    /// The sector of an IPEDS SECTOR code; 0 (administrative unit) and 99 (unknown) have none.
    pub fn from_ipeds(code: i16) -> Option<Self> {
        usize::try_from(code).ok().filter(|c| (1..=9).contains(c)).map(|c| Self::ALL[c - 1])
    }

    /// The value in URLs and the API: the same spelling as the JSON (see the test).
    pub fn slug(self) -> &'static str {
        match self {
            Self::Public4Year => "public_4yr",
            Self::PrivateNonprofit4Year => "private_nonprofit_4yr",
            Self::PrivateForProfit4Year => "private_for_profit_4yr",
            Self::Public2Year => "public_2yr",
            Self::PrivateNonprofit2Year => "private_nonprofit_2yr",
            Self::PrivateForProfit2Year => "private_for_profit_2yr",
            Self::PublicUnder2Year => "public_lt2yr",
            Self::PrivateNonprofitUnder2Year => "private_nonprofit_lt2yr",
            Self::PrivateForProfitUnder2Year => "private_for_profit_lt2yr",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// IPEDS's name for the sector.
    pub fn label(self) -> &'static str {
        match self {
            Self::Public4Year => "Public, 4-year or above",
            Self::PrivateNonprofit4Year => "Private nonprofit, 4-year or above",
            Self::PrivateForProfit4Year => "Private for-profit, 4-year or above",
            Self::Public2Year => "Public, 2-year",
            Self::PrivateNonprofit2Year => "Private nonprofit, 2-year",
            Self::PrivateForProfit2Year => "Private for-profit, 2-year",
            Self::PublicUnder2Year => "Public, less than 2-year",
            Self::PrivateNonprofitUnder2Year => "Private nonprofit, less than 2-year",
            Self::PrivateForProfitUnder2Year => "Private for-profit, less than 2-year",
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn each_ipeds_sector_is_its_own() {
        for (code, sector) in (1..=9).zip(Sector::ALL) {
            assert_eq!(Sector::from_ipeds(code), Some(sector));
        }
        assert_eq!(Sector::from_ipeds(4), Some(Sector::Public2Year));
        assert_eq!(Sector::from_ipeds(6), Some(Sector::PrivateForProfit2Year));
        assert_eq!(Sector::from_ipeds(0), None, "administrative units");
        assert_eq!(Sector::from_ipeds(99), None);
        assert_eq!(Sector::from_ipeds(-3), None);
    }

    #[test]
    fn labels_are_distinct_and_slugs_are_the_json_spelling() {
        let labels: HashSet<&str> = Sector::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(labels.len(), 9);
        for sector in Sector::ALL {
            assert_eq!(serde_json::to_string(&sector).unwrap(), format!("\"{}\"", sector.slug()));
            assert_eq!(Sector::from_slug(sector.slug()), Some(sector));
        }
    }
}
