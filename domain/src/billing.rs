//! Memberships and their money: who a plan is for, what it unlocks, partner discounts and
//! invoice arithmetic. Every amount is an integer number of US cents; nothing here uses
//! floating point, so an invoice's total is exactly the sum of its lines.
use serde::{Deserialize, Serialize};

use crate::{numbers::group_thousands, orgs::ShopType, vocabulary};

vocabulary! {
    stored
    /// The kind of business a plan is sold to. Schools, instructors and students never pay.
    Audience {
        Shop => ("shop", "Repair shops and fleets"),
        Dealership => ("dealership", "Dealerships"),
        Oem => ("oem", "OEMs and manufacturers"),
    }
}

impl Audience {
    /// The audience a shop of this type buys from.
    pub fn of(shop_type: ShopType) -> Self {
        match shop_type {
            ShopType::Dealership => Self::Dealership,
            ShopType::OemManufacturer => Self::Oem,
            ShopType::IndependentRepair
            | ShopType::Fleet
            | ShopType::Collision
            | ShopType::DieselHeavyTruck
            | ShopType::TireQuickService => Self::Shop,
        }
    }
}

vocabulary! {
    /// What a paid membership unlocks while it is active.
    Unlock {
        /// Every Data Exchange filter (state, ZIP area, shop type, experience, certification),
        /// as a contributing shop sees them.
        ExchangeFilters => ("exchange_filters", "Every Data Exchange filter"),
        /// Members-only articles in the resources library.
        MembersResources => ("members_resources", "Members-only resources"),
        /// A "Member" badge on the shop's public profile.
        FeaturedProfile => ("featured_profile", "A featured profile with a member badge"),
    }
}

vocabulary! {
    stored
    /// Where a membership term is: bought and waiting for its invoice to be paid, paid (its
    /// dates then say whether it is current), or cancelled before payment.
    TermStatus {
        AwaitingPayment => ("awaiting_payment", "Waiting for payment"),
        Paid => ("paid", "Paid"),
        Cancelled => ("cancelled", "Cancelled"),
    }
}

vocabulary! {
    stored
    /// Where an invoice is.
    InvoiceStatus {
        Open => ("open", "Open"),
        Paid => ("paid", "Paid"),
        Void => ("void", "Void"),
    }
}

/// Parses a stored comma-separated list of unlock slugs, skipping unknown ones (a later
/// release may retire an unlock; the plan keeps working).
pub fn unlocks_from_text(text: &str) -> Vec<Unlock> {
    text.split(',').filter_map(|slug| Unlock::from_slug(slug.trim())).collect()
}

/// The stored form of a set of unlocks.
pub fn unlocks_to_text(unlocks: &[Unlock]) -> String {
    unlocks.iter().map(|u| u.slug()).collect::<Vec<_>>().join(",")
}

vocabulary! {
    stored
    /// How a partner discount reduces the price.
    DiscountKind {
        Percent => ("percent", "Percentage off"),
        Amount => ("amount", "Fixed amount off"),
    }
}

/// A discount as stored: a whole percentage (1–100) or an amount in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Discount {
    Percent(u8),
    AmountCents(i64),
}

impl Discount {
    pub fn from_parts(kind: DiscountKind, value: i64) -> Option<Self> {
        match kind {
            DiscountKind::Percent if (1..=100).contains(&value) => Some(Self::Percent(value as u8)),
            DiscountKind::Amount if value > 0 => Some(Self::AmountCents(value)),
            _ => None,
        }
    }

    /// The cents taken off `price_cents`: a percentage rounds half up to the cent, and no
    /// discount takes more than the price.
    pub fn off(self, price_cents: i64) -> i64 {
        let off = match self {
            Self::Percent(percent) => (price_cents * i64::from(percent) + 50) / 100,
            Self::AmountCents(cents) => cents,
        };
        off.clamp(0, price_cents.max(0))
    }

    /// How the discount reads on a page or an invoice line, e.g. "15% off" or "$50.00 off".
    pub fn describe(self) -> String {
        match self {
            Self::Percent(percent) => format!("{percent}% off"),
            Self::AmountCents(cents) => format!("{} off", usd(cents)),
        }
    }
}

/// One line of an invoice. Discount lines carry a negative amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub description: String,
    pub amount_cents: i64,
}

/// An invoice's figures, computed from its lines so they cannot disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// The sum of the positive lines.
    pub subtotal_cents: i64,
    /// The sum of the negative lines, as a positive number.
    pub discount_cents: i64,
    pub total_cents: i64,
}

