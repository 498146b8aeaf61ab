//! Data the pages exchange with their server functions (plain serde types; no database).
use domain::{
    params::ParamError,
    programs::{NearQuery, NearbyProgram, ProgramProfile, RawNearQuery},
};
use serde::{Deserialize, Serialize};

/// Programs per page of the finder.
pub const PER_PAGE: u16 = 20;
/// Radius the finder uses when the URL names none.
pub const DEFAULT_RADIUS_MI: u16 = 25;
/// Radius choices offered by the finder's form.
pub const RADIUS_CHOICES: [u16; 6] = [10, 25, 50, 100, 250, 500];

/// The finder's URL parameters exactly as given: `/programs?zip=…&radius=…&kind=…&page=…`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchParams {
    pub zip: Option<String>,
    pub lat: Option<String>,
    pub lon: Option<String>,
    pub radius: Option<String>,
    pub kind: Option<String>,
    pub award: Option<String>,
    pub sector: Option<String>,
    /// `true` to let programs that awarded nothing in 2023-24 match the filters.
    pub include_zero: Option<String>,
    pub page: Option<String>,
    /// `map` for the map view on a phone (a desktop shows both side by side); else the list.
    pub view: Option<String>,
}

impl SearchParams {
    /// Reads the parameters from a query map (`get` returns one value by name).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            zip: get("zip"),
            lat: get("lat"),
            lon: get("lon"),
            radius: get("radius"),
            kind: get("kind"),
            award: get("award"),
            sector: get("sector"),
            include_zero: get("include_zero"),
            page: get("page"),
            view: get("view"),
        }
    }

    /// Whether a phone shows the map rather than the list.
    pub fn shows_map(&self) -> bool {
        self.view.as_deref() == Some("map")
    }

    /// This page of results as the map view (`map`) or the list view.
    pub fn href_for_view(&self, map: bool) -> String {
        let view = map.then(|| "map".to_string());
        SearchParams { view, ..self.clone() }.href_for_page(self.page_number().unwrap_or(1))
    }

    /// Whether the visitor has asked for a search yet (a ZIP or a point).
    pub fn has_origin(&self) -> bool {
        [&self.zip, &self.lat, &self.lon].iter().any(|v| v.as_deref().is_some_and(|v| !v.trim().is_empty()))
    }

    /// The 1-based page, or the reason it is not one.
    pub fn page_number(&self) -> Result<u32, ParamError> {
        domain::params::number_in(&self.page, "page", 1..=100_000, 1, |text| {
            format!("'{text}' is not a page number")
        })
    }

    /// The validated search for this page. Errors name the page's own parameters (the page
    /// says `radius` where the API says `radius_mi`).
    pub fn to_query(&self) -> Result<NearQuery, ParamError> {
        self.to_near().and_then(|raw| NearQuery::parse(&raw, DEFAULT_RADIUS_MI, PER_PAGE)).map_err(
            |mut problem| {
                if problem.param == "radius_mi" {
                    problem.param = "radius".into();
                }
                problem
            },
        )
    }

    /// The API-level query for this page of results.
    pub fn to_near(&self) -> Result<RawNearQuery, ParamError> {
        let page = self.page_number()?;
        Ok(RawNearQuery {
            zip: self.zip.clone(),
            lat: self.lat.clone(),
            lon: self.lon.clone(),
            radius_mi: self.radius.clone(),
            kind: self.kind.clone(),
            award: self.award.clone(),
            sector: self.sector.clone(),
            include_zero: self.include_zero.clone(),
            limit: Some(PER_PAGE.to_string()),
            offset: Some(((page - 1) * u32::from(PER_PAGE)).to_string()),
        })
    }

    /// The program filters alone as a query string, for the map's clusters; `None` when
    /// nothing is filtered.
    pub fn filter_query(&self) -> Option<String> {
        let query = query_string(&[
            ("kind", self.kind.as_deref()),
            ("award", self.award.as_deref()),
            ("sector", self.sector.as_deref()),
            ("include_zero", self.include_zero.as_deref()),
        ]);
        (!query.is_empty()).then_some(query)
    }

    /// The finder URL for these parameters on another page (empty values left out).
    pub fn href_for_page(&self, page: u32) -> String {
        let page = page.to_string();
        let pairs = [
            ("zip", self.zip.as_deref()),
            ("lat", self.lat.as_deref()),
            ("lon", self.lon.as_deref()),
            ("radius", self.radius.as_deref()),
            ("kind", self.kind.as_deref()),
            ("award", self.award.as_deref()),
            ("sector", self.sector.as_deref()),
            ("include_zero", self.include_zero.as_deref()),
            ("page", Some(page.as_str()).filter(|p| *p != "1")),
            ("view", self.view.as_deref().filter(|v| *v == "map")),
        ];
        let query = query_string(&pairs);
        if query.is_empty() { "/programs".into() } else { format!("/programs?{query}") }
    }
}

