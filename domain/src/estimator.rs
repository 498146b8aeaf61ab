//! The percentile estimator of the Industry Data Exchange (docs/privacy.md, "How figures are
//! computed"). Interpolating at integer ranks (R's type 7) prints single shops' exact values
//! whenever a rank falls on a whole number, which in a cell of 5–11 shops is most of the
//! time. The weighted Harrell–Davis estimator instead blends every value with a Beta
//! weight centred on the percentile, and each shop's share of those weights is capped at
//! [`MAX_SHOP_SHARE`], so a printed percentile always leans on at least three shops.
//!
//! Weighted Harrell–Davis (Akinshin, "Weighted quantile estimators", 2023): with the values
//! sorted and their weights normalised to sum 1, the cumulative weights t₀ = 0 < t₁ < … < tₙ
//! = 1 and the effective sample size n* = (Σw)² / Σw², value i receives
//! I(tᵢ; a, b) − I(tᵢ₋₁; a, b), where I is the regularised incomplete beta function and
//! a = p·(n* + 1), b = (1 − p)·(n* + 1). Equal weights give the classic Harrell–Davis.

/// The largest share of one printed percentile's weight that one shop may carry.
pub const MAX_SHOP_SHARE: f64 = 0.4;

/// Beyond this many standard deviations of the Beta weight a value's weight is below
/// 10⁻³⁰ and is taken as zero (keeps national cells of many rows fast).
const WINDOW_SDS: f64 = 12.0;

/// One value of a distribution: what was reported, how many technicians (or 1 for a shop)
/// it stands for, and which shop reported it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub value: i64,
    pub weight: u64,
    pub shop: i64,
}

/// ln Γ(x) for x > 0 (Lanczos approximation, g = 7, 9 coefficients; ~15 digits).
fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1 − x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = C[0];
    for (i, c) in C.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

/// The continued fraction of the incomplete beta function (modified Lentz's method).
fn beta_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let mut c = 1.0;
    let mut d = 1.0 - (a + b) * x / (a + 1.0);
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..20_000 {
        let m = m as f64;
        let even = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
        let odd = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
        let mut last = 1.0;
        for term in [even, odd] {
            d = 1.0 + term * d;
            if d.abs() < TINY {
                d = TINY;
            }
            c = 1.0 + term / c;
            if c.abs() < TINY {
                c = TINY;
            }
            d = 1.0 / d;
            last = d * c;
            h *= last;
        }
        // Converged when the odd step no longer changes the fraction.
        if (last - 1.0).abs() < 1e-15 {
            return h;
        }
    }
    h
}

/// The regularised incomplete beta function I(x; a, b), the CDF of Beta(a, b) at x.
pub fn incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front = (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(x, a, b) / a
    } else {
        1.0 - front * beta_fraction(1.0 - x, b, a) / b
    }
}

/// Each sample's weight in percentile `p` (0–100), summing to 1, with no shop above
/// [`MAX_SHOP_SHARE`]. `samples` must be sorted by value. `None` when there is no weight or
/// too few shops carry weight for the cap to hold (fewer than three).
pub fn percentile_weights(samples: &[Sample], p: f64) -> Option<Vec<f64>> {
    let total: f64 = samples.iter().map(|s| s.weight as f64).sum();
    if total <= 0.0 {
        return None;
    }
    let squares: f64 = samples.iter().map(|s| (s.weight as f64).powi(2)).sum();
    let effective = total * total / squares;
    let p = (p / 100.0).clamp(0.0, 1.0);
    let (a, b) = (p * (effective + 1.0), (1.0 - p) * (effective + 1.0));
    let spread = (a * b / ((a + b).powi(2) * (a + b + 1.0))).sqrt();
    let (low, high) = (p - WINDOW_SDS * spread, p + WINDOW_SDS * spread);
    let cdf = |t: f64| {
        if t <= low {
            0.0
        } else if t >= high {
            1.0
        } else {
            incomplete_beta(t, a, b)
        }
    };
    let mut weights = Vec::with_capacity(samples.len());
    let (mut seen, mut before) = (0.0, 0.0);
    for sample in samples {
        seen += sample.weight as f64;
        let after = cdf(seen / total);
        weights.push((after - before).max(0.0));
        before = after;
    }
    cap_shops(samples, &mut weights, MAX_SHOP_SHARE)?;
    Some(weights)
}

