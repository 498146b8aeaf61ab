//! The one error type that crosses the wire between server functions and the browser.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Bad input, naming the field so the form can show it beside the right control.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error("please sign in first")]
    SignInRequired,
    #[error("you do not have access to this")]
    Forbidden,
    /// The request conflicts with what exists; the words say how.
    #[error("{0}")]
    Conflict(String),
    /// Too many of one action for now; the words say which and when to try again.
    #[error("{0}")]
    RateLimited(String),
    /// Anything else; the cause is logged on the server and never shown.
    #[error("something went wrong on our side; please try again")]
    Internal,
    /// The request did not reach the server function or its answer was unreadable.
    #[error("the request failed: {0}")]
    Transport(String),
}

impl AppError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid { field: field.into(), message: message.into() }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// The HTTP status that answers this error, for server functions and pages alike: a refusal
    /// is never a 500; only a fault on our side is.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            Self::NotFound => S::NOT_FOUND,
            // A server function whose arguments could not be read was asked badly.
            Self::Invalid { .. } | Self::Transport(_) => S::BAD_REQUEST,
            Self::SignInRequired => S::UNAUTHORIZED,
            Self::Forbidden => S::FORBIDDEN,
            Self::Conflict(_) => S::CONFLICT,
            Self::RateLimited(_) => S::TOO_MANY_REQUESTS,
            Self::Internal => S::INTERNAL_SERVER_ERROR,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        Self::Transport(error.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        tracing::error!(error = %error, "database error");
        Self::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<service::error::ServiceError> for AppError {
    fn from(error: service::error::ServiceError) -> Self {
        use service::error::ServiceError as S;
        match error {
            S::Invalid { field, message } => Self::Invalid { field: field.into(), message },
            // A server function answers with the first problem; forms show them all.
            S::Fields(problems) => problems
                .into_iter()
                .next()
                .map(|p| Self::Invalid { field: p.field.into(), message: p.message })
                .unwrap_or(Self::Internal),
            S::SignInRequired => Self::SignInRequired,
            S::Forbidden => Self::Forbidden,
            S::NotFound => Self::NotFound,
            S::Conflict(message) => Self::Conflict(message),
            limited @ S::RateLimited { .. } => Self::RateLimited(limited.to_string()),
            S::Database(error) => error.into(),
        }
    }
}
