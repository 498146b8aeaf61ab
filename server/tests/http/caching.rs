//! What browsers and shared caches may keep: built assets forever under content-hashed names,
//! served as the precompressed files the build wrote; public pages revalidated; nothing
//! personal kept anywhere. The asset files here are SYNTHETIC stand-ins finished by the real
//! build step (`scripts/finish-site.mjs`); the program map module is the real one.
use std::path::{Path, PathBuf};

use app::{site_assets::SiteAssets, ssr::AppState};
use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Request, StatusCode, header},
};
use chrono::Utc;
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;
use service::{accounts::sessions, db_test, testing::add_real_zips};
use tower::ServiceExt;

use crate::support::http::{form, get, router, send};

const SITE: &str = "http://localhost";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// A site as the build leaves it before finishing, with SYNTHETIC contents (`stylesheet_rule`
/// varies it between two "deploys"), finished by the real script.
fn finished_site(name: &str, stylesheet_rule: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bayline-site-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let write = |path: &str, bytes: &[u8]| {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, bytes).unwrap();
    };
    let padding = "/* SYNTHETIC asset for the caching test */\n".repeat(40);
    write(
        "pkg/bayline.js",
        // As wasm-bindgen writes it: the snippet imported by URL, then named by the same
        // path among the module's imports (the name the WebAssembly asks for).
        format!(
            "import * as import1 from \"./snippets/frontend-0/inline0.js\"\n{padding}\
             const imports = {{ \"./snippets/frontend-0/inline0.js\": import1 }};\n"
        )
        .as_bytes(),
    );
    write("pkg/snippets/frontend-0/inline0.js", format!("export function f() {{}}\n{padding}").as_bytes());
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend(std::iter::repeat_n(0u8, 4096));
    write("pkg/bayline.wasm", &wasm);
    write("pkg/bayline.css", format!("{stylesheet_rule}\n{padding}").as_bytes());
    write("map/program-map.js", &std::fs::read(repo_root().join("public/map/program-map.js")).unwrap());
    write("favicon.svg", &std::fs::read(repo_root().join("public/favicon.svg")).unwrap());
    write("vendor/leaflet/leaflet.esm.min.js", format!("export const version = 1;\n{padding}").as_bytes());
    write(
        "vendor/leaflet/leaflet.css",
        format!(".leaflet-control-layers-toggle{{background-image:url(images/layers.png)}}\n{padding}")
            .as_bytes(),
    );
    write("vendor/leaflet/images/layers.png", b"\x89PNG\r\n\x1a\nSYNTHETIC");
    write(
        "vendor/us-states.geojson",
        format!("{{\"type\":\"FeatureCollection\",\"features\":[]}}\n{padding}").as_bytes(),
    );
    let finished = std::process::Command::new("node")
        .arg(repo_root().join("scripts/finish-site.mjs"))
        .arg(&dir)
        .output()
        .expect("node runs the build's finishing step");
    assert!(finished.status.success(), "{}", String::from_utf8_lossy(&finished.stderr));
    dir
}

fn router_on(db: &DatabaseConnection, site: &Path) -> Router {
    let options = LeptosOptions::builder().output_name("bayline").site_root(site.to_str().unwrap()).build();
    server::router(AppState::new(options, db.clone()))
}

/// GET `path` with `Accept-Encoding`, returning status, headers and the raw (undecoded) body.
async fn fetch(router: &Router, path: &str, encoding: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
    let request = Request::get(path).header(header::ACCEPT_ENCODING, encoding).body(Body::empty()).unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    (status, headers, response.into_body().collect().await.unwrap().to_bytes().to_vec())
}

fn header_of(headers: &HeaderMap, name: header::HeaderName) -> String {
    headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(", ")
}

/// What follows the first `prefix` in `text`, up to a quote or a closing parenthesis.
fn quoted_after<'a>(text: &'a str, prefix: &str) -> &'a str {
    let start = text.find(prefix).unwrap_or_else(|| panic!("{prefix} not in {text}")) + prefix.len();
    let rest = &text[start..];
    &rest[..rest.find(['"', '\'', ')']).unwrap_or(rest.len())]
}

