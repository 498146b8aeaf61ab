//! Programs as lists, maps and the public API show them, and the search parameters that
//! select them (parsed once, with errors that name the parameter).
use serde::{Deserialize, Serialize};

use crate::{
    AwardLevel, LatLon, ProgramKind, Sector,
    params::{ParamError, given},
};

/// An institution teaching at least one of the four kinds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgramSummary {
    pub unitid: i32,
    pub name: String,
    pub city: String,
    pub state: String,
    pub lat: f64,
    pub lon: f64,
    pub sector: Option<Sector>,
    /// Kinds IPEDS lists it for (a program reporting 0 awards included).
    pub kinds: Vec<ProgramKind>,
    /// Award levels of those kinds, in IPEDS's order (0-award levels included).
    pub award_levels: Vec<AwardLevel>,
    /// 2023-24 completions across the kinds it teaches.
    pub completions: u64,
    /// Each program: one kind at one award level, as IPEDS reports it (institution × CIP ×
    /// award level). Filters match these, not the institution's lists above.
    pub programs: Vec<Offering>,
}

/// One program of an institution: a kind (CIP code) at one IPEDS award level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Offering {
    pub kind: ProgramKind,
    /// `null` for the few levels outside Bayline's list (e.g. a master's degree).
    pub award: Option<AwardLevel>,
    /// The IPEDS AWLEVEL code.
    pub ipeds_award_level: i16,
    /// 2023-24 completions (first majors).
    pub completions: u64,
}

impl ProgramSummary {
    pub fn location(&self) -> LatLon {
        LatLon { lat: self.lat, lon: self.lon }
    }
}

/// A program and its distance from the search origin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NearbyProgram {
    #[serde(flatten)]
    pub program: ProgramSummary,
    /// Great-circle miles, rounded to hundredths.
    pub distance_mi: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
/// 2023-24 completions of one award level of one kind.
pub struct AwardCompletions {
    /// The IPEDS AWLEVEL code, kept so no award is hidden even outside Bayline's groups.
    pub ipeds_award_level: i16,
    pub award: Option<AwardLevel>,
    pub completions: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
/// A kind a program teaches, with its completions.
pub struct KindCompletions {
    pub kind: ProgramKind,
    pub cip_code: String,
    pub completions: u64,
    pub by_award: Vec<AwardCompletions>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
/// What a program's profile shows.
pub struct ProgramProfile {
    pub unitid: i32,
    pub name: String,
    pub address: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub website: String,
    pub sector: Option<Sector>,
    pub lat: f64,
    pub lon: f64,
    pub completions: u64,
    pub kinds: Vec<KindCompletions>,
}

/// Which institutions a search keeps. Every field left `None` keeps everything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramFilter {
    pub kind: Option<ProgramKind>,
    pub award: Option<AwardLevel>,
    pub sector: Option<Sector>,
    /// Let a program that reported 0 awards in 2023-24 match `kind` and `award`.
    pub include_zero: bool,
}

impl ProgramFilter {
    /// The sector is the institution's; `kind` and `award` must hold for one and the same
    /// program (a diesel associate, not a diesel certificate beside an auto associate), and
    /// that program must have awarded something unless `include_zero` says otherwise.
    pub fn matches(&self, program: &ProgramSummary) -> bool {
        self.sector.is_none_or(|s| program.sector == Some(s))
            && ((self.kind.is_none() && self.award.is_none())
                || program.programs.iter().any(|offering| self.matches_offering(offering)))
    }

    fn matches_offering(&self, offering: &Offering) -> bool {
        self.kind.is_none_or(|k| offering.kind == k)
            && self.award.is_none_or(|a| offering.award == Some(a))
            && (self.include_zero || offering.completions > 0)
    }
}

/// Where a search is centred: a ZIP code's centroid or a point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Origin {
    Zip(String),
    Point(LatLon),
}

fn bad(param: &str, message: impl Into<String>) -> ParamError {
    ParamError::new(param, message)
}

pub const MAX_RADIUS_MI: u16 = 500;
pub const MAX_LIMIT: u16 = 500;

/// Query-string parameters exactly as received (all optional text).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawNearQuery {
    pub zip: Option<String>,
    pub lat: Option<String>,
    pub lon: Option<String>,
    pub radius_mi: Option<String>,
    pub kind: Option<String>,
    pub award: Option<String>,
    pub sector: Option<String>,
    /// `true` lets programs that reported 0 awards match `kind` and `award`.
    pub include_zero: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
}

/// A validated radius search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NearQuery {
    pub origin: Origin,
    pub radius_mi: u16,
    pub filter: ProgramFilter,
    pub limit: u16,
    pub offset: u32,
}