/// Scales the weights so no shop carries more than `cap` of them (water-filling: capped
/// shops get exactly `cap`, the others share the rest in their original proportions).
fn cap_shops(samples: &[Sample], weights: &mut [f64], cap: f64) -> Option<()> {
    let mut shops: Vec<(i64, f64)> = Vec::new();
    for (sample, w) in samples.iter().zip(weights.iter()) {
        match shops.iter_mut().find(|(shop, _)| *shop == sample.shop) {
            Some((_, sum)) => *sum += w,
            None => shops.push((sample.shop, *w)),
        }
    }
    let mut capped = vec![false; shops.len()];
    let scale = loop {
        let free: f64 = shops.iter().zip(&capped).filter(|(_, c)| !**c).map(|((_, w), _)| w).sum();
        let room = 1.0 - cap * capped.iter().filter(|c| **c).count() as f64;
        if free <= 0.0 || room <= 1e-12 {
            return None;
        }
        let scale = room / free;
        let mut changed = false;
        for ((_, w), c) in shops.iter().zip(capped.iter_mut()) {
            if !*c && w * scale > cap + 1e-12 {
                *c = true;
                changed = true;
            }
        }
        if !changed {
            break scale;
        }
    };
    for (sample, w) in samples.iter().zip(weights.iter_mut()) {
        let i = shops.iter().position(|(shop, _)| *shop == sample.shop)?;
        *w *= if capped[i] { cap / shops[i].1 } else { scale };
    }
    Some(())
}

/// The percentile `p` (0–100) of sorted samples: their values blended by
/// [`percentile_weights`].
pub fn percentile(samples: &[Sample], p: f64) -> Option<f64> {
    let weights = percentile_weights(samples, p)?;
    Some(samples.iter().zip(&weights).map(|(s, w)| s.value as f64 * w).sum())
}

/// `value` rounded to the nearest multiple of `step` (half away from zero).
pub fn round_to(value: f64, step: i64) -> i64 {
    let step = step.max(1) as f64;
    ((value / step).round() * step) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn the_incomplete_beta_matches_closed_forms() {
        for x in [0.05, 0.2, 0.5, 0.77, 0.99] {
            assert!(close(incomplete_beta(x, 1.0, 1.0), x, 1e-12), "Beta(1,1) is uniform");
            assert!(close(incomplete_beta(x, 2.0, 1.0), x * x, 1e-12), "Beta(2,1): x²");
            assert!(close(incomplete_beta(x, 1.0, 3.0), 1.0 - (1.0 - x).powi(3), 1e-12));
            // Beta(3,3): 10x³ − 15x⁴ + 6x⁵.
            let closed = 10.0 * x.powi(3) - 15.0 * x.powi(4) + 6.0 * x.powi(5);
            assert!(close(incomplete_beta(x, 3.0, 3.0), closed, 1e-12));
            // Symmetry: I(x; a, b) = 1 − I(1 − x; b, a).
            let (a, b) = (2.7, 41.3);
            assert!(close(incomplete_beta(x, a, b), 1.0 - incomplete_beta(1.0 - x, b, a), 1e-12));
        }
        assert!(close(incomplete_beta(0.5, 5000.5, 5000.5), 0.5, 1e-9), "large parameters converge");
        assert_eq!(incomplete_beta(0.0, 2.0, 2.0), 0.0);
        assert_eq!(incomplete_beta(1.0, 2.0, 2.0), 1.0);
    }

    fn samples(values: &[i64]) -> Vec<Sample> {
        values.iter().enumerate().map(|(i, v)| Sample { value: *v, weight: 1, shop: i as i64 }).collect()
    }

    #[test]
    fn equal_weights_give_the_classic_harrell_davis_estimate() {
        // n = 5, median: a = b = 3; the weights are the Beta(3,3) masses of fifths.
        let s = samples(&[10, 20, 30, 40, 50]);
        let w = percentile_weights(&s, 50.0).unwrap();
        let beta33 = |x: f64| 10.0 * x.powi(3) - 15.0 * x.powi(4) + 6.0 * x.powi(5);
        for (i, weight) in w.iter().enumerate() {
            let expected = beta33((i + 1) as f64 / 5.0) - beta33(i as f64 / 5.0);
            assert!(close(*weight, expected, 1e-12), "weight {i}: {weight} vs {expected}");
        }
        assert!(close(percentile(&s, 50.0).unwrap(), 30.0, 1e-9), "symmetric data, centre");
        // The middle value carries 36.5 % (under the cap), so the median is not its number
        // alone: moving a neighbour moves it.
        let moved = samples(&[10, 20, 30, 41, 50]);
        assert!(percentile(&moved, 50.0).unwrap() > 30.2);
    }

    #[test]
    fn no_shop_carries_more_than_the_cap() {
        // One shop reports three rows around the middle: uncapped it would carry ~70 %.
        let s = vec![
            Sample { value: 10, weight: 1, shop: 1 },
            Sample { value: 20, weight: 1, shop: 2 },
            Sample { value: 29, weight: 1, shop: 3 },
            Sample { value: 30, weight: 1, shop: 3 },
            Sample { value: 31, weight: 1, shop: 3 },
            Sample { value: 40, weight: 1, shop: 4 },
            Sample { value: 50, weight: 1, shop: 5 },
        ];
        let w = percentile_weights(&s, 50.0).unwrap();
        assert!(close(w.iter().sum::<f64>(), 1.0, 1e-9));
        let shop3: f64 = s.iter().zip(&w).filter(|(s, _)| s.shop == 3).map(|(_, w)| w).sum();
        assert!(close(shop3, MAX_SHOP_SHARE, 1e-9), "capped exactly: {shop3}");
        // Two shops cannot carry a percentile alone.
        let two = vec![Sample { value: 1, weight: 5, shop: 1 }, Sample { value: 2, weight: 5, shop: 2 }];
        assert_eq!(percentile_weights(&two, 50.0), None);
    }

    #[test]
    fn rounding_goes_to_the_nearest_step() {
        assert_eq!(round_to(6_112_400.0, 25_000), 6_100_000);
        assert_eq!(round_to(6_112_500.0, 25_000), 6_125_000);
        assert_eq!(round_to(2_937.0, 25), 2_925);
        assert_eq!(round_to(12_049.0, 100), 12_000);
    }
}

