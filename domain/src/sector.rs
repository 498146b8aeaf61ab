//! Institution sectors as students compare them, from the IPEDS SECTOR code.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Sector {
    /// SECTOR 4.
    Public2Year,
    /// SECTOR 1.
    Public4Year,
    /// SECTOR 7: many are career-technical centres.
    PublicUnder2Year,
    /// SECTOR 2, 3, 5, 6, 8, 9: private nonprofit and for-profit.
    Private,
}

impl Sector {
    pub const ALL: [Sector; 4] =
        [Self::Public2Year, Self::Public4Year, Self::PublicUnder2Year, Self::Private];

    /// Groups an IPEDS SECTOR code; 0 (administrative unit) and 99 (unknown) have no group.
    pub fn from_ipeds(code: i16) -> Option<Self> {
        match code {
            1 => Some(Self::Public4Year),
            4 => Some(Self::Public2Year),
            7 => Some(Self::PublicUnder2Year),
            2 | 3 | 5 | 6 | 8 | 9 => Some(Self::Private),
            _ => None,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Self::Public2Year => "public_2yr",
            Self::Public4Year => "public_4yr",
            Self::PublicUnder2Year => "public_lt2yr",
            Self::Private => "private",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Public2Year => "Public 2-year",
            Self::Public4Year => "Public 4-year",
            Self::PublicUnder2Year => "Public less-than-2-year",
            Self::Private => "Private",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_ipeds_sectors() {
        assert_eq!(Sector::from_ipeds(4), Some(Sector::Public2Year));
        assert_eq!(Sector::from_ipeds(1), Some(Sector::Public4Year));
        assert_eq!(Sector::from_ipeds(7), Some(Sector::PublicUnder2Year));
        for code in [2, 3, 5, 6, 8, 9] {
            assert_eq!(Sector::from_ipeds(code), Some(Sector::Private));
        }
        assert_eq!(Sector::from_ipeds(0), None);
        for sector in Sector::ALL {
            assert_eq!(Sector::from_slug(sector.slug()), Some(sector));
        }
    }
}