/// Treats an empty form field like an absent one (a GET form sends `kind=` for "any").
fn number<T: std::str::FromStr>(param: &str, value: &str) -> Result<T, ParamError> {
    value.parse().map_err(|_| bad(param, format!("'{value}' is not a valid number")))
}

impl NearQuery {
    /// Parses a search; `default_radius` and `default_limit` apply when those are absent.
    pub fn parse(raw: &RawNearQuery, default_radius: u16, default_limit: u16) -> Result<Self, ParamError> {
        let origin = match (given(&raw.zip), given(&raw.lat), given(&raw.lon)) {
            (Some(zip), _, _) => {
                let zip = crate::Zip::parse(zip)
                    .map_err(|_| bad("zip", format!("'{zip}' is not a five-digit ZIP code")))?;
                Origin::Zip(zip.to_string())
            }
            (None, Some(lat), Some(lon)) => {
                let point = LatLon::new(number("lat", lat)?, number("lon", lon)?)
                    .map_err(|param| bad(param, "is out of range"))?;
                Origin::Point(point)
            }
            (None, Some(_), None) => return Err(bad("lon", "is required with lat")),
            (None, None, Some(_)) => return Err(bad("lat", "is required with lon")),
            (None, None, None) => return Err(bad("zip", "give a ZIP code, or lat and lon")),
        };
        let radius_mi = match given(&raw.radius_mi) {
            Some(text) => number::<u16>("radius_mi", text)?,
            None => default_radius,
        };
        if !(1..=MAX_RADIUS_MI).contains(&radius_mi) {
            return Err(bad("radius_mi", format!("must be between 1 and {MAX_RADIUS_MI} miles")));
        }
        let limit = match given(&raw.limit) {
            Some(text) => number::<u16>("limit", text)?,
            None => default_limit,
        };
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(bad("limit", format!("must be between 1 and {MAX_LIMIT}")));
        }
        let offset = match given(&raw.offset) {
            Some(text) => number::<u32>("offset", text)?,
            None => 0,
        };
        Ok(Self { origin, radius_mi, filter: parse_filter(raw)?, limit, offset })
    }
}

