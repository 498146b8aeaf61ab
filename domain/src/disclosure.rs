//! The pure disclosure rules of the Industry Data Exchange (docs/privacy.md): how many shops
//! and technicians a figure needs, the dominance limit, count bands, and the percentile
//! method. The service applies them; nothing here knows about databases.
use serde::{Deserialize, Serialize};

use crate::{insights::CountBand, vocabulary};

/// Distinct shops a figure needs (rule 1).
pub const MIN_SHOPS: usize = 5;
/// Technicians a pay figure needs (rule 1).
pub const MIN_TECHNICIANS: u64 = 5;
/// Distinct shops P10 and P90 need (rule 1).
pub const MIN_SHOPS_FOR_TAILS: usize = 10;
/// The largest share of a figure's weight one shop may carry, as a fraction: 1/4 (rule 2).
pub const MAX_SHARE_NUMERATOR: u64 = 1;
pub const MAX_SHARE_DENOMINATOR: u64 = 4;
/// Months between the end of a quarter and its first publication (rule 3).
pub const DELAY_MONTHS: u32 = 3;

vocabulary! {
    /// Why a figure is not shown.
    Suppressed {
        TooFewShops => ("too_few_shops", "Fewer than 5 shops reported for this selection"),
        TooFewTechnicians => ("too_few_technicians", "Fewer than 5 technicians are covered by this selection"),
        DominantShop => ("dominant_shop", "One shop would carry more than a quarter of this figure"),
        Differencing => ("differencing", "Together with a wider figure it would single out fewer than 5 shops"),
        NotForYou => ("not_for_you", "Not part of what your access shows (see “What you see” above)"),
    }
}

/// A count shown as a band; `None` below 5, which is never shown.
pub fn count_band(n: u64) -> Option<CountBand> {
    match n {
        0..=4 => None,
        5..=14 => Some(CountBand::From5To14),
        15..=49 => Some(CountBand::From15To49),
        _ => Some(CountBand::From50),
    }
}

/// Rule 1: enough distinct shops and technicians.
pub fn enough(shops: usize, technicians: u64) -> Result<(), Suppressed> {
    if shops < MIN_SHOPS {
        Err(Suppressed::TooFewShops)
    } else if technicians < MIN_TECHNICIANS {
        Err(Suppressed::TooFewTechnicians)
    } else {
        Ok(())
    }
}

/// Rule 2: whether one shop carries more than a quarter of the total weight. `weights` are
/// per shop (each shop once).
pub fn dominated(weights: impl IntoIterator<Item = u64>) -> bool {
    let (mut total, mut largest) = (0u64, 0u64);
    for w in weights {
        total += w;
        largest = largest.max(w);
    }
    // largest / total > 1/4, in integers.
    total > 0 && largest * MAX_SHARE_DENOMINATOR > total * MAX_SHARE_NUMERATOR
}

/// Whether a difference of two figures touching this many shops is allowed (rule 4): none
/// at all, or at least 5.
pub fn difference_allowed(shops: usize) -> bool {
    shops == 0 || shops >= MIN_SHOPS
}

/// The percentile `p` (0–100) of weighted values, each value counting `weight` times (a row
/// covering 3 technicians counts 3 times), by linear interpolation between closest ranks
/// (Hyndman & Fan type 7, as in R's default, NumPy's default and Excel's PERCENTILE.INC):
/// over the N expanded values sorted ascending, h = (N − 1)·p/100, and the result is
/// x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋+1 − x⌊h⌋), with 0-based ranks. `values` must be sorted by value.
/// `None` when there is no weight.
pub fn weighted_percentile(values: &[(i64, u64)], p: f64) -> Option<f64> {
    let total: u64 = values.iter().map(|(_, w)| w).sum();
    if total == 0 {
        return None;
    }
    let h = (total - 1) as f64 * p.clamp(0.0, 100.0) / 100.0;
    let low_rank = h.floor() as u64;
    let fraction = h - h.floor();
    let low = value_at_rank(values, low_rank)?;
    let high = if fraction > 0.0 { value_at_rank(values, low_rank + 1)? } else { low };
    Some(low as f64 + fraction * (high - low) as f64)
}

/// The value at a 0-based rank of the expanded multiset.
fn value_at_rank(values: &[(i64, u64)], rank: u64) -> Option<i64> {
    let mut seen = 0u64;
    for (value, weight) in values {
        seen += weight;
        if rank < seen {
            return Some(*value);
        }
    }
    None
}

