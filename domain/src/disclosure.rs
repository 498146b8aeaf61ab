//! The pure disclosure rules of the Industry Data Exchange (docs/privacy.md): how many shops
//! and technicians a figure needs, the dominance limit, count bands, and how percentiles
//! are printed (rounded and blurred; the estimator is `crate::estimator`). The service applies
//! them; nothing here knows about databases.
use serde::{Deserialize, Serialize};

use crate::{
    estimator::{Sample, percentile, round_to},
    insights::CountBand,
    vocabulary,
};

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

/// Printed pay is rounded to $250 a year and to $0.25 an hour, labor rates to $1 (cents).
pub const ANNUAL_STEP_CENTS: i64 = 25_000;
pub const HOURLY_STEP_CENTS: i64 = 25;
pub const LABOR_STEP_CENTS: i64 = 100;
/// The largest blur of a printed distribution: every percentile of one figure is multiplied
/// by the same factor within ±2 %, fixed by a secret drawn when its quarter was published
/// (so the figure never changes) and by the exact set of rows it rests on (so asking for the
/// same rows another way gives the same blur, and averaging questions gains nothing).
pub const MAX_BLUR: f64 = 0.02;

/// The percentiles of one distribution before printing (see `crate::estimator`), with the
/// tails only when 10 shops stand behind it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub p10: Option<f64>,
    pub p25: Option<f64>,
    pub median: f64,
    pub p75: Option<f64>,
    pub p90: Option<f64>,
}

impl Estimate {
    /// The weighted Harrell–Davis percentiles of samples sorted by value. `None` when the
    /// cap on one shop's share cannot hold (fewer than three shops carry weight).
    pub fn of(samples: &[Sample], shops: usize) -> Option<Self> {
        let tails = shops >= MIN_SHOPS_FOR_TAILS;
        let at = |p| percentile(samples, p);
        let tail = |p| if tails { at(p).map(Some) } else { Some(None) };
        Some(Self {
            p10: tail(10.0)?,
            p25: Some(at(25.0)?),
            median: at(50.0)?,
            p75: Some(at(75.0)?),
            p90: tail(90.0)?,
        })
    }

    /// The printed figures: blurred by `blur` (a fraction within ±[`MAX_BLUR`]), divided by
    /// `divisor` (annual pay to its hourly equivalent) and rounded to `step` cents.
    pub fn print(self, blur: f64, divisor: f64, step: i64) -> Quartiles {
        let factor = 1.0 + blur.clamp(-MAX_BLUR, MAX_BLUR);
        let show = |v: f64| round_to(v * factor / divisor, step);
        Quartiles {
            p10: self.p10.map(show),
            p25: self.p25.map(show),
            median: show(self.median),
            p75: self.p75.map(show),
            p90: self.p90.map(show),
        }
    }
}

/// The figures of one distribution in cents, as printed. P10/P90 only when 10 shops stand
/// behind it; the quartiles only for viewers who may see the spread; never a minimum or
/// maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quartiles {
    pub p10: Option<i64>,
    pub p25: Option<i64>,
    pub median: i64,
    pub p75: Option<i64>,
    pub p90: Option<i64>,
}

impl Quartiles {
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

    fn ranks(n: i64) -> Vec<Sample> {
        (1..=n).map(|x| Sample { value: x * 100, weight: 1, shop: x }).collect()
    }

    #[test]
    fn tails_need_ten_shops() {
        assert!(Estimate::of(&ranks(20), 9).unwrap().p10.is_none());
        let e = Estimate::of(&ranks(20), 10).unwrap();
        assert!(e.p10.unwrap() < e.p25.unwrap() && e.p25.unwrap() < e.median);
        assert!((e.median - 1_050.0).abs() < 1e-6, "symmetric data: the centre, {}", e.median);
        let q = e.print(0.0, 1.0, 100);
        assert!([1_000, 1_100].contains(&q.median), "rounded to the step: {}", q.median);
        assert_eq!(e.print(0.0, 2.0, 25).median, 525, "divided before rounding");
        assert_eq!(q.median_only().p25, None);
    }

    #[test]
    fn the_blur_moves_every_percentile_alike_and_never_beyond_two_percent() {
        let e = Estimate::of(&ranks(20), 10).unwrap();
        let up = e.print(0.5, 1.0, 1);
        assert_eq!(up.median, (e.median * 1.02).round() as i64, "clamped to +2 %");
        let down = e.print(-0.01, 1.0, 1);
        assert_eq!(down.median, (e.median * 0.99).round() as i64);
        assert!(down.p25 < Some(down.median) && Some(down.median) < down.p75, "order kept");
    }
}
