//! Numbers as people read them (US conventions), shared by the pages and the figures' tables.

/// Digits grouped by three with commas: `"59135"` → `"59,135"` (US conventions).
pub fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Dollars as people type them ("18", "18.50", "$45,000") to cents: `Ok(None)` when blank,
/// `Err(())` when it is not a plain amount (a sign, more than two decimals, more than nine digits
/// of dollars). Each form words its own refusal.
#[allow(clippy::result_unit_err)]
pub fn dollars_to_cents(typed: &str) -> Result<Option<i64>, ()> {
    let cleaned: String = typed.trim().trim_start_matches('$').chars().filter(|c| *c != ',').collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 9 || !digits(whole) || fraction.len() > 2 || !digits(fraction) {
        return Err(());
    }
    let whole: i64 = whole.parse().map_err(|_| ())?;
    let fraction: i64 =
        if fraction.is_empty() { 0 } else { format!("{fraction:0<2}").parse().map_err(|_| ())? };
    Ok(Some(whole * 100 + fraction))
}

#[cfg(test)]
mod tests {
    use super::{dollars_to_cents, group_thousands};

    #[test]
    fn dollars_become_cents() {
        assert_eq!(dollars_to_cents("18"), Ok(Some(1800)));
        assert_eq!(dollars_to_cents("18.5"), Ok(Some(1850)));
        assert_eq!(dollars_to_cents(" $45,000.00 "), Ok(Some(4_500_000)));
        assert_eq!(dollars_to_cents("  "), Ok(None));
        for bad in ["-5", "12.345", "1e3", ".50", "1234567890", "12.3.4"] {
            assert_eq!(dollars_to_cents(bad), Err(()), "{bad}");
        }
    }

    #[test]
    fn groups_digits_by_three() {
        assert_eq!(group_thousands("848"), "848");
        assert_eq!(group_thousands("59135"), "59,135");
        assert_eq!(group_thousands("1234567"), "1,234,567");
    }
}
