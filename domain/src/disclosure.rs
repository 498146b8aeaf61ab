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
        /// A Census division asked of a quarter published before divisions were: its figures
        /// keep the lattice they were published with (docs/privacy.md).
        BeforeDivisions => ("before_divisions", "This quarter was published before figures by Census division began"),
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
/// The blur of a printed percentile: it is multiplied by 1 + u, where u follows a Laplace
/// distribution of scale 1 % truncated at ±10 % (so half of all figures move by less than
/// 0.7 %, 95 % by less than 3 %). Each u is fixed by a secret drawn when the quarter was
/// published (so the figure never changes), by which percentile it is, and by the exact set
/// of rows it rests on (so asking for the same rows another way gives the same blur, and
/// repeating questions averages nothing away). Laplace rather than uniform noise: with a
/// bounded, flat blur a draw near the bound tells an attacker the blur almost exactly,
/// whereas here the odds between two candidate values never exceed e^(distance / scale).
pub const BLUR_SCALE: f64 = 0.01;
pub const MAX_BLUR: f64 = 0.10;

/// The blur for a uniform draw `unit` in [0, 1]: the inverse of the truncated Laplace CDF.
pub fn blur_of(unit: f64) -> f64 {
    let cdf =
        |x: f64| if x < 0.0 { 0.5 * (x / BLUR_SCALE).exp() } else { 1.0 - 0.5 * (-x / BLUR_SCALE).exp() };
    let (low, high) = (cdf(-MAX_BLUR), cdf(MAX_BLUR));
    let q = low + unit.clamp(0.0, 1.0) * (high - low);
    if q < 0.5 { BLUR_SCALE * (2.0 * q).ln() } else { -BLUR_SCALE * (2.0 * (1.0 - q)).ln() }
}

/// The log-likelihood, up to a constant, of a blur `u` (what an attacker can weigh).
pub fn blur_log_likelihood(u: f64) -> f64 {
    if u.abs() > MAX_BLUR { f64::NEG_INFINITY } else { -u.abs() / BLUR_SCALE }
}

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

    /// The printed figures: each percentile blurred by its own fraction (`blur(k)` for the
    /// k-th of P10, P25, median, P75, P90, within ±[`MAX_BLUR`]; see [`blur_of`]), divided by `divisor`
    /// (annual pay to its hourly equivalent) and rounded to `step` cents. Separate blurs keep
    /// an attacker from cancelling one common factor by comparing percentiles; the printed
    /// values are put back in order, so P25 ≤ median ≤ P75 always holds.
    pub fn print(self, blur: impl Fn(usize) -> f64, divisor: f64, step: i64) -> Quartiles {
        let show =
            |k: usize, v: f64| round_to(v * (1.0 + blur(k).clamp(-MAX_BLUR, MAX_BLUR)) / divisor, step);
        let mut all = [
            self.p10.map(|v| show(0, v)),
            self.p25.map(|v| show(1, v)),
            Some(show(2, self.median)),
            self.p75.map(|v| show(3, v)),
            self.p90.map(|v| show(4, v)),
        ];
        let mut present: Vec<i64> = all.iter().flatten().copied().collect();
        present.sort_unstable();
        for (slot, value) in all.iter_mut().flatten().zip(present) {
            *slot = value;
        }
        Quartiles { p10: all[0], p25: all[1], median: all[2].unwrap_or_default(), p75: all[3], p90: all[4] }
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
        let q = e.print(|_| 0.0, 1.0, 100);
        assert!([1_000, 1_100].contains(&q.median), "rounded to the step: {}", q.median);
        assert_eq!(e.print(|_| 0.0, 2.0, 25).median, 525, "divided before rounding");
        assert_eq!(q.median_only().p25, None);
    }

    #[test]
    fn the_blur_is_a_truncated_laplace_of_scale_one_percent() {
        assert!(blur_of(0.5).abs() < 1e-12, "the middle draw moves nothing");
        assert!((blur_of(0.0) + MAX_BLUR).abs() < 1e-9 && (blur_of(1.0) - MAX_BLUR).abs() < 1e-9);
        // Quartiles of a Laplace of scale b are ±b·ln 2.
        assert!((blur_of(0.75) - BLUR_SCALE * 2f64.ln()).abs() < 1e-6);
        assert!((blur_of(0.975) - BLUR_SCALE * 20f64.ln()).abs() < 1e-5, "95 % within ±3 %");
        assert!(blur_of(0.3) < 0.0 && blur_of(0.7) > 0.0);
    }

    #[test]
    fn each_percentile_has_its_own_blur_within_the_bound_and_order_holds() {
        let e = Estimate::of(&ranks(20), 10).unwrap();
        let up = e.print(|_| 0.5, 1.0, 1);
        assert_eq!(up.median, (e.median * 1.10).round() as i64, "clamped to +10 %");
        let down = e.print(|k| if k == 2 { -0.01 } else { 0.0 }, 1.0, 1);
        assert_eq!(down.median, (e.median * 0.99).round() as i64);
        assert_eq!(down.p25, Some(e.p25.unwrap().round() as i64), "the others keep their own");
        // Blurs that would cross two close percentiles are put back in order.
        let close = Estimate { p10: None, p25: Some(100.0), median: 101.0, p75: Some(150.0), p90: None };
        let crossed = close.print(|k| if k == 1 { 0.05 } else { -0.05 }, 1.0, 1);
        assert!(crossed.p25.unwrap() <= crossed.median && crossed.median <= crossed.p75.unwrap());
    }
}

