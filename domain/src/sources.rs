//! The public datasets behind an answer, named the way their licences ask to be credited.
//! Every `/api/v1` answer lists the ones it drew on, so a caller that republishes it can
//! credit them (GeoNames' CC BY 4.0 requires it).
use serde::Serialize;

/// One dataset: what it is, which edition, under what terms, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Source {
    pub name: &'static str,
    pub edition: &'static str,
    pub licence: &'static str,
    pub url: &'static str,
}

pub const IPEDS: Source = Source {
    name: "NCES Integrated Postsecondary Education Data System (IPEDS)",
    edition: "2023-24 completions (C2024_A), HD2024",
    licence: "Public domain (U.S. Government work)",
    url: "https://nces.ed.gov/ipeds/",
};

pub const GEONAMES: Source = Source {
    name: "GeoNames postal codes",
    edition: "US file, data checked 11 March 2026",
    licence: "CC BY 4.0: Contains GeoNames data, www.geonames.org",
    url: "https://www.geonames.org/",
};

pub const CENSUS_ZCTA: Source = Source {
    name: "U.S. Census Bureau ZCTA Gazetteer",
    edition: "2021",
    licence: "Public domain (U.S. Government work)",
    url: "https://www.census.gov/geographies/reference-files/time-series/geo/gazetteer-files.html",
};

pub const USPS_PREFIXES: Source = Source {
    name: "USPS 3-Digit ZIP Code Prefix Matrix (Domestic Mail Manual, Exhibit L002)",
    edition: "as restated in Bayline's domain/data/zip_prefixes.csv",
    licence: "Facts; the restatement CC0 1.0",
    url: "https://pe.usps.com/text/dmm300/L002.htm",
};

pub const OEWS: Source = Source {
    name: "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics",
    edition: "May 2025",
    licence: "Public domain (U.S. Government work)",
    url: "https://www.bls.gov/oes/",
};

/// What shops contributed, published only under the rules of docs/privacy.md.
pub const EXCHANGE: Source = Source {
    name: "Bayline Industry Data Exchange",
    edition: "quarters ended at least 3 months ago, each frozen when first published",
    licence: "Facts as published; no licence is claimed over them",
    url: "/insights",
};

/// Programs IPEDS does not list, entered by their instructors and checked by an admin; each
/// is placed at its ZIP code's point.
pub const VERIFIED_LISTINGS: Source = Source {
    name: "Bayline verified program listings",
    edition: "live: entered by each program's instructors, checked by Bayline's admins",
    licence: "Facts as listed; no licence is claimed over them",
    url: "/api/v1/schools",
};

/// Where a ZIP code's point comes from: GeoNames, else a Census ZCTA point placed in its
/// state or territory by the USPS prefix table.
pub const LOCATION: [Source; 3] = [GEONAMES, CENSUS_ZCTA, USPS_PREFIXES];

/// Programs found by place: IPEDS for the programs, the ZIP sources for where they are.
pub const PROGRAMS_BY_PLACE: [Source; 4] = [IPEDS, GEONAMES, CENSUS_ZCTA, USPS_PREFIXES];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_names_its_terms_and_home() {
        for source in PROGRAMS_BY_PLACE.iter().chain([&OEWS]) {
            assert!(source.url.starts_with("https://"), "{source:?}");
            assert!(!source.name.is_empty());
            assert!(!source.licence.is_empty() && !source.edition.is_empty());
        }
        assert!(GEONAMES.licence.contains("CC BY 4.0"));
    }
}
