//! A refused form as its page shows it: every message (each naming its field, or none for
//! the form as a whole) and the values typed, kept server-side between the POST and the page
//! (never in the URL) and shown there once.
use serde::{Deserialize, Serialize};

/// One message of a refused form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMessage {
    /// The form field it concerns (its `name`), or `None` for the whole form.
    pub field: Option<String>,
    pub message: String,
}

/// What a form page needs to show after a refusal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormRefusal {
    pub messages: Vec<FieldMessage>,
    /// The fields as sent (`name`, value), in order, so the form keeps what was typed.
    pub typed: Vec<(String, String)>,
}

impl FormRefusal {
    /// The message for `field`, if the refusal names it.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.messages.iter().find(|m| m.field.as_deref() == Some(field)).map(|m| m.message.as_str())
    }

    /// The first value typed under `name`.
    pub fn typed(&self, name: &str) -> Option<&str> {
        self.typed.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Whether a field (a ticked checkbox) was sent.
    pub fn sent(&self, name: &str) -> bool {
        self.typed.iter().any(|(k, _)| k == name)
    }
}

/// The refusal a page shows, handed to it by the server (a request extension).
#[derive(Debug, Clone)]
pub struct ShownRefusal(pub std::sync::Arc<FormRefusal>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_messages_and_values_by_field() {
        let refusal = FormRefusal {
            messages: vec![
                FieldMessage { field: Some("name".into()), message: "Enter the shop's name".into() },
                FieldMessage { field: None, message: "Something else".into() },
                FieldMessage { field: Some("city".into()), message: "Enter the city".into() },
            ],
            typed: vec![("zip".into(), "48201".into()), ("kind_auto".into(), "on".into())],
        };
        assert_eq!(refusal.message_for("city"), Some("Enter the city"));
        assert_eq!(refusal.message_for("zip"), None);
        assert_eq!(refusal.typed("zip"), Some("48201"));
        assert!(refusal.sent("kind_auto") && !refusal.sent("kind_diesel"));
    }
}