/// The promise of docs/privacy.md, tried over random cells that pass rules 1 and 2 (at least
/// 5 shops and 5 technicians, no shop above a quarter of the technicians): no shop carries
/// more than half the weight of any printed percentile, and a printed figure equals a shop's
/// reported value only when at least two other shops carry at least 5 % of its weight each.
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::disclosure::{Estimate, MIN_SHOPS_FOR_TAILS, dominated};

    /// A cell: per shop 1–3 rows of (value, technicians). Values are whole multiples of the
    /// printing step, drawn from a narrow range so that ties with the printed figure happen.
    fn cell() -> impl Strategy<Value = Vec<Sample>> {
        let row = (20i64..=40, 1u64..=6);
        prop::collection::vec(prop::collection::vec(row, 1..=3), 5..=30).prop_map(|shops| {
            let mut samples: Vec<Sample> = shops
                .into_iter()
                .enumerate()
                .flat_map(|(shop, rows)| {
                    rows.into_iter().map(move |(v, w)| Sample {
                        value: v * 25_000,
                        weight: w,
                        shop: shop as i64,
                    })
                })
                .collect();
            samples.sort_by_key(|s| s.value);
            samples
        })
    }

    fn passes_rules_1_and_2(samples: &[Sample]) -> bool {
        let mut per_shop: std::collections::BTreeMap<i64, u64> = Default::default();
        for s in samples {
            *per_shop.entry(s.shop).or_default() += s.weight;
        }
        per_shop.values().sum::<u64>() >= 5 && !dominated(per_shop.values().copied())
    }

    fn shares(samples: &[Sample], weights: &[f64]) -> std::collections::BTreeMap<i64, f64> {
        let mut out: std::collections::BTreeMap<i64, f64> = Default::default();
        for (s, w) in samples.iter().zip(weights) {
            *out.entry(s.shop).or_default() += w;
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn no_printed_percentile_is_one_shops_number(samples in cell()) {
            prop_assume!(passes_rules_1_and_2(&samples));
            let shops = shares(&samples, &vec![1.0; samples.len()]).len();
            let mut ps = vec![25.0, 50.0, 75.0];
            if shops >= MIN_SHOPS_FOR_TAILS {
                ps.extend([10.0, 90.0]);
            }
            for p in ps {
                let weights = percentile_weights(&samples, p).expect("five shops always carry weight");
                let by_shop = shares(&samples, &weights);
                let largest = by_shop.values().copied().fold(0.0, f64::max);
                prop_assert!(largest <= 0.5, "p{p}: one shop carries {largest}");
                let printed = round_to(percentile(&samples, p).unwrap(), 25_000);
                for owner in samples.iter().filter(|s| s.value == printed).map(|s| s.shop) {
                    let shaping = by_shop.iter().filter(|(shop, w)| **shop != owner && **w >= 0.05).count();
                    prop_assert!(shaping >= 2, "p{p} = {printed} is shop {owner}'s value, shaped by {shaping} others");
                }
            }
            let e = Estimate::of(&samples, shops).unwrap();
            prop_assert!(e.p25.unwrap() <= e.median && e.median <= e.p75.unwrap(), "quartiles in order");
        }
    }
}
