//! The built site's asset names. `scripts/finish-site.mjs` gives every built file a
//! content-hashed name (so browsers may keep it forever) and lists the ones pages link to in
//! `asset-manifest.json` at the site root; the server reads it once at start.
use std::path::Path;

use serde::Deserialize;

/// What the page shell links to.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct SiteAssets {
    /// The WebAssembly bundle's name inside `pkg/` without extension (`bayline.<hash>`):
    /// `pkg/<bundle>.js` and `pkg/<bundle>.wasm`.
    pub bundle: String,
    /// The stylesheet's URL path.
    pub stylesheet: String,
    /// The lazily loaded map module's URL path.
    pub map_module: String,
}

impl SiteAssets {
    pub const MANIFEST: &'static str = "asset-manifest.json";

    /// The names before finishing (a site built by cargo-leptos alone, or none at all).
    pub fn unhashed() -> Self {
        Self {
            bundle: "bayline".into(),
            stylesheet: "/pkg/bayline.css".into(),
            map_module: "/map/program-map.js".into(),
        }
    }

    /// Reads the manifest under `site_root`; without one, the unhashed names. A manifest that
    /// does not read is an error naming the file.
    pub fn load(site_root: &Path) -> Result<Self, String> {
        let path = site_root.join(Self::MANIFEST);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Self::unhashed()),
            Err(error) => return Err(format!("{}: {error}", path.display())),
        };
        let assets: Self = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let relative = |url: &str| url.starts_with('/') && !url.starts_with("//");
        if assets.bundle.contains('/') || !relative(&assets.stylesheet) || !relative(&assets.map_module) {
            return Err(format!("{}: asset paths must be site paths like /pkg/…", path.display()));
        }
        Ok(assets)
    }

    /// The site-relative files the manifest names, to check they were deployed together.
    pub fn files(&self) -> [String; 4] {
        [
            format!("pkg/{}.js", self.bundle),
            format!("pkg/{}.wasm", self.bundle),
            self.stylesheet.trim_start_matches('/').to_string(),
            self.map_module.trim_start_matches('/').to_string(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_manifest_and_refuses_foreign_paths() {
        let dir = std::env::temp_dir().join(format!("bayline-assets-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(SiteAssets::load(&dir).unwrap(), SiteAssets::unhashed(), "no manifest: unhashed names");
        let manifest = dir.join(SiteAssets::MANIFEST);
        std::fs::write(
            &manifest,
            r#"{"bundle":"bayline.0123456789abcdef","stylesheet":"/pkg/bayline.aaaaaaaaaaaaaaaa.css","map_module":"/map/program-map.bbbbbbbbbbbbbbbb.js"}"#,
        )
        .unwrap();
        let assets = SiteAssets::load(&dir).unwrap();
        assert_eq!(assets.files()[1], "pkg/bayline.0123456789abcdef.wasm");
        std::fs::write(
            &manifest,
            r#"{"bundle":"b","stylesheet":"https://evil.example/x.css","map_module":"/m.js"}"#,
        )
        .unwrap();
        assert!(SiteAssets::load(&dir).unwrap_err().contains("site paths"));
        std::fs::write(&manifest, "{").unwrap();
        assert!(SiteAssets::load(&dir).unwrap_err().contains(SiteAssets::MANIFEST));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
