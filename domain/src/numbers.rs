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

#[cfg(test)]
mod tests {
    use super::group_thousands;

    #[test]
    fn groups_digits_by_three() {
        assert_eq!(group_thousands("848"), "848");
        assert_eq!(group_thousands("59135"), "59,135");
        assert_eq!(group_thousands("1234567"), "1,234,567");
    }
}
