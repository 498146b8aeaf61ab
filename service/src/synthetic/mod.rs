//! SYNTHETIC data for load tests and benchmarks, never for the product: every generated
//! organisation, person and text says "SYNTHETIC". Places are real (GeoNames ZIP centroids
//! already imported), so distances behave as they do for real users.
pub mod partnerships;
pub mod pay;
pub mod rows;
pub mod world;

/// A small deterministic generator (SplitMix64): the same seed gives the same data set, so
/// benchmark runs are comparable. Not for anything secret.
#[derive(Debug, Clone)]
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn roll(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.roll() % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dice_are_deterministic_and_spread() {
        let (mut a, mut b) = (Dice::new(7), Dice::new(7));
        let rolls: Vec<usize> = (0..1000).map(|_| a.below(10)).collect();
        assert_eq!(rolls, (0..1000).map(|_| b.below(10)).collect::<Vec<_>>());
        for face in 0..10 {
            let n = rolls.iter().filter(|r| **r == face).count();
            assert!((60..140).contains(&n), "face {face}: {n}");
        }
    }
}
