//! The error every service call outside sign-in returns: bad input naming its field, the
//! two ways authorization fails, and the database (logged by the caller, never shown).
use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Bad input, naming the form field.
    #[error("{field}: {message}")]
    Invalid { field: &'static str, message: String },
    #[error("please sign in first")]
    SignInRequired,
    #[error("you do not have access to this")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// The request conflicts with what exists (e.g. a program already claimed).
    #[error("{0}")]
    Conflict(String),
    /// Too many of one action in a time window (see `crate::limits`); `what` says which
    /// limit, and the message says when the next one will be accepted.
    #[error("{what}; try again after {} UTC", .retry_after.format("%Y-%m-%d %H:%M"))]
    RateLimited { what: String, retry_after: chrono::DateTime<chrono::Utc> },
    #[error(transparent)]
    Database(#[from] DbErr),
}

impl ServiceError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid { field, message: message.into() }
    }
}

impl From<crate::accounts::users::AccountError> for ServiceError {
    fn from(error: crate::accounts::users::AccountError) -> Self {
        use crate::accounts::users::AccountError as A;
        match error {
            A::Invalid { field, message } => Self::Invalid { field, message },
            A::Database(e) => Self::Database(e),
            other => Self::Conflict(other.to_string()),
        }
    }
}
