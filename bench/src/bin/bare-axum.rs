//! Bare axum: one route answering like Bayline's `/healthz` (200, `text/plain`, "ok"), no
//! middleware, tokio's multi-thread runtime. Usage: bare-axum ADDR
use axum::{Router, routing::get};

/// The allocator Bayline's server uses (see its Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:3301".into());
    let app = Router::new().route("/healthz", get(|| async { "ok" }));
    let listener = tokio::net::TcpListener::bind(&addr).await.expect("bind");
    axum::serve(listener, app).await.expect("serve");
}
