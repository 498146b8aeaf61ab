//! Ids as they arrive from a URL (`/needs/{id}`, `?unitid=`): text until parsed here. An id
//! that is not a number names nothing, so it is `NotFound` (a 404), like a number that
//! names no row, and no server function parses one by hand.
use crate::error::AppError;

/// A record's id (`/needs/12`).
pub fn record(raw: &str) -> Result<i64, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

/// An IPEDS institution's UNITID (`/programs/172635`).
pub fn unitid(raw: &str) -> Result<i32, AppError> {
    raw.trim().parse().map_err(|_| AppError::NotFound)
}

/// A paging cursor (`?before=41`); anything else starts from the newest.
pub fn cursor(raw: Option<String>) -> Option<i64> {
    raw.and_then(|raw| raw.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_number_names_nothing() {
        assert_eq!(record(" 12 ").unwrap(), 12);
        assert!(matches!(record("12abc"), Err(AppError::NotFound)));
        assert!(matches!(unitid(""), Err(AppError::NotFound)));
        assert_eq!(unitid("172635").unwrap(), 172635);
        assert_eq!(cursor(Some("x".into())), None);
        assert_eq!(cursor(Some("41".into())), Some(41));
    }
}
