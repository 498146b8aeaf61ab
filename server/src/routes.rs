//! The HTTP application: Leptos pages and server functions, probes, static files, and the
//! layers every request passes through.
use std::{sync::OnceLock, time::Duration};

use app::{App, shell, ssr::AppState};
use axum::handler::Handler;
use axum::{Router, http::StatusCode, middleware, routing::get};
use leptos::prelude::provide_context;
use leptos_axum::{AxumRouteListing, LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use tower::ServiceBuilder;
use tower_http::{
    CompressionLevel,
    compression::CompressionLayer,
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    services::ServeDir,
    timeout::TimeoutLayer,
    trace::TraceLayer,
};

use crate::{feeds, form_refusals, forms, health, refusals, security, static_files};

/// Pages and API answers are compressed as they are made, at a level that costs little CPU
/// (Brotli 4 / gzip 4: most of the gain of level 11 at a small fraction of its time); static
/// files come precompressed at the highest levels from the build.
const DYNAMIC_COMPRESSION: CompressionLevel = CompressionLevel::Precise(4);

/// Largest request body accepted: forms and server-function calls are small.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// A request taking longer than this is answered 408 and its work dropped.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The app's routes, listed once per process. Listing them runs the app while a process-wide
/// flag in leptos_server holds back every resource, so a page rendering for another router of
/// the same process at that moment would wait forever (leptos issue 4773) — the tests build
/// many routers in one process, and a server could build more than one.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The app's page routes as axum spells them (`/orgs/{id}`), in the router's order.
pub fn page_routes() -> Vec<String> {
    route_list().iter().map(|route| route.path().to_string()).collect()
}

pub fn router(state: AppState) -> Router {
    let policy = security::SecurityPolicy {
        tile_origin: state.tiles.origin(),
        site_origin: security::origin_of(&state.site_url),
        session_cookie: state.session_cookie.name,
    };
    let routes = route_list();
    let context = {
        let state = state.clone();
        // Called once per request: a fresh RequestCtx, so its session lookup is this
        // request's alone.
        move || {
            provide_context(state.clone());
            provide_context(app::ssr::RequestCtx::default());
        }
    };
    let render = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let mut router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .merge(crate::api::routes());
    for (path, handler) in forms::routes() {
        router = router.route(path, handler);
    }
    // Routes of their own, ahead of the pages and the not-found fallback; compressed and
    // given the non-HTML security headers like every route's answer.
    for (path, handler) in feeds::routes() {
        router = router.route(path, handler);
    }
    // Anything no route claims is a file of the built site, or else the not-found page.
    let not_found = file_and_error_handler_with_context::<AppState, _>(context.clone(), shell);
    let site_files = ServeDir::new(&*state.leptos_options.site_root)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .call_fallback_on_method_not_allowed(true)
        .fallback(not_found.with_state(state.clone()));
    // The hashed files answer from memory; the rest (and any not kept) from disk.
    let preloaded = static_files::preloaded::PreloadedFiles::load(std::path::Path::new(
        &*state.leptos_options.site_root,
    ))
    .unwrap_or_else(|error| {
        tracing::warn!(%error, "the built site's files could not be read into memory: served from disk");
        Default::default()
    });
    let app = router
        .leptos_routes_with_context(&state, routes, context, render)
        // Only the routes' answers: the files below are precompressed.
        .route_layer(CompressionLayer::new().quality(DYNAMIC_COMPRESSION))
        .fallback_service(
            ServiceBuilder::new()
                .layer(middleware::from_fn_with_state(preloaded, static_files::preloaded::serve))
                .layer(middleware::from_fn(static_files::cache_headers))
                .service(site_files),
        )
        .with_state(state.clone());
    // The layers every request passes through wrap the finished router once, as one service.
    // (`Router::layer` would wrap each route apart, and every middleware clones the service it
    // wraps on every call: a request then cloned the whole per-route stack at each layer —
    // a third of `/healthz`'s instructions, measured with callgrind.) The first layer listed
    // sees a request first.
    let policy = std::sync::Arc::new(policy);
    let stack = ServiceBuilder::new()
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &axum::extract::Request| {
            let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default();
            tracing::info_span!("request", id, method = %request.method(), path = %request.uri().path())
        }))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(middleware::from_fn_with_state(policy.clone(), security::headers))
        .layer(middleware::from_fn_with_state(policy, security::same_origin_mutations))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(middleware::from_fn(refusals::server_fn_statuses))
        .layer(middleware::from_fn_with_state(state, form_refusals::carry))
        // Innermost: the router reads the limited body like any other.
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .service(app);
    Router::new().fallback_service(stack)
}
