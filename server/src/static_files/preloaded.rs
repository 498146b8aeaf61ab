//! The content-hashed files of the built site, read into memory at start with their Brotli
//! and gzip twins, and answered from there.
//!
//! `ServeDir` serves each request from disk through tokio's blocking pool (open the twin,
//! read its metadata, read it in chunks: several thread hand-offs per request), which held a
//! 90 KB WebAssembly file to about 5,000 answers a second on two cores. A hashed file never
//! changes under its name, so its bytes can be kept: the answer is then a reference-counted
//! buffer and a few headers. Files without a hash in their name (`/favicon.svg`), and any
//! file too large to keep, are still `ServeDir`'s, behind this.
use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::Arc,
};

use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::Response,
};

use super::{IMMUTABLE, is_content_hashed};

/// Files larger than this stay on disk (none of the built site's are: the largest, the
/// WebAssembly, is a few hundred KB).
const LARGEST_KEPT: u64 = 8 * 1024 * 1024;

/// One representation of a file: its bytes and the `ETag` naming them.
#[derive(Debug)]
struct Representation {
    bytes: Bytes,
    etag: HeaderValue,
}

/// A hashed file as the build wrote it, with the twins it made.
#[derive(Debug)]
struct KeptFile {
    content_type: HeaderValue,
    identity: Representation,
    brotli: Option<Representation>,
    gzip: Option<Representation>,
}

/// The hashed files of one site, by URL path (`/pkg/bayline.0123456789abcdef.wasm`).
#[derive(Debug, Default, Clone)]
pub struct PreloadedFiles {
    files: Arc<HashMap<String, KeptFile>>,
}

/// A content coding a request accepts, as `Accept-Encoding` weighs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Brotli,
    Gzip,
    Identity,
}

impl PreloadedFiles {
    /// Reads every content-hashed file under `site_root` with its `.br` and `.gz` twins.
    pub fn load(site_root: &Path) -> std::io::Result<Self> {
        let mut files = HashMap::new();
        for path in files_under(site_root)? {
            let Ok(relative) = path.strip_prefix(site_root) else { continue };
            let Some(relative) = relative.to_str() else { continue };
            let url = format!("/{}", relative.replace(std::path::MAIN_SEPARATOR, "/"));
            if url.ends_with(".br") || url.ends_with(".gz") || !is_content_hashed(&url) {
                continue;
            }
            if std::fs::metadata(&path)?.len() > LARGEST_KEPT {
                continue;
            }
            let identity = std::fs::read(&path)?;
            let tag = content_tag(&identity);
            let twin = |extension: &str, coding: &str| -> std::io::Result<Option<Representation>> {
                let twin = PathBuf::from(format!("{}.{extension}", path.display()));
                match std::fs::read(twin) {
                    Ok(bytes) => Ok(Some(Representation::new(bytes, &format!("{tag}-{coding}")))),
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(error) => Err(error),
                }
            };
            let kept = KeptFile {
                content_type: content_type_of(&url),
                brotli: twin("br", "br")?,
                gzip: twin("gz", "gzip")?,
                identity: Representation::new(identity, &tag),
            };
            files.insert(url, kept);
        }
        Ok(Self { files: Arc::new(files) })
    }

    /// The answer to a GET or HEAD of a kept file, or `None` for a file that is not kept.
    pub fn answer(&self, method: &Method, path: &str, headers: &axum::http::HeaderMap) -> Option<Response> {
        if method != Method::GET && method != Method::HEAD {
            return None;
        }
        let file = self.files.get(path)?;
        let accepted = headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok());
        let coding = preferred_coding(accepted, file.brotli.is_some(), file.gzip.is_some());
        let (representation, encoding) = match coding {
            Coding::Brotli => (file.brotli.as_ref()?, Some("br")),
            Coding::Gzip => (file.gzip.as_ref()?, Some("gzip")),
            Coding::Identity => (&file.identity, None),
        };
        let unchanged = headers
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|tags| etag_listed(tags, &representation.etag));
        let (status, body) = if unchanged {
            (StatusCode::NOT_MODIFIED, Body::empty())
        } else if method == Method::HEAD {
            (StatusCode::OK, Body::empty())
        } else {
            (StatusCode::OK, Body::from(representation.bytes.clone()))
        };
        let mut response = Response::new(body);
        *response.status_mut() = status;
        let out = response.headers_mut();
        out.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
        out.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        out.insert(header::ETAG, representation.etag.clone());
        if status == StatusCode::OK {
            out.insert(header::CONTENT_TYPE, file.content_type.clone());
            out.insert(header::CONTENT_LENGTH, HeaderValue::from(representation.bytes.len()));
            if let Some(encoding) = encoding {
                out.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
            }
        }
        Some(response)
    }
}

impl Representation {
    fn new(bytes: Vec<u8>, tag: &str) -> Self {
        let etag = HeaderValue::from_str(&format!("\"{tag}\"")).expect("a tag of hex digits and letters");
        Self { bytes: Bytes::from(bytes), etag }
    }
}

