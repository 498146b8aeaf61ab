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

#[cfg(test)]
mod tests {
    use super::*;

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