#[tokio::test]
async fn built_assets_are_hashed_precompressed_and_kept_forever() {
    let db = service::testing::sqlite().await;
    let site = finished_site("one", "body{color:#111}");
    let assets = SiteAssets::load(&site).unwrap();
    let app = router_on(&db.conn, &site);

    // The page links the hashed names, and is itself compressed on the fly but never kept
    // without asking.
    let (status, headers, _) = fetch(&app, "/", "br").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header_of(&headers, header::CONTENT_ENCODING), "br", "pages are compressed");
    assert_eq!(header_of(&headers, header::CACHE_CONTROL), "no-cache");
    let (_, _, page) = fetch(&app, "/", "identity").await;
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains(&format!(r#"href="{}""#, assets.stylesheet)), "{page}");
    assert!(page.contains(&format!(r#"content="{}""#, assets.map_module)), "{page}");
    for file in &assets.files()[..2] {
        assert!(page.contains(&format!("/{file}")), "{file} not linked: {page}");
    }

    // Every built file, found by following the references as a browser does.
    let module = std::fs::read_to_string(site.join(assets.map_module.trim_start_matches('/'))).unwrap();
    let vendor: Vec<String> =
        module.split('"').filter(|s| s.starts_with("/vendor/")).map(String::from).collect();
    assert_eq!(vendor.len(), 3, "Leaflet, its stylesheet and the basemap: {vendor:?}");
    let leaflet_css = vendor.iter().find(|url| url.ends_with(".css")).unwrap();
    let leaflet_css = std::fs::read_to_string(site.join(leaflet_css.trim_start_matches('/'))).unwrap();
    let glue = std::fs::read_to_string(site.join(&assets.files()[0])).unwrap();
    let mut urls: Vec<String> = assets.files().iter().map(|f| format!("/{f}")).collect();
    urls.push(format!("/pkg/{}", quoted_after(&glue, "from \"./")));
    assert!(
        glue.contains(r#"{ "./snippets/frontend-0/inline0.js": import1 }"#),
        "the import object's names are what the WebAssembly asks for, not URLs: {glue}"
    );
    urls.extend(vendor.iter().cloned());
    urls.push(format!("/vendor/leaflet/images/{}", quoted_after(&leaflet_css, "url(images/")));
    for url in &urls {
        assert!(server::static_files::is_content_hashed(url), "{url} has no content hash in its name");
        let on_disk = site.join(url.trim_start_matches('/'));
        let raw = std::fs::read(&on_disk).unwrap_or_else(|e| panic!("{url}: {e}"));
        let (status, headers, body) = fetch(&app, url, "identity").await;
        assert_eq!(
            (status, header_of(&headers, header::CACHE_CONTROL)),
            (StatusCode::OK, IMMUTABLE.into()),
            "{url}"
        );
        assert_eq!(body, raw, "{url} as it is");
        for (accept, twin) in [("br", "br"), ("gzip", "gz"), ("gzip, deflate, br", "br")] {
            let Ok(file) = std::fs::read(format!("{}.{twin}", on_disk.display())) else {
                continue; // not compressible (an image): the file itself
            };
            let (status, headers, body) = fetch(&app, url, accept).await;
            assert_eq!(status, StatusCode::OK, "{url}");
            assert_eq!(
                header_of(&headers, header::CONTENT_ENCODING),
                twin.replace("gz", "gzip"),
                "{url} {accept}"
            );
            assert_eq!(header_of(&headers, header::CACHE_CONTROL), IMMUTABLE, "{url}");
            assert!(header_of(&headers, header::VARY).contains("accept-encoding"), "{url}");
            // Byte for byte the build's file: nothing was compressed for this request.
            assert_eq!(body, file, "{url} {accept} is the precompressed file");
        }
    }
    let (_, wasm_headers, _) = fetch(&app, &urls[1], "br").await;
    assert_eq!(header_of(&wasm_headers, header::CONTENT_TYPE), "application/wasm");
    assert!(
        std::fs::metadata(site.join(format!("{}.br", assets.files()[1]))).unwrap().len() < 4096 / 4,
        "the WebAssembly twin is Brotli at a high quality"
    );

    // The unhashed names are gone: nothing can be served stale under them.
    for gone in ["/pkg/bayline.css", "/pkg/bayline.wasm", "/pkg/bayline.js", "/map/program-map.js"] {
        let (status, headers, _) = fetch(&app, gone, "br").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{gone}");
        assert!(!header_of(&headers, header::CACHE_CONTROL).contains("public"), "{gone}");
    }
    // A file without a hash is kept but revalidated, and a revalidation costs no body.
    let (status, headers, _) = fetch(&app, "/favicon.svg", "br").await;
    assert_eq!((status, header_of(&headers, header::CACHE_CONTROL).as_str()), (StatusCode::OK, "no-cache"));
    let modified = header_of(&headers, header::LAST_MODIFIED);
    let request =
        Request::get("/favicon.svg").header(header::IF_MODIFIED_SINCE, modified).body(Body::empty()).unwrap();
    assert_eq!(app.clone().oneshot(request).await.unwrap().status(), StatusCode::NOT_MODIFIED);
    std::fs::remove_dir_all(site).unwrap();
}

#[tokio::test]
async fn after_a_deploy_an_open_page_keeps_working_and_the_next_loads_the_new_assets() {
    let db = service::testing::sqlite().await;
    let before = finished_site("before", "body{color:#111}");
    let after = finished_site("after", "body{color:#222}");
    let (old, new) = (SiteAssets::load(&before).unwrap(), SiteAssets::load(&after).unwrap());
    assert_ne!(old.stylesheet, new.stylesheet, "a changed stylesheet gets a new name");
    assert_eq!(old.bundle, new.bundle, "an unchanged bundle keeps its name (and the browser's copy)");

    let (_, _, opened) = fetch(&router_on(&db.conn, &before), "/programs", "identity").await;
    let opened = String::from_utf8(opened).unwrap();
    // The deploy: the same database behind a server with the new build.
    let deployed = router_on(&db.conn, &after);
    // The open page is complete HTML: its text, links and forms need nothing from the server
    // but the next request, which the new server answers.
    assert!(
        opened.contains(r#"action="/programs""#) && opened.contains("Technician programs near you"),
        "{opened}"
    );
    let (status, _, _) = fetch(&deployed, "/programs", "br").await;
    assert_eq!(status, StatusCode::OK);
    // What the old page still links: unchanged files still load; the old stylesheet is gone,
    // and the browser keeps its cached copy (immutable) rather than asking.
    let (status, _, _) = fetch(&deployed, &format!("/pkg/{}.wasm", old.bundle), "br").await;
    assert_eq!(status, StatusCode::OK, "the unchanged bundle still loads");
    // The next navigation links the new build, and it is served.
    let (_, _, next) = fetch(&deployed, "/programs", "identity").await;
    let next = String::from_utf8(next).unwrap();
    assert!(next.contains(&new.stylesheet) && !next.contains(&old.stylesheet), "{next}");
    let (status, headers, body) = fetch(&deployed, &new.stylesheet, "identity").await;
    assert_eq!((status, header_of(&headers, header::CACHE_CONTROL).as_str()), (StatusCode::OK, IMMUTABLE));
    assert!(String::from_utf8(body).unwrap().contains("#222"));
    for dir in [before, after] {
        std::fs::remove_dir_all(dir).unwrap();
    }
}

db_test!(no_personal_answer_carries_a_public_cache_header, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let now = Utc::now();
    let world = service::synthetic::world::build(&db, 900001, now).await.unwrap();
    let pages = server::page_world::every_page(&world).unwrap();
    let app = router(&db, SITE);
    let p = world.people;
    let mut cookies = Vec::new();
    for actor in [p.student, p.shop_member, p.shop_owner, p.instructor_a, p.admin] {
        let session = sessions::start(&db, actor.user_id, now).await.unwrap();
        cookies.push(format!("bayline_session={}", session.token));
    }
    let mut wrong = Vec::new();
    let mut seen = 0;
    for page in &pages {
        for cookie in &cookies {
            let (status, headers, _) = send(&app, get(page, Some(cookie))).await;
            let cache = header_of(&headers, header::CACHE_CONTROL);
            if !status.is_redirection() && cache != "private, no-store" {
                wrong.push(format!("{page} ({status}) signed in: Cache-Control {cache:?}"));
            }
            seen += 1;
        }
        // Without a session: public pages revalidate; a secret link's page is personal.
        let (status, headers, _) = send(&app, get(page, None)).await;
        let cache = header_of(&headers, header::CACHE_CONTROL);
        let expected = if page.contains("token=") { "private, no-store" } else { "no-cache" };
        if !status.is_redirection() && cache != expected {
            wrong.push(format!("{page} ({status}) anonymous: Cache-Control {cache:?}, not {expected}"));
        }
    }
    // The JSON API, server functions and downloads, signed in.
    let cookie = &cookies[2];
    for request in [
        get("/api/v1/programs/near?zip=48201", Some(cookie)),
        get(&format!("/orgs/{}/pay", world.verified_shop), Some(cookie)),
        form("/api/my_organisations", "", Some(cookie)),
        form("/account/export.json", "", Some(cookie)),
    ] {
        let path = request.uri().to_string();
        let (status, headers, _) = send(&app, request).await;
        let cache = header_of(&headers, header::CACHE_CONTROL);
        if cache.contains("public") || !cache.contains("no-store") {
            wrong.push(format!("{path} ({status}) signed in: Cache-Control {cache:?}"));
        }
    }
    assert!(wrong.is_empty(), "cache headers:\n{}", wrong.join("\n"));
    assert!(seen > 200, "every page as every role: {seen}");
});

/// Hashed files answer from memory (read at start): revalidation by `ETag`, `HEAD` without a
/// body, a refused coding honoured; a hashed file that appears after start is served from
/// disk all the same; and what is kept is exactly what the build wrote.
#[tokio::test]
async fn kept_files_answer_like_the_files_on_disk() {
    let db = service::testing::sqlite().await;
    let site = finished_site("kept", "body{color:#333}");
    let assets = SiteAssets::load(&site).unwrap();
    let app = router_on(&db.conn, &site);
    let wasm = format!("/pkg/{}.wasm", assets.bundle);
    let on_disk = site.join(wasm.trim_start_matches('/'));

    let (status, headers, body) = fetch(&app, &wasm, "gzip, deflate, br").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, std::fs::read(format!("{}.br", on_disk.display())).unwrap());
    assert_eq!(header_of(&headers, header::CONTENT_LENGTH), body.len().to_string());
    let etag = header_of(&headers, header::ETAG);
    assert!(etag.starts_with('"') && etag.ends_with("-br\""), "{etag}");

    // The same representation again: 304, no body; another representation's tag: the body.
    let conditional = |tag: &str, encoding: &str| {
        Request::get(&wasm)
            .header(header::ACCEPT_ENCODING, encoding)
            .header(header::IF_NONE_MATCH, tag)
            .body(Body::empty())
            .unwrap()
    };
    let response = app.clone().oneshot(conditional(&etag, "br")).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(header_of(response.headers(), header::CACHE_CONTROL), IMMUTABLE);
    assert!(response.into_body().collect().await.unwrap().to_bytes().is_empty());
    let response = app.clone().oneshot(conditional(&etag, "identity")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "a plain copy is not the Brotli one");

    // HEAD: the headers of GET, no body.
    let head = Request::head(&wasm).header(header::ACCEPT_ENCODING, "br").body(Body::empty()).unwrap();
    let response = app.clone().oneshot(head).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header_of(response.headers(), header::CONTENT_ENCODING), "br");
    assert!(response.into_body().collect().await.unwrap().to_bytes().is_empty());

    // A coding refused with q=0 is not sent.
    let (_, headers, body) = fetch(&app, &wasm, "br;q=0, gzip").await;
    assert_eq!(header_of(&headers, header::CONTENT_ENCODING), "gzip");
    assert_eq!(body, std::fs::read(format!("{}.gz", on_disk.display())).unwrap());
    let (_, headers, body) = fetch(&app, &wasm, "br;q=0, gzip;q=0").await;
    assert_eq!(header_of(&headers, header::CONTENT_ENCODING), "");
    assert_eq!(body, std::fs::read(&on_disk).unwrap());

    // Not kept: a file written after the router read the site is still served, from disk.
    let late = "/pkg/late.00112233445566ff.js";
    std::fs::write(site.join(late.trim_start_matches('/')), "export const late = 1;\n").unwrap();
    let (status, headers, body) = fetch(&app, late, "br").await;
    assert_eq!((status, header_of(&headers, header::CACHE_CONTROL).as_str()), (StatusCode::OK, IMMUTABLE));
    assert_eq!(body, b"export const late = 1;\n");
    std::fs::remove_dir_all(site).unwrap();
}
