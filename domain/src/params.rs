//! URL parameters as the pages and the API read them: text until checked here, and an error
//! that names the parameter to correct, as it appears in the URL.
use std::{ops::RangeInclusive, str::FromStr};

use serde::{Deserialize, Serialize};

/// A bad parameter, named as it appears in the URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParamError {
    pub param: String,
    pub message: String,
}

impl ParamError {
    pub fn new(param: &str, message: impl Into<String>) -> Self {
        Self { param: param.to_string(), message: message.into() }
    }
}

impl std::fmt::Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.param, self.message)
    }
}

/// A message as a sentence: a capital first letter and a full stop (a field's message is
/// written to follow its label, "zip: we do not know …", and read alone as a sentence).
pub fn sentence(message: &str) -> String {
    let message = message.trim();
    let mut chars = message.chars();
    let Some(first) = chars.next() else { return String::new() };
    let end = if message.ends_with(['.', '!', '?']) { "" } else { "." };
    format!("{}{}{end}", first.to_uppercase(), chars.as_str())
}

/// A parameter's value without surrounding spaces; `None` when absent or empty ("any").
pub fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A closed-list parameter: absent, or a value `parse` knows; anything else is refused with
/// `message`.
pub fn choice<T>(
    value: &Option<String>,
    param: &str,
    parse: impl Fn(&str) -> Option<T>,
    message: &str,
) -> Result<Option<T>, ParamError> {
    match given(value) {
        None => Ok(None),
        Some(text) => parse(text).map(Some).ok_or_else(|| ParamError::new(param, message)),
    }
}

/// A number within `range`, `default` when absent; anything else is refused with the
/// message `refusal` writes for the text given.
pub fn number_in<T: FromStr + PartialOrd>(
    value: &Option<String>,
    param: &str,
    range: RangeInclusive<T>,
    default: T,
    refusal: impl Fn(&str) -> String,
) -> Result<T, ParamError> {
    match given(value) {
        None => Ok(default),
        Some(text) => text
            .parse::<T>()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| ParamError::new(param, refusal(text))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_and_empty_are_any_and_the_rest_is_checked() {
        let text = |s: &str| Some(s.to_string());
        assert_eq!(given(&text("  48201 ")), Some("48201"));
        assert_eq!(given(&text("   ")), None);
        assert_eq!(given(&None), None);
        let page = |v: &Option<String>| number_in(v, "page", 1..=10, 1, |t| format!("'{t}' is no page"));
        assert_eq!(page(&None), Ok(1));
        assert_eq!(page(&text(" 7 ")), Ok(7));
        assert_eq!(page(&text("11")).unwrap_err(), ParamError::new("page", "'11' is no page"));
        assert_eq!(page(&text("x")).unwrap_err().param, "page");
        let yes = |v: &Option<String>| choice(v, "kind", |s| (s == "yes").then_some(true), "choose");
        assert_eq!(yes(&text("yes")), Ok(Some(true)));
        assert_eq!(yes(&text("")), Ok(None));
        assert_eq!(yes(&text("no")).unwrap_err().to_string(), "kind: choose");
    }
}
