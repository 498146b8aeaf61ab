//! Number formatting shared by every page (US conventions).

/// `59135` → `"59,135"`.
pub fn thousands(value: u64) -> String {
    domain::numbers::group_thousands(&value.to_string())
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn groups_digits_by_three() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(848), "848");
        assert_eq!(thousands(59_135), "59,135");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