/// The figures of one distribution in cents, rounded to whole cents (half away from zero).
/// P10/P90 only when 10 shops stand behind it; the quartiles only for viewers who may see
/// the spread; never a minimum or maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quartiles {
    pub p10: Option<i64>,
    pub p25: Option<i64>,
    pub median: i64,
    pub p75: Option<i64>,
    pub p90: Option<i64>,
}

impl Quartiles {
    /// The quartiles of sorted weighted values, with the tails when `shops` allows them.
    pub fn of(values: &[(i64, u64)], shops: usize) -> Option<Self> {
        Self::of_divided(values, shops, 1.0)
    }

    /// The quartiles of the values divided by `divisor` (annual pay to an hourly equivalent),
    /// divided before rounding so the result is the percentile of the divided values.
    pub fn of_divided(values: &[(i64, u64)], shops: usize, divisor: f64) -> Option<Self> {
        let tails = shops >= MIN_SHOPS_FOR_TAILS;
        let at = |p| weighted_percentile(values, p).map(|v| (v / divisor).round() as i64);
        Some(Self {
            p10: if tails { at(10.0) } else { None },
            p25: at(25.0),
            median: at(50.0)?,
            p75: at(75.0),
            p90: if tails { at(90.0) } else { None },
        })
    }

    /// Only the median (for viewers who see medians).
    pub fn median_only(self) -> Self {
        Self { p10: None, p25: None, median: self.median, p75: None, p90: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_show_as_bands_and_never_below_five() {
        assert_eq!(count_band(4), None);
        assert_eq!(count_band(5), Some(CountBand::From5To14));
        assert_eq!(count_band(14), Some(CountBand::From5To14));
        assert_eq!(count_band(15), Some(CountBand::From15To49));
        assert_eq!(count_band(50), Some(CountBand::From50));
    }

    #[test]
    fn five_shops_and_five_technicians_are_needed() {
        assert_eq!(enough(4, 100), Err(Suppressed::TooFewShops));
        assert_eq!(enough(5, 4), Err(Suppressed::TooFewTechnicians));
        assert_eq!(enough(5, 5), Ok(()));
    }

    #[test]
    fn a_shop_above_a_quarter_dominates() {
        assert!(!dominated([1, 1, 1, 1]), "exactly a quarter is allowed");
        assert!(dominated([2, 1, 1, 1, 1]), "2 of 6 is a third");
        assert!(!dominated([2, 2, 2, 2]));
        assert!(!dominated([]));
    }

    #[test]
    fn differences_touch_none_or_at_least_five_shops() {
        assert!(difference_allowed(0));
        assert!(!difference_allowed(1));
        assert!(!difference_allowed(4));
        assert!(difference_allowed(5));
    }

    #[test]
    fn percentiles_interpolate_between_closest_ranks() {
        // 1, 2, 3, 4 expanded: type 7 gives the textbook answers.
        let v = [(1, 1), (2, 1), (3, 1), (4, 1)];
        assert_eq!(weighted_percentile(&v, 50.0), Some(2.5));
        assert_eq!(weighted_percentile(&v, 25.0), Some(1.75));
        assert_eq!(weighted_percentile(&v, 0.0), Some(1.0));
        assert_eq!(weighted_percentile(&v, 100.0), Some(4.0));
        // Weights expand: 10 ×1 and 30 ×3 is 10, 30, 30, 30.
        let w = [(10, 1), (30, 3)];
        assert_eq!(weighted_percentile(&w, 50.0), Some(30.0));
        assert_eq!(weighted_percentile(&w, 10.0), Some(16.0));
        assert_eq!(weighted_percentile(&[], 50.0), None);
    }

    #[test]
    fn tails_need_ten_shops() {
        let v: Vec<(i64, u64)> = (1..=20).map(|x| (x, 1)).collect();
        assert!(Quartiles::of(&v, 9).unwrap().p10.is_none());
        let q = Quartiles::of(&v, 10).unwrap();
        assert_eq!(q.p10, Some(3), "2.9 rounds to 3");
        assert_eq!(q.median, 11, "10.5 rounds half away from zero");
        assert_eq!(Quartiles::of_divided(&v, 10, 2.0).unwrap().median, 5, "10.5 / 2 = 5.25");
        assert_eq!(q.median_only().p25, None);
    }
}
