//! Why a feed could not be made: input to correct (400, in plain words naming the
//! parameter, as the page says it), or our fault (500, logged, never described).
use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
};
use domain::params::ParamError;
use service::error::ServiceError;

#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    /// No ZIP code: a feed follows a search near one.
    #[error("zip: missing. A feed follows a search near a ZIP code: add one to the address, e.g. ?zip=48201")]
    NoZip,
    /// A parameter to correct, worded as the page words it.
    #[error("{0}")]
    Param(ParamError),
    /// Logged where it was turned into this.
    #[error("something went wrong on our side")]
    Internal,
}

impl From<ServiceError> for FeedError {
    fn from(error: ServiceError) -> Self {
        tracing::error!(%error, "a feed's search failed");
        Self::Internal
    }
}

impl From<sea_orm::DbErr> for FeedError {
    fn from(error: sea_orm::DbErr) -> Self {
        tracing::error!(%error, "a feed's ZIP code lookup failed");
        Self::Internal
    }
}

impl IntoResponse for FeedError {
    fn into_response(self) -> Response {
        let status = match self {
            Self::NoZip | Self::Param(_) => StatusCode::BAD_REQUEST,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        };
        (status, self.to_string()).into_response()
    }
}
