//! Server functions answer a refusal with its own status. `server_fn` answers every error
//! with 500; this layer reads the typed `AppError` in such an answer and gives it the status
//! the error means (401 sign in, 403, 404, 400 bad arguments, 409, 429), so a client, a proxy
//! and the logs can tell a refusal from a fault.
use app::error::AppError;
use axum::{
    body::{Body, to_bytes},
    extract::Request,
    http::StatusCode,
    middleware::Next,
    response::Response,
};

/// The header `server_fn` puts on its error answers (it names the function's path).
const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";
/// An error answer is one small JSON value; anything larger is left as it is.
const MAX_ERROR_BYTES: usize = 16 * 1024;

pub async fn server_fn_statuses(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BYTES).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = error.status();
    }
    Response::from_parts(parts, Body::from(bytes))
}
