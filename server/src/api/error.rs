//! API errors: a 4xx naming the parameter for bad input, an opaque 500 otherwise.
use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use domain::params::ParamError;
use serde::Serialize;
use service::programs::SearchError;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiError {
    /// The query or path parameter at fault, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
    pub message: String,
    #[serde(skip)]
    status: u16,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    pub error: ApiError,
}

impl ApiError {
    pub fn bad_request(param: &str, message: impl Into<String>) -> Self {
        Self { param: Some(param.into()), message: message.into(), status: 400 }
    }

    pub fn not_found(param: &str, message: impl Into<String>) -> Self {
        Self { param: Some(param.into()), message: message.into(), status: 404 }
    }

    pub fn internal() -> Self {
        Self { param: None, message: "something went wrong on our side".into(), status: 500 }
    }
}

/// The query string as name–value pairs. Unlike the pages' GET forms, which send `kind=` for
/// "any", an API caller leaves a parameter out: an empty value is refused, naming it.
pub fn query_pairs(query: Option<&str>) -> Result<Vec<(String, String)>, ApiError> {
    let pairs: Vec<(String, String)> = match query {
        None => Vec::new(),
        Some(q) => {
            serde_urlencoded::from_str(q).map_err(|e| ApiError::bad_request("query", e.to_string()))?
        }
    };
    if let Some((name, _)) = pairs.iter().find(|(_, value)| value.trim().is_empty()) {
        return Err(ApiError::bad_request(name, "is empty: give a value or leave the parameter out"));
    }
    Ok(pairs)
}

impl From<ParamError> for ApiError {
    fn from(e: ParamError) -> Self {
        Self::bad_request(&e.param, e.message)
    }
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> Self {
        match e {
            SearchError::NoPlace { zip, why } => Self::not_found("zip", why.message(&zip)),
            SearchError::Database(e) => e.into(),
        }
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(e: sea_orm::DbErr) -> Self {
        tracing::error!(error = %e, "database error in the API");
        Self::internal()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(ApiErrorBody { error: self })).into_response()
    }
}
