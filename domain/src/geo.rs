//! Great-circle geometry on the mean Earth radius used throughout Bayline.
use serde::{Deserialize, Serialize};

/// Mean Earth radius in statute miles.
pub const EARTH_RADIUS_MI: f64 = 3958.8;

/// A point in degrees (WGS 84).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    /// A point, or the name of the coordinate that is out of range.
    pub fn new(lat: f64, lon: f64) -> Result<Self, &'static str> {
        if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
            return Err("lat");
        }
        if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
            return Err("lon");
        }
        Ok(Self { lat, lon })
    }

    /// Great-circle (haversine) distance in miles.
    pub fn distance_mi(self, other: LatLon) -> f64 {
        let (lat1, lat2) = (self.lat.to_radians(), other.lat.to_radians());
        let dlat = lat2 - lat1;
        let dlon = (other.lon - self.lon).to_radians();
        let a = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_MI * a.sqrt().min(1.0).asin()
    }
}

/// Degrees of latitude spanned by `miles` (exact on a sphere).
pub fn latitude_span_deg(miles: f64) -> f64 {
    (miles / EARTH_RADIUS_MI).to_degrees()
}

impl LatLon {
    /// The latitude and longitude ranges that hold every point within `miles`: the box a
    /// database narrows to (indexed) before the exact great-circle test. Longitude degrees
    /// shrink with the cosine of the latitude; near a pole the box takes them all.
    pub fn box_around(self, miles: f64) -> ((f64, f64), (f64, f64)) {
        let lat_span = latitude_span_deg(miles);
        let cos = self.lat.to_radians().cos().abs();
        let lon_span = if cos < 0.01 { 180.0 } else { (lat_span / cos).min(180.0) };
        ((self.lat - lat_span, self.lat + lat_span), (self.lon - lon_span, self.lon + lon_span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_box_holds_the_circle_and_widens_towards_the_poles() {
        let detroit = LatLon::new(42.3314, -83.0458).unwrap();
        let ((south, north), (west, east)) = detroit.box_around(50.0);
        for bearing in 0..360 {
            // A point just inside 50 miles on every bearing lies in the box.
            let b = f64::from(bearing).to_radians();
            let d = 49.9 / EARTH_RADIUS_MI;
            let (lat1, lon1) = (detroit.lat.to_radians(), detroit.lon.to_radians());
            let lat2 = (lat1.sin() * d.cos() + lat1.cos() * d.sin() * b.cos()).asin();
            let lon2 = lon1 + (b.sin() * d.sin() * lat1.cos()).atan2(d.cos() - lat1.sin() * lat2.sin());
            let (lat, lon) = (lat2.to_degrees(), lon2.to_degrees());
            assert!((south..=north).contains(&lat) && (west..=east).contains(&lon), "{bearing}: {lat},{lon}");
        }
        let pole = LatLon::new(89.99, 10.0).unwrap();
        assert_eq!(pole.box_around(50.0).1, (10.0 - 180.0, 10.0 + 180.0));
    }

    #[test]
    fn distances_match_known_values() {
        let detroit = LatLon::new(42.3314, -83.0458).unwrap();
        let chicago = LatLon::new(41.8781, -87.6298).unwrap();
        let d = detroit.distance_mi(chicago);
        assert!((d - 237.6).abs() < 1.0, "{d}");
        assert_eq!(detroit.distance_mi(detroit), 0.0);
        // A quarter of the way round the Earth.
        let q = LatLon::new(0.0, 0.0).unwrap().distance_mi(LatLon::new(0.0, 90.0).unwrap());
        assert!((q - EARTH_RADIUS_MI * std::f64::consts::FRAC_PI_2).abs() < 1e-6);
    }

    #[test]
    fn refuses_out_of_range_coordinates() {
        assert_eq!(LatLon::new(91.0, 0.0), Err("lat"));
        assert_eq!(LatLon::new(0.0, -180.5), Err("lon"));
        assert_eq!(LatLon::new(f64::NAN, 0.0), Err("lat"));
    }

    #[test]
    fn latitude_span_is_distance_over_radius() {
        let span = latitude_span_deg(69.09);
        assert!((span - 1.0).abs() < 0.001, "{span}");
    }
}