/// Answers kept files; anything else goes on to `ServeDir`.
pub async fn serve(State(files): State<PreloadedFiles>, request: Request, next: Next) -> Response {
    match files.answer(request.method(), request.uri().path(), request.headers()) {
        Some(response) => response,
        None => next.run(request).await,
    }
}

/// Every regular file under `dir`, depth first.
fn files_under(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            // No built site (a server started before its first build): nothing to keep.
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => return Err(error),
        };
        for entry in entries {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(entry.path());
            } else if kind.is_file() {
                found.push(entry.path());
            }
        }
    }
    Ok(found)
}

/// A tag for a file's bytes: their length and 64-bit FNV-1a hash (the name's hash already
/// says which build made it; this tells the representations' bytes apart).
fn content_tag(bytes: &[u8]) -> String {
    let hash = bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3));
    format!("{:x}-{hash:016x}", bytes.len())
}

/// The type `ServeDir` would give the file (the same table, so both answer alike).
fn content_type_of(url: &str) -> HeaderValue {
    HeaderValue::from_static(mime_guess::from_path(url).first_raw().unwrap_or("application/octet-stream"))
}

/// Whether an `If-None-Match` value lists `etag` (or is `*`); weak tags compare by their
/// opaque part, as RFC 9110 says for this header.
fn etag_listed(if_none_match: &str, etag: &HeaderValue) -> bool {
    let ours = etag.to_str().unwrap_or_default();
    if_none_match.split(',').map(str::trim).any(|tag| tag == "*" || tag.trim_start_matches("W/") == ours)
}

/// The coding to send for `Accept-Encoding` values: the highest weight among those the file
/// has; Brotli before gzip before identity on equal weight (smaller first). A coding weighed
/// `q=0` is refused; with no header at all, the file as it is.
pub fn preferred_coding<'a>(
    accept_encoding: impl Iterator<Item = &'a str>,
    has_brotli: bool,
    has_gzip: bool,
) -> Coding {
    let (mut brotli, mut gzip, mut identity, mut any): (Option<f32>, Option<f32>, Option<f32>, Option<f32>) =
        (None, None, None, None);
    for value in accept_encoding {
        for item in value.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let weight = parts
                .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0)
                .clamp(0.0, 1.0);
            match name.as_str() {
                "br" => brotli = Some(weight),
                "gzip" | "x-gzip" => gzip = Some(weight),
                "identity" => identity = Some(weight),
                "*" => any = Some(weight),
                _ => {}
            }
        }
    }
    let weigh = |named: Option<f32>| named.or(any).unwrap_or(0.0);
    let candidates = [
        (Coding::Brotli, if has_brotli { weigh(brotli) } else { 0.0 }),
        (Coding::Gzip, if has_gzip { weigh(gzip) } else { 0.0 }),
        // Identity is acceptable unless refused by name (or by `*;q=0` without naming it).
        (Coding::Identity, identity.or(any.filter(|w| *w == 0.0)).unwrap_or(0.001)),
    ];
    candidates
        .iter()
        .filter(|(_, weight)| *weight > 0.0)
        .fold(None::<(Coding, f32)>, |best, &(coding, weight)| match best {
            Some((_, top)) if top >= weight => best,
            _ => Some((coding, weight)),
        })
        .map_or(Coding::Identity, |(coding, _)| coding)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(header: &str) -> Coding {
        preferred_coding(std::iter::once(header), true, true)
    }

    #[test]
    fn weighs_accept_encoding() {
        assert_eq!(preferred_coding(std::iter::empty(), true, true), Coding::Identity);
        assert_eq!(pick("br"), Coding::Brotli);
        assert_eq!(pick("gzip, deflate, br"), Coding::Brotli, "smaller first on equal weight");
        assert_eq!(pick("gzip, deflate, br;q=0.5"), Coding::Gzip);
        assert_eq!(pick("br;q=0, gzip;q=0"), Coding::Identity);
        assert_eq!(pick("identity"), Coding::Identity);
        assert_eq!(pick("*"), Coding::Brotli);
        assert_eq!(pick("*;q=0.2, identity;q=0.5"), Coding::Identity);
        assert_eq!(pick("deflate"), Coding::Identity);
        assert_eq!(preferred_coding(std::iter::once("br"), false, true), Coding::Identity, "no twin");
        assert_eq!(preferred_coding(std::iter::once("br, gzip"), false, true), Coding::Gzip);
    }

    #[test]
    fn matches_if_none_match() {
        let etag = HeaderValue::from_static("\"5a-00ff\"");
        assert!(etag_listed("\"5a-00ff\"", &etag));
        assert!(etag_listed("\"x\", W/\"5a-00ff\"", &etag));
        assert!(etag_listed("*", &etag));
        assert!(!etag_listed("\"5a-00fe\"", &etag));
    }
}