/// "A, B, C or D": the choices of a list, by the labels people read.
pub fn or_list(labels: &[&str]) -> String {
    match labels {
        [] => String::new(),
        [only] => only.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The refusal of a closed-list parameter: what the list is, and its choices by label (the
/// API's OpenAPI document lists the values themselves).
fn not_a(param: &str, what: &str, labels: &[&str]) -> ParamError {
    bad(param, format!("choose a {what}: {}", or_list(labels)))
}

/// The kind, award and sector filters of a search.
pub fn parse_filter(raw: &RawNearQuery) -> Result<ProgramFilter, ParamError> {
    let kind = given(&raw.kind)
        .map(|k| {
            ProgramKind::from_slug(k)
                .ok_or_else(|| not_a("kind", "program kind", &ProgramKind::ALL.map(ProgramKind::label)))
        })
        .transpose()?;
    let award = given(&raw.award)
        .map(|a| {
            AwardLevel::from_slug(a)
                .ok_or_else(|| not_a("award", "award level", &AwardLevel::ALL.map(AwardLevel::label)))
        })
        .transpose()?;
    let sector = given(&raw.sector)
        .map(|s| {
            Sector::from_slug(s).ok_or_else(|| not_a("sector", "sector", &Sector::ALL.map(Sector::label)))
        })
        .transpose()?;
    let include_zero = match given(&raw.include_zero) {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => return Err(bad("include_zero", format!("'{other}' is not true or false"))),
    };
    Ok(ProgramFilter { kind, award, sector, include_zero })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawNearQuery {
        let mut q = RawNearQuery::default();
        for (k, v) in pairs {
            let v = Some(v.to_string());
            match *k {
                "zip" => q.zip = v,
                "lat" => q.lat = v,
                "lon" => q.lon = v,
                "radius_mi" => q.radius_mi = v,
                "kind" => q.kind = v,
                "award" => q.award = v,
                "sector" => q.sector = v,
                "include_zero" => q.include_zero = v,
                "limit" => q.limit = v,
                "offset" => q.offset = v,
                _ => unreachable!(),
            }
        }
        q
    }

    fn param_of(pairs: &[(&str, &str)]) -> String {
        NearQuery::parse(&raw(pairs), 25, 20).unwrap_err().param
    }

    #[test]
    fn a_bad_choice_is_refused_in_words_naming_the_choices_by_label() {
        let raw = raw(&[("zip", "48201"), ("kind", "boats")]);
        let error = NearQuery::parse(&raw, 25, 20).unwrap_err();
        assert_eq!(
            error.message,
            "choose a program kind: Automotive, Diesel, Collision repair or Medium/heavy truck"
        );
        assert!(!error.message.contains("heavy_truck"), "no internal value: {}", error.message);
        assert_eq!(or_list(&["A"]), "A");
        assert_eq!(or_list(&["A", "B"]), "A or B");
    }

    #[test]
    fn parses_a_full_query() {
        let q = NearQuery::parse(
            &raw(&[
                ("zip", "48201"),
                ("radius_mi", "50"),
                ("kind", "diesel"),
                ("limit", "10"),
                ("offset", "20"),
            ]),
            25,
            20,
        )
        .unwrap();
        assert_eq!(q.origin, Origin::Zip("48201".into()));
        assert_eq!((q.radius_mi, q.limit, q.offset), (50, 10, 20));
        assert_eq!(q.filter.kind, Some(ProgramKind::Diesel));
    }

    #[test]
    fn empty_form_fields_mean_any() {
        let q = NearQuery::parse(&raw(&[("zip", "48201"), ("kind", ""), ("sector", " ")]), 25, 20).unwrap();
        assert_eq!(q.filter, ProgramFilter::default());
        assert_eq!(q.radius_mi, 25);
    }

    #[test]
    fn names_the_bad_parameter() {
        assert_eq!(param_of(&[("zip", "4820")]), "zip");
        assert_eq!(param_of(&[]), "zip");
        assert_eq!(param_of(&[("lat", "42")]), "lon");
        assert_eq!(param_of(&[("lat", "91"), ("lon", "0")]), "lat");
        assert_eq!(param_of(&[("lat", "x"), ("lon", "0")]), "lat");
        assert_eq!(param_of(&[("lat", "0"), ("lon", "-181")]), "lon");
        assert_eq!(param_of(&[("zip", "48201"), ("radius_mi", "0")]), "radius_mi");
        assert_eq!(param_of(&[("zip", "48201"), ("radius_mi", "501")]), "radius_mi");
        assert_eq!(param_of(&[("zip", "48201"), ("radius_mi", "ten")]), "radius_mi");
        assert_eq!(param_of(&[("zip", "48201"), ("limit", "0")]), "limit");
        assert_eq!(param_of(&[("zip", "48201"), ("limit", "501")]), "limit");
        assert_eq!(param_of(&[("zip", "48201"), ("offset", "-1")]), "offset");
        assert_eq!(param_of(&[("zip", "48201"), ("kind", "boats")]), "kind");
        assert_eq!(param_of(&[("zip", "48201"), ("award", "phd")]), "award");
        assert_eq!(param_of(&[("zip", "48201"), ("sector", "secret")]), "sector");
        assert_eq!(param_of(&[("zip", "48201"), ("include_zero", "yes")]), "include_zero");
    }

    fn offering(kind: ProgramKind, award: AwardLevel, completions: u64) -> Offering {
        Offering { kind, award: Some(award), ipeds_award_level: award.ipeds(), completions }
    }

    #[test]
    fn filters_match_one_and_the_same_program() {
        // Diesel is taught, associate degrees are awarded, but not a diesel associate; and
        // the collision certificate awarded nothing in 2023-24.
        let program = ProgramSummary {
            unitid: 1,
            name: "Synthetic".into(),
            city: String::new(),
            state: "MI".into(),
            lat: 0.0,
            lon: 0.0,
            sector: Some(Sector::Public2Year),
            kinds: vec![ProgramKind::Auto, ProgramKind::Diesel, ProgramKind::Collision],
            award_levels: vec![AwardLevel::CertificateUnder1Year, AwardLevel::Associate],
            completions: 15,
            programs: vec![
                offering(ProgramKind::Auto, AwardLevel::Associate, 12),
                offering(ProgramKind::Diesel, AwardLevel::CertificateUnder1Year, 3),
                offering(ProgramKind::Collision, AwardLevel::CertificateUnder1Year, 0),
            ],
        };
        let f = |kind, award, include_zero| ProgramFilter { kind, award, sector: None, include_zero };
        assert!(ProgramFilter::default().matches(&program));
        assert!(f(Some(ProgramKind::Diesel), None, false).matches(&program));
        assert!(f(None, Some(AwardLevel::Associate), false).matches(&program));
        assert!(!f(Some(ProgramKind::Diesel), Some(AwardLevel::Associate), false).matches(&program));
        assert!(f(Some(ProgramKind::Auto), Some(AwardLevel::Associate), false).matches(&program));
        assert!(!f(Some(ProgramKind::Collision), None, false).matches(&program), "0 awards");
        assert!(f(Some(ProgramKind::Collision), None, true).matches(&program), "unless asked");
        assert!(!f(Some(ProgramKind::HeavyTruck), None, true).matches(&program));
        let sector = |s| ProgramFilter { sector: Some(s), ..Default::default() };
        assert!(sector(Sector::Public2Year).matches(&program));
        assert!(!sector(Sector::PrivateForProfit2Year).matches(&program));
    }
}
