//! Bare Leptos: a shell, a `<Router>` with one async-SSR route and one component rendering a
//! static page of about BYTES bytes of HTML (paragraphs of text), served by leptos_axum's
//! usual path (`leptos_routes`), with Leptos in islands mode as Bayline is. No middleware,
//! no database, no stylesheet or metadata. Usage: bare-leptos ADDR [BYTES]
use std::sync::OnceLock;

use axum::Router;
use leptos::{config::LeptosOptions, hydration::HydrationScripts, prelude::*};
use leptos_axum::{LeptosRoutes, generate_route_list};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

/// The allocator Bayline's server uses (see its Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The page's paragraphs, made once at start.
static PARAGRAPHS: OnceLock<Vec<String>> = OnceLock::new();

const SENTENCE: &str = "A technician learns the trade at a college near home, then finds a shop \
                        that needs the skills they have and a path to the next step. ";

fn paragraphs(bytes: usize) -> Vec<String> {
    // One `<p>…</p>` is the text and 7 bytes of markup.
    let each = SENTENCE.len() * 3;
    (0..bytes.div_ceil(each + 7)).map(|i| format!("{i}. {}", SENTENCE.repeat(3))).collect()
}

fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>"Bare Leptos"</title>
                <HydrationScripts options islands=true />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| "not found">
                <Route path=path!("/") view=Page ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}

#[component]
fn Page() -> impl IntoView {
    let paragraphs = PARAGRAPHS.get().map(Vec::as_slice).unwrap_or_default();
    view! {
        <main>
            <h1>"Bare Leptos"</h1>
            {paragraphs.iter().map(|text| view! { <p>{text.clone()}</p> }).collect_view()}
        </main>
    }
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:3302".into());
    let bytes = args.next().map(|b| b.parse().expect("BYTES is a number")).unwrap_or(30_000);
    PARAGRAPHS.set(paragraphs(bytes)).expect("set once");
    let options = LeptosOptions::builder()
        .output_name("bare")
        .site_addr(addr.parse::<std::net::SocketAddr>().expect("ADDR is host:port"))
        .env(leptos::config::Env::PROD)
        .build();
    let routes = generate_route_list(App);
    let app = Router::new()
        .leptos_routes(&options, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .with_state(options);
    let listener = tokio::net::TcpListener::bind(&addr).await.expect("bind");
    axum::serve(listener, app).await.expect("serve");
}
