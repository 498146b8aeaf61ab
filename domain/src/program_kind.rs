//! The four program kinds Bayline covers and their CIP 2020 codes.
use serde::{Deserialize, Serialize};

/// A technician program kind, identified in IPEDS by its CIP code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "sea-orm", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "sea-orm", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum ProgramKind {
    // The stored values are the slugs below.
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "auto"))]
    Auto,
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "diesel"))]
    Diesel,
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "collision"))]
    Collision,
    #[cfg_attr(feature = "sea-orm", sea_orm(string_value = "heavy_truck"))]
    HeavyTruck,
}

impl ProgramKind {
    pub const ALL: [ProgramKind; 4] = [Self::Auto, Self::Diesel, Self::Collision, Self::HeavyTruck];

    /// The CIP 2020 code IPEDS reports this kind under.
    pub fn cip_code(self) -> &'static str {
        match self {
            Self::Auto => "47.0604",
            Self::Diesel => "47.0605",
            Self::Collision => "47.0603",
            Self::HeavyTruck => "47.0613",
        }
    }

    /// The kind a CIP code belongs to; other 47.06xx codes (aircraft, marine…) are not ours.
    pub fn from_cip(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.cip_code() == code)
    }

    /// The stable identifier used in URLs, the API and the database.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Diesel => "diesel",
            Self::Collision => "collision",
            Self::HeavyTruck => "heavy_truck",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.slug() == slug)
    }

    /// What people call it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Auto => "Automotive",
            Self::Diesel => "Diesel",
            Self::Collision => "Collision repair",
            Self::HeavyTruck => "Medium/heavy truck",
        }
    }
}

impl crate::vocabulary::Slugged for ProgramKind {
    fn slug(self) -> &'static str {
        ProgramKind::slug(self)
    }

    fn from_slug(slug: &str) -> Option<Self> {
        ProgramKind::from_slug(slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cip_codes_and_slugs_round_trip() {
        for kind in ProgramKind::ALL {
            assert_eq!(ProgramKind::from_cip(kind.cip_code()), Some(kind));
            assert_eq!(ProgramKind::from_slug(kind.slug()), Some(kind));
        }
        assert_eq!(ProgramKind::from_cip("47.0607"), None, "aircraft powerplant is not ours");
        assert_eq!(ProgramKind::from_slug("boats"), None);
    }
}