/// `name=value` pairs joined by `&`, each value trimmed and percent-encoded; absent and empty
/// values are left out (a GET form's `kind=` means "any"). No leading `?`.
pub fn query_string(pairs: &[(&str, Option<&str>)]) -> String {
    pairs
        .iter()
        .filter_map(|(name, value)| {
            value.map(str::trim).filter(|v| !v.is_empty()).map(|v| format!("{name}={}", encode(v)))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes a query value (everything but unreserved characters).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Where the map's background comes from (`BAYLINE_TILE_URL`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TileSettings {
    /// A `{z}/{x}/{y}` template, or `None` for the offline state-outline basemap only.
    pub url: Option<String>,
    pub attribution: String,
}

impl TileSettings {
    /// OpenStreetMap's standard tiles, with the attribution their licence requires.
    pub fn openstreetmap() -> Self {
        Self {
            url: Some("https://tile.openstreetmap.org/{z}/{x}/{y}.png".into()),
            attribution: "© OpenStreetMap contributors".into(),
        }
    }

    /// The tile server's origin (`https://host`), for the Content-Security-Policy.
    pub fn origin(&self) -> Option<String> {
        let url = self.url.as_deref()?;
        let (scheme, rest) = url.split_once("://")?;
        // Leaflet's `{s}` subdomain placeholder becomes a CSP wildcard.
        let host = rest.split('/').next()?.replace("{s}", "*");
        Some(format!("{scheme}://{host}"))
    }
}

/// The resolved centre of a search, for headings and the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OriginView {
    pub zip: Option<String>,
    /// "ZIP 48201 (Detroit, MI)", or "your location" for a point from the browser.
    pub label: String,
    pub lat: f64,
    pub lon: f64,
}

/// One page of the program finder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgramSearchPage {
    /// Input the visitor should correct, shown beside the form.
    pub problem: Option<ParamError>,
    pub origin: Option<OriginView>,
    pub radius_mi: u16,
    pub total: usize,
    pub page: u32,
    pub results: Vec<NearbyProgram>,
    /// Verified programs IPEDS does not list (high-school CTE) within the radius.
    pub schools: Vec<domain::orgs::SchoolPin>,
    /// Schools from an operator's imported list that nobody on Bayline speaks for yet,
    /// within the radius: counted and shown apart from the programs.
    pub listings: Vec<domain::schools::ListingView>,
    /// Programs on Bayline that posted this school year's update or hold a badge.
    pub marks: Vec<domain::school_year::YearMark>,
    pub tiles: TileSettings,
}

impl ProgramSearchPage {
    pub fn page_count(&self) -> u32 {
        u32::try_from(self.total.div_ceil(usize::from(PER_PAGE))).unwrap_or(u32::MAX)
    }
}

/// Everything a program's profile page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfilePageData {
    pub profile: ProgramProfile,
    /// The searched ZIP and the great-circle miles to it, when the visitor came from a search.
    pub from_zip: Option<(String, f64)>,
    pub nearest: Vec<NearbyProgram>,
    pub tiles: TileSettings,
}