impl Totals {
    pub fn of(lines: &[Line]) -> Self {
        let subtotal_cents = lines.iter().map(|l| l.amount_cents.max(0)).sum();
        let discount_cents = lines.iter().map(|l| (-l.amount_cents).max(0)).sum();
        Self { subtotal_cents, discount_cents, total_cents: subtotal_cents - discount_cents }
    }
}

/// The lines of a plan's invoice: the plan for a year, then the discount if any.
pub fn invoice_lines(plan_name: &str, price_cents: i64, discount: Option<(&str, Discount)>) -> Vec<Line> {
    let mut lines =
        vec![Line { description: format!("{plan_name} membership, 12 months"), amount_cents: price_cents }];
    if let Some((code, discount)) = discount {
        let off = discount.off(price_cents);
        if off > 0 {
            lines.push(Line {
                description: format!("Partner code {code}: {}", discount.describe()),
                amount_cents: -off,
            });
        }
    }
    lines
}

/// Cents as US dollars: "$1,234.50", "-$5.00".
pub fn usd(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}${}.{:02}", group_thousands(&(cents / 100).to_string()), cents % 100)
}

/// An invoice number: the year it was issued and its sequence, e.g. "BL-2026-000042".
pub fn invoice_number(year: i32, id: i64) -> String {
    format!("BL-{year}-{id:06}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_up_to_the_cent() {
        assert_eq!(Discount::Percent(15).off(120_000), 18_000);
        assert_eq!(Discount::Percent(15).off(99_99), 1_500); // 1499.85 → 1500
        assert_eq!(Discount::Percent(15).off(99_97), 1_500); // 1499.55 → 1500
        assert_eq!(Discount::Percent(15).off(99_93), 1_499); // 1498.95 → 1499
        assert_eq!(Discount::Percent(100).off(4_321), 4_321);
    }

    #[test]
    fn a_fixed_amount_never_takes_more_than_the_price() {
        assert_eq!(Discount::AmountCents(5_000).off(120_000), 5_000);
        assert_eq!(Discount::AmountCents(500_000).off(120_000), 120_000);
    }

    #[test]
    fn discounts_outside_their_range_are_refused() {
        assert_eq!(Discount::from_parts(DiscountKind::Percent, 0), None);
        assert_eq!(Discount::from_parts(DiscountKind::Percent, 101), None);
        assert_eq!(Discount::from_parts(DiscountKind::Amount, -1), None);
        assert_eq!(Discount::from_parts(DiscountKind::Percent, 15), Some(Discount::Percent(15)));
    }

    #[test]
    fn totals_equal_the_sum_of_the_lines_for_every_price_and_percentage() {
        for price in (0..200_000).step_by(997) {
            for percent in 1..=100 {
                let lines = invoice_lines("Shop", price, Some(("P", Discount::Percent(percent))));
                let totals = Totals::of(&lines);
                assert_eq!(totals.total_cents, lines.iter().map(|l| l.amount_cents).sum::<i64>());
                assert_eq!(totals.subtotal_cents - totals.discount_cents, totals.total_cents);
                assert!(totals.total_cents >= 0);
            }
        }
    }

    #[test]
    fn dollars_read_as_people_write_them() {
        assert_eq!(usd(123_450), "$1,234.50");
        assert_eq!(usd(5), "$0.05");
        assert_eq!(usd(-1_800_000), "-$18,000.00");
        assert_eq!(invoice_number(2026, 42), "BL-2026-000042");
    }

    #[test]
    fn unlocks_round_trip_and_skip_retired_slugs() {
        let all = Unlock::ALL.to_vec();
        assert_eq!(unlocks_from_text(&unlocks_to_text(&all)), all);
        assert_eq!(unlocks_from_text("exchange_filters,retired_thing"), vec![Unlock::ExchangeFilters]);
    }

    #[test]
    fn every_shop_type_buys_from_one_audience() {
        assert_eq!(Audience::of(ShopType::Dealership), Audience::Dealership);
        assert_eq!(Audience::of(ShopType::OemManufacturer), Audience::Oem);
        assert_eq!(Audience::of(ShopType::Fleet), Audience::Shop);
    }
}

/// Who an invoice is paid to and how: the operator's billing details, printed on every
/// invoice under "How to pay".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payee {
    pub legal_name: String,
    /// Lines of the postal address.
    pub postal_address: String,
    pub contact_email: String,
    /// Remittance or bank details, as the operator words them.
    pub payment_instructions: String,
    /// Empty when there is none to show.
    pub tax_id: String,
}
