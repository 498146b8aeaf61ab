//! Radius search: programs sorted by latitude, a binary search to the latitude band the
//! radius can reach, then the exact great-circle distance for each candidate.
use domain::{
    LatLon,
    geo::latitude_span_deg,
    programs::{NearbyProgram, ProgramFilter, ProgramSummary},
};

/// Immutable search index; rebuilt as a whole (see [`super::ProgramCatalog`]).
#[derive(Debug, Default)]
pub struct ProgramIndex {
    /// Sorted by latitude.
    by_lat: Vec<ProgramSummary>,
    /// Positions in `by_lat`, sorted by UNITID, for profile lookups.
    by_unitid: Vec<(i32, usize)>,
}

/// One page of results and how many matched in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub total: usize,
    pub results: Vec<NearbyProgram>,
}

impl ProgramIndex {
    pub fn new(mut programs: Vec<ProgramSummary>) -> Self {
        programs.sort_by(|a, b| a.lat.total_cmp(&b.lat).then(a.unitid.cmp(&b.unitid)));
        let mut by_unitid: Vec<(i32, usize)> =
            programs.iter().enumerate().map(|(i, p)| (p.unitid, i)).collect();
        by_unitid.sort_unstable();
        Self { by_lat: programs, by_unitid }
    }

    pub fn len(&self) -> usize {
        self.by_lat.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_lat.is_empty()
    }

    pub fn get(&self, unitid: i32) -> Option<&ProgramSummary> {
        let at = self.by_unitid.binary_search_by_key(&unitid, |(id, _)| *id).ok()?;
        Some(&self.by_lat[self.by_unitid[at].1])
    }

    pub fn all(&self) -> &[ProgramSummary] {
        &self.by_lat
    }

    /// Every matching program within `radius_mi` of `origin`, unordered.
    fn unordered_within(
        &self,
        origin: LatLon,
        radius_mi: f64,
        filter: &ProgramFilter,
    ) -> Vec<(f64, &ProgramSummary)> {
        // Pad the box a little so rounding can never drop a program on the boundary.
        let span = latitude_span_deg(radius_mi) + 1e-6;
        let lon_span = longitude_span_deg(origin.lat, radius_mi).map(|s| s + 1e-6);
        let start = self.by_lat.partition_point(|p| p.lat < origin.lat - span);
        let end = self.by_lat.partition_point(|p| p.lat <= origin.lat + span);
        self.by_lat[start..end]
            .iter()
            .filter(|p| lon_span.is_none_or(|s| longitude_gap_deg(origin.lon, p.lon) <= s))
            .filter(|p| filter.matches(p))
            .map(|p| (origin.distance_mi(p.location()), p))
            .filter(|(d, _)| *d <= radius_mi)
            .collect()
    }

    /// Every matching program within `radius_mi` of `origin`, nearest first (ties by UNITID).
    pub fn within(
        &self,
        origin: LatLon,
        radius_mi: f64,
        filter: &ProgramFilter,
    ) -> Vec<(f64, &ProgramSummary)> {
        let mut found = self.unordered_within(origin, radius_mi, filter);
        found.sort_by(nearest_first);
        found
    }

    /// A page of [`Self::within`], with distances rounded to hundredths of a mile.
    pub fn near(
        &self,
        origin: LatLon,
        radius_mi: f64,
        filter: &ProgramFilter,
        offset: usize,
        limit: usize,
    ) -> Page {
        let mut all = self.unordered_within(origin, radius_mi, filter);
        let total = all.len();
        // Only the requested page needs ordering: select it, then sort just that part.
        let end = offset.saturating_add(limit).min(total);
        if end < total && end > 0 {
            all.select_nth_unstable_by(end - 1, nearest_first);
            all.truncate(end);
        }
        all.sort_by(nearest_first);
        let results = all
            .iter()
            .skip(offset)
            .map(|(d, p)| NearbyProgram { program: (*p).clone(), distance_mi: (d * 100.0).round() / 100.0 })
            .collect();
        Page { total, results }
    }

    /// The `count` nearest other programs to one program, whatever the distance.
    pub fn nearest_to(&self, unitid: i32, count: usize) -> Vec<NearbyProgram> {
        let Some(me) = self.get(unitid) else { return Vec::new() };
        let origin = me.location();
        let mut others: Vec<(f64, &ProgramSummary)> = self
            .by_lat
            .iter()
            .filter(|p| p.unitid != unitid)
            .map(|p| (origin.distance_mi(p.location()), p))
            .collect();
        let count = count.min(others.len());
        if count == 0 {
            return Vec::new();
        }
        others
            .select_nth_unstable_by(count - 1, |a, b| a.0.total_cmp(&b.0).then(a.1.unitid.cmp(&b.1.unitid)));
        others.truncate(count);
        others.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.unitid.cmp(&b.1.unitid)));
        others
            .into_iter()
            .map(|(d, p)| NearbyProgram { program: p.clone(), distance_mi: (d * 100.0).round() / 100.0 })
            .collect()
    }
}

fn nearest_first(a: &(f64, &ProgramSummary), b: &(f64, &ProgramSummary)) -> std::cmp::Ordering {
    a.0.total_cmp(&b.0).then(a.1.unitid.cmp(&b.1.unitid))
}