/// A website as IPEDS lists it ("www.example.edu/") as a link target.
pub fn website_href(website: &str) -> Option<String> {
    let site = website.trim();
    if site.is_empty() || site.contains(char::is_whitespace) {
        return None;
    }
    if site.starts_with("https://") || site.starts_with("http://") {
        Some(site.to_string())
    } else {
        Some(format!("https://{site}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_page_links_keeping_filters() {
        let params = SearchParams {
            zip: Some("48201".into()),
            radius: Some("50".into()),
            kind: Some("diesel".into()),
            award: Some(String::new()),
            ..Default::default()
        };
        assert_eq!(params.href_for_page(2), "/programs?zip=48201&radius=50&kind=diesel&page=2");
        assert_eq!(params.href_for_page(1), "/programs?zip=48201&radius=50&kind=diesel");
        assert_eq!(SearchParams::default().href_for_page(1), "/programs");
    }

    #[test]
    fn the_map_gets_the_filters_alone() {
        let params = SearchParams {
            zip: Some("48201".into()),
            kind: Some("diesel".into()),
            award: Some("associate".into()),
            sector: Some(" ".into()),
            include_zero: Some("true".into()),
            page: Some("3".into()),
            ..Default::default()
        };
        assert_eq!(params.filter_query().as_deref(), Some("kind=diesel&award=associate&include_zero=true"));
        assert_eq!(SearchParams { zip: Some("48201".into()), ..Default::default() }.filter_query(), None);
    }

    #[test]
    fn switches_between_list_and_map_keeping_the_page() {
        let params = SearchParams { zip: Some("48201".into()), page: Some("2".into()), ..Default::default() };
        assert!(!params.shows_map());
        let map = params.href_for_view(true);
        assert_eq!(map, "/programs?zip=48201&page=2&view=map");
        let on_map = SearchParams { view: Some("map".into()), ..params.clone() };
        assert!(on_map.shows_map());
        assert_eq!(on_map.href_for_view(false), "/programs?zip=48201&page=2");
        // Only `map` is a view: anything else is the list, and is not carried along.
        let odd = SearchParams { view: Some("satellite".into()), ..params };
        assert!(!odd.shows_map());
        assert_eq!(odd.href_for_page(1), "/programs?zip=48201");
    }

    #[test]
    fn errors_name_the_pages_parameters() {
        let params =
            SearchParams { zip: Some("48201".into()), radius: Some("0".into()), ..Default::default() };
        assert_eq!(params.to_query().unwrap_err().param, "radius");
    }

    #[test]
    fn encodes_query_values() {
        assert_eq!(encode("a b&c=d"), "a%20b%26c%3Dd");
        assert_eq!(encode("-73.99"), "-73.99");
    }

    #[test]
    fn pages_become_offsets() {
        let params = SearchParams { zip: Some("48201".into()), page: Some("3".into()), ..Default::default() };
        let raw = params.to_near().unwrap();
        assert_eq!(raw.offset.as_deref(), Some("40"));
        assert_eq!(raw.limit.as_deref(), Some("20"));
        let bad = SearchParams { page: Some("0".into()), ..Default::default() };
        assert_eq!(bad.to_near().unwrap_err().param, "page");
    }

    #[test]
    fn tile_origins_for_the_csp() {
        assert_eq!(TileSettings::openstreetmap().origin().as_deref(), Some("https://tile.openstreetmap.org"));
        let subdomains = TileSettings {
            url: Some("https://{s}.tiles.example/{z}/{x}/{y}.png".into()),
            attribution: String::new(),
        };
        assert_eq!(subdomains.origin().as_deref(), Some("https://*.tiles.example"));
        assert_eq!(TileSettings { url: None, attribution: String::new() }.origin(), None);
    }

    #[test]
    fn websites_become_links() {
        assert_eq!(website_href("www.avtec.edu/").as_deref(), Some("https://www.avtec.edu/"));
        assert_eq!(website_href("http://x.edu").as_deref(), Some("http://x.edu"));
        assert_eq!(website_href(""), None);
        assert_eq!(website_href("javascript: alert(1)"), None);
    }
}
