//! Liveness and readiness probes for load balancers and orchestrators.
use app::ssr::AppState;
use axum::{extract::State, http::StatusCode};

/// The process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// The database answers; a proxy should send traffic here only then.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match service::db::ping(&state.db).await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(error) => {
            tracing::error!(%error, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
