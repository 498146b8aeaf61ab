//! Server-side marker clustering: programs are binned on a grid in Web Mercator pixel space
//! at the requested zoom (cells of 64 px), so a zoomed-out map draws a few dozen clusters
//! and a zoomed-in one draws each program.
use std::collections::BTreeMap;

use domain::programs::{ProgramFilter, ProgramSummary};
use serde::{Deserialize, Serialize};

use super::ProgramIndex;

const TILE_PX: f64 = 256.0;
const CELL_PX: f64 = 64.0;
/// From this zoom on, every program is its own marker.
pub const MAX_CLUSTER_ZOOM: u8 = 12;

/// A west-south-east-north box in degrees. A west edge east of the east edge is a box across
/// the antimeridian (Guam and the Aleutians to Hawaii); latitudes may come in either order.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl BBox {
    /// A box, or the reason it is not one.
    pub fn new(west: f64, south: f64, east: f64, north: f64) -> Result<Self, String> {
        for (name, v, limit) in
            [("west", west, 180.0), ("east", east, 180.0), ("south", south, 90.0), ("north", north, 90.0)]
        {
            if !v.is_finite() || v.abs() > limit {
                return Err(format!("{name} {v} is out of range"));
            }
        }
        Ok(Self { west, south: south.min(north), east, north: south.max(north) })
    }

    fn contains(&self, p: &ProgramSummary) -> bool {
        let longitude = if self.west <= self.east {
            (self.west..=self.east).contains(&p.lon)
        } else {
            p.lon >= self.west || p.lon <= self.east
        };
        (self.south..=self.north).contains(&p.lat) && longitude
    }
}

/// Several programs drawn as one marker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Cluster {
    pub lat: f64,
    pub lon: f64,
    pub count: usize,
    /// The zoom at which the map should open to split this cluster.
    pub expansion_zoom: u8,
}

/// What the map draws: a cluster or a single program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[derive(utoipa::ToSchema)]
pub enum MapFeature {
    Cluster(Cluster),
    Program { unitid: i32, name: String, city: String, state: String, lat: f64, lon: f64 },
}

fn pixel(lat: f64, lon: f64, zoom: u8) -> (f64, f64) {
    let scale = TILE_PX * f64::from(1u32 << zoom);
    let x = (lon + 180.0) / 360.0 * scale;
    let lat = lat.clamp(-85.051_128, 85.051_128).to_radians();
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * scale;
    (x, y)
}

/// The map features inside `bbox` at `zoom` (0–20), ordered for a stable answer.
pub fn clusters(index: &ProgramIndex, bbox: BBox, zoom: u8, filter: &ProgramFilter) -> Vec<MapFeature> {
    let zoom = zoom.min(20);
    let inside = index.all().iter().filter(|p| bbox.contains(p) && filter.matches(p));
    if zoom >= MAX_CLUSTER_ZOOM {
        return inside.map(single).collect();
    }
    let mut cells: BTreeMap<(i64, i64), Vec<&ProgramSummary>> = BTreeMap::new();
    for program in inside {
        let (x, y) = pixel(program.lat, program.lon, zoom);
        cells.entry(((x / CELL_PX).floor() as i64, (y / CELL_PX).floor() as i64)).or_default().push(program);
    }
    cells
        .into_values()
        .map(|members| match members.as_slice() {
            [one] => single(one),
            many => {
                let n = many.len() as f64;
                MapFeature::Cluster(Cluster {
                    lat: many.iter().map(|p| p.lat).sum::<f64>() / n,
                    lon: many.iter().map(|p| p.lon).sum::<f64>() / n,
                    count: many.len(),
                    expansion_zoom: (zoom + 2).min(MAX_CLUSTER_ZOOM),
                })
            }
        })
        .collect()
}

fn single(p: &ProgramSummary) -> MapFeature {
    MapFeature::Program {
        unitid: p.unitid,
        name: p.name.clone(),
        city: p.city.clone(),
        state: p.state.clone(),
        lat: p.lat,
        lon: p.lon,
    }
}

#[cfg(test)]
mod tests {
    use domain::ProgramKind;

    use super::*;

    fn program(unitid: i32, lat: f64, lon: f64) -> ProgramSummary {
        super::super::synthetic_program(unitid, lat, lon, ProgramKind::Auto)
    }

    #[test]
    fn clusters_when_zoomed_out_and_splits_when_zoomed_in() {
        let index = ProgramIndex::new(vec![
            program(1, 42.30, -83.00),
            program(2, 42.31, -83.01),
            program(3, 35.0, -100.0),
        ]);
        let us = BBox::new(-125.0, 24.0, -66.0, 50.0).unwrap();
        let far = clusters(&index, us, 3, &ProgramFilter::default());
        let counted: usize = far
            .iter()
            .map(|f| match f {
                MapFeature::Cluster(c) => c.count,
                MapFeature::Program { .. } => 1,
            })
            .sum();
        assert_eq!(counted, 3, "every program is in exactly one feature");
        assert!(far.iter().any(|f| matches!(f, MapFeature::Cluster(c) if c.count == 2)));
        let near = clusters(&index, us, MAX_CLUSTER_ZOOM, &ProgramFilter::default());
        assert_eq!(near.len(), 3);
        let detroit = BBox::new(-83.5, 42.0, -82.5, 42.5).unwrap();
        assert_eq!(clusters(&index, detroit, 14, &ProgramFilter::default()).len(), 2);
    }

    #[test]
    fn refuses_out_of_range_boxes_and_reads_any_order_of_latitudes() {
        assert!(BBox::new(-190.0, 40.0, -80.0, 45.0).is_err());
        assert!(BBox::new(-90.0, 40.0, -80.0, 95.0).is_err());
        assert!(BBox::new(-90.0, f64::NAN, -80.0, 45.0).is_err());
        assert_eq!(BBox::new(-90.0, 45.0, -80.0, 40.0), BBox::new(-90.0, 40.0, -80.0, 45.0));
    }

    #[test]
    fn a_box_may_cross_the_antimeridian() {
        // Guam (144.8 E) and Honolulu (157.9 W) in one box from 140 E to 150 W.
        let index = ProgramIndex::new(vec![
            program(1, 13.45, 144.75),
            program(2, 21.3, -157.86),
            program(3, 42.3, -83.0),
        ]);
        let pacific = BBox::new(140.0, 0.0, -150.0, 30.0).unwrap();
        let found: Vec<i32> = clusters(&index, pacific, 14, &ProgramFilter::default())
            .iter()
            .map(|f| match f {
                MapFeature::Program { unitid, .. } => *unitid,
                MapFeature::Cluster(_) => unreachable!("zoomed in"),
            })
            .collect();
        assert_eq!(found, [1, 2]);
    }
}