/// Half-width in longitude of the box around a circle of `radius_mi` centred at `lat`, or
/// `None` when the circle reaches a pole (then every longitude is possible).
fn longitude_span_deg(lat: f64, radius_mi: f64) -> Option<f64> {
    let angle = radius_mi / domain::geo::EARTH_RADIUS_MI;
    let lat = lat.to_radians();
    if lat.abs() + angle >= std::f64::consts::FRAC_PI_2 {
        return None;
    }
    Some((angle.sin() / lat.cos()).min(1.0).asin().to_degrees())
}

/// Degrees between two longitudes the short way round (0–180), across the antimeridian too.
fn longitude_gap_deg(a: f64, b: f64) -> f64 {
    ((b - a + 540.0).rem_euclid(360.0) - 180.0).abs()
}

#[cfg(test)]
mod tests {
    use domain::ProgramKind;

    use super::*;

    fn program(unitid: i32, lat: f64, lon: f64, kind: ProgramKind) -> ProgramSummary {
        super::super::synthetic_program(unitid, lat, lon, kind)
    }

    /// Synthetic points; the brute-force scan is the independent reference.
    #[test]
    fn matches_a_brute_force_scan() {
        let mut points = Vec::new();
        let mut seed = 7u64;
        for unitid in 0..2000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let lat = 18.0 + (seed >> 33) as f64 % 5200.0 / 100.0;
            let lon = -170.0 + (seed >> 13) as f64 % 10500.0 / 100.0;
            let kind = if unitid % 3 == 0 { ProgramKind::Diesel } else { ProgramKind::Auto };
            points.push(program(unitid, lat, lon, kind));
        }
        let index = ProgramIndex::new(points.clone());
        let origin = LatLon::new(42.33, -83.05).unwrap();
        for radius in [1.0, 25.0, 100.0, 500.0] {
            for filter in [
                ProgramFilter::default(),
                ProgramFilter { kind: Some(ProgramKind::Diesel), ..Default::default() },
            ] {
                let mut expected: Vec<(i32, f64)> = points
                    .iter()
                    .filter(|p| filter.matches(p))
                    .map(|p| (p.unitid, origin.distance_mi(p.location())))
                    .filter(|(_, d)| *d <= radius)
                    .collect();
                expected.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
                let got: Vec<(i32, f64)> =
                    index.within(origin, radius, &filter).iter().map(|(d, p)| (p.unitid, *d)).collect();
                assert_eq!(got, expected, "radius {radius}");
            }
        }
    }

    #[test]
    fn longitude_box_handles_the_antimeridian_and_poles() {
        assert!((longitude_gap_deg(179.5, -179.5) - 1.0).abs() < 1e-9);
        assert_eq!(longitude_span_deg(89.9, 50.0), None);
        let span = longitude_span_deg(0.0, 69.09).unwrap();
        assert!((span - 1.0).abs() < 0.01, "{span}");
        // Across the antimeridian (Aleutians): a point 1° of longitude away is found.
        let index = ProgramIndex::new(vec![program(1, 52.0, -179.7, ProgramKind::Auto)]);
        let near = index.within(LatLon::new(52.0, 179.7).unwrap(), 50.0, &ProgramFilter::default());
        assert_eq!(near.len(), 1);
    }

    #[test]
    fn a_page_equals_the_slice_of_the_full_order() {
        let points: Vec<ProgramSummary> = (0..300)
            .map(|i| {
                program(i, 40.0 + (i % 17) as f64 * 0.05, -90.0 + (i % 13) as f64 * 0.05, ProgramKind::Auto)
            })
            .collect();
        let index = ProgramIndex::new(points);
        let origin = LatLon::new(40.3, -89.7).unwrap();
        let all: Vec<i32> =
            index.within(origin, 100.0, &ProgramFilter::default()).iter().map(|(_, p)| p.unitid).collect();
        for (offset, limit) in [(0, 10), (10, 25), (290, 50), (400, 5)] {
            let page = index.near(origin, 100.0, &ProgramFilter::default(), offset, limit);
            let got: Vec<i32> = page.results.iter().map(|r| r.program.unitid).collect();
            let want: Vec<i32> = all.iter().skip(offset).take(limit).copied().collect();
            assert_eq!((page.total, got), (all.len(), want), "offset {offset} limit {limit}");
        }
    }

    #[test]
    fn pages_and_looks_up() {
        let index = ProgramIndex::new(vec![
            program(3, 42.0, -83.0, ProgramKind::Auto),
            program(1, 42.1, -83.0, ProgramKind::Auto),
            program(2, 42.2, -83.0, ProgramKind::Auto),
        ]);
        let origin = LatLon::new(42.0, -83.0).unwrap();
        let page = index.near(origin, 100.0, &ProgramFilter::default(), 1, 1);
        assert_eq!(page.total, 3);
        assert_eq!(page.results[0].program.unitid, 1);
        assert_eq!(index.get(2).unwrap().unitid, 2);
        assert!(index.get(9).is_none());
        let nearest: Vec<i32> = index.nearest_to(3, 5).iter().map(|n| n.program.unitid).collect();
        assert_eq!(nearest, vec![1, 2]);
    }
}