/// The attack of service/tests/db/insights_differencing.rs, over every blur the secret could
/// draw: the other four shops of a five-shop cell know their own values, the estimator, the
/// rounding and the blur's distribution (everything but the secret), read P25, the median and
/// P75, and weigh every candidate value of the fifth by its likelihood. Whatever was drawn,
/// values $1,000 apart (pay) or $2 apart (labor) stay within odds of e² of each other.
#[cfg(test)]
mod coalition {
    use super::*;

    fn estimates(others: &[i64], x: i64) -> [f64; 3] {
        let mut samples: Vec<Sample> =
            others.iter().enumerate().map(|(i, v)| Sample { value: *v, weight: 1, shop: i as i64 }).collect();
        samples.push(Sample { value: x, weight: 1, shop: -1 });
        samples.sort_by_key(|s| s.value);
        let e = Estimate::of(&samples, 5).unwrap();
        [e.p25.unwrap(), e.median, e.p75.unwrap()]
    }

    /// The attacker's log-likelihood of `x` given the printed quartiles.
    pub fn log_likelihood(others: &[i64], printed: &[i64], x: i64) -> f64 {
        estimates(others, x)
            .iter()
            .zip(printed)
            .map(|(e, shown)| blur_log_likelihood(*shown as f64 / e - 1.0))
            .sum()
    }

    /// The largest log-odds between the truth and any value within `reach` of it.
    fn sharpest(others: &[i64], truth: i64, step: i64, reach: i64) -> f64 {
        let draws = [0.001, 0.02, 0.2, 0.5, 0.8, 0.98, 0.999];
        let mut worst: f64 = 0.0;
        for d1 in draws {
            for d2 in draws {
                for d3 in draws {
                    let printed: Vec<i64> = estimates(others, truth)
                        .iter()
                        .zip([d1, d2, d3])
                        .map(|(v, d)| round_to(v * (1.0 + blur_of(d)), step))
                        .collect();
                    let at_truth = log_likelihood(others, &printed, truth);
                    for x in [truth - reach, truth - reach / 2, truth + reach / 2, truth + reach] {
                        worst = worst.max((log_likelihood(others, &printed, x) - at_truth).abs());
                    }
                }
            }
        }
        worst
    }

    #[test]
    fn the_other_four_of_five_cannot_pin_the_fifth_whatever_the_secret_drew() {
        let pay =
            sharpest(&[5_000_000, 5_500_000, 6_500_000, 7_000_000], 6_000_000, ANNUAL_STEP_CENTS, 100_000);
        let labor = sharpest(&[11_000, 12_000, 14_000, 15_000], 13_000, LABOR_STEP_CENTS, 200);
        eprintln!("largest log-odds: pay ±$1,000 {pay:.2}, labor ±$2 {labor:.2}");
        assert!(pay <= 2.0, "pay: {pay}");
        assert!(labor <= 2.0, "labor: {labor}");
    }
}
