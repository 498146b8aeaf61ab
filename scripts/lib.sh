# Shared set-up steps for ./run, ./test and .ci/run. Each installs only what is missing,
# from crates.io, npm or Debian, at pinned versions, and never downloads a prebuilt binary.
# shellcheck shell=bash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
CARGO_LEPTOS_VERSION="0.3.10"
BINARYEN_VERSION="132.0.0"

step() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_wasm_bindgen() {
  local want; want="$(wasm_bindgen_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    step "installing wasm-bindgen-cli $want from crates.io (about 4 minutes, once)"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_cargo_leptos() {
  if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
    step "installing cargo-leptos $CARGO_LEPTOS_VERSION from crates.io: this takes about 20 minutes on 2 cores, once"
    cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
  fi
}

# Build-time npm packages (tools/package.json): wasm-opt from binaryen (Debian's older
# wasm-opt breaks hydration), Leaflet, us-atlas and topojson-client for the map.
ensure_tools_packages() {
  if [ ! -d "$ROOT/tools/node_modules/leaflet" ] ||
     [ "$ROOT/tools/package-lock.json" -nt "$ROOT/tools/node_modules/.package-lock.json" ]; then
    step "installing build-time npm packages (binaryen $BINARYEN_VERSION, leaflet, us-atlas)"
    npm ci --prefix "$ROOT/tools" --no-audit --no-fund
  fi
  export PATH="$ROOT/tools/node_modules/.bin:$PATH"
}

# Leaflet and the state-outline basemap, copied from npm packages into the built site.
build_vendor_assets() {
  ensure_tools_packages
  node "$ROOT/scripts/vendor-assets.mjs" "${1:-$TARGET_DIR/site}"
}

# Content-hashed names, asset-manifest.json and precompressed .br/.gz twins (the server
# serves them as files, cached forever): the last step of every site build.
finish_site() {
  node "$ROOT/scripts/finish-site.mjs" "${1:-$TARGET_DIR/site}"
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    step "installing Chromium from Debian"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q && $sudo apt-get install -y -q chromium
  fi
}

ensure_end2end_packages() {
  if [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ] ||
     [ "$ROOT/end2end/package-lock.json" -nt "$ROOT/end2end/node_modules/.package-lock.json" ]; then
    step "installing the end-to-end test packages (npm ci)"
    npm ci --prefix "$ROOT/end2end" --no-audit --no-fund
  fi
}

# The real public data: BAYLINE_DATA_DIR, else the shared folder beside the clone.
default_data_dir() {
  if [ -n "${BAYLINE_DATA_DIR:-}" ]; then echo "$BAYLINE_DATA_DIR"; return; fi
  local shared; shared="$(cd "$ROOT/.." && pwd)/shared/data"
  [ -d "$shared" ] && echo "$shared" || echo ""
}

# Builds the hydrate bundle without cargo-leptos (saves its 20-minute install in CI):
# frontend → wasm-bindgen → target/site/pkg, plus the stylesheet and public assets.
build_site_without_cargo_leptos() {
  local site="$TARGET_DIR/site"
  step "building the WebAssembly client (debug) into $site"
  cargo build -p frontend --lib --target wasm32-unknown-unknown
  rm -rf "$site" && mkdir -p "$site/pkg"
  wasm-bindgen --target web --out-dir "$site/pkg" --out-name bayline \
    "$TARGET_DIR/wasm32-unknown-unknown/debug/frontend.wasm"
  mv "$site/pkg/bayline_bg.wasm" "$site/pkg/bayline.wasm"
  cp "$ROOT/style/main.css" "$site/pkg/bayline.css"
  cp -R "$ROOT/public/." "$site/"
  build_vendor_assets "$site"
  finish_site "$site"
}

# The release site without cargo-leptos (what `cargo leptos build --release` makes): the
# hydrate bundle with the wasm-release profile, wasm-bindgen, wasm-opt -Oz from npm's
# binaryen, the stylesheet, public assets and vendored map assets; then the release server.
# Into $TARGET_DIR/site-release, so a debug site the tests serve is left alone.
build_release_without_cargo_leptos() {
  local site="$TARGET_DIR/site-release"
  ensure_tools_packages
  step "building the WebAssembly client (wasm-release) into $site"
  cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
  rm -rf "$site" && mkdir -p "$site/pkg"
  wasm-bindgen --target web --out-dir "$site/pkg" --out-name bayline \
    "$TARGET_DIR/wasm32-unknown-unknown/wasm-release/frontend.wasm"
  # The features rustc's wasm32 target emits by default (binaryen must be told). --converge
  # repeats -Oz until the module stops shrinking and the strips drop the producers section
  # and any debug info: 146 B less after Brotli, for 3 s more. (cargo-leptos runs its own
  # fixed `wasm-opt -Oz`; it has no setting for more flags.)
  wasm-opt -Oz --converge --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$site/pkg/bayline_bg.wasm" -o "$site/pkg/bayline.wasm"
  rm "$site/pkg/bayline_bg.wasm"
  cp "$ROOT/style/main.css" "$site/pkg/bayline.css"
  cp -R "$ROOT/public/." "$site/"
  build_vendor_assets "$site"
  finish_site "$site"
  step "building the release server"
  LEPTOS_ENV=PROD cargo build -p server --bin bayline --release
}

# Schemathesis (PyPI, pinned) in a virtualenv under the target folder, for the API's
# contract check; pip installs pure-Python wheels only (no prebuilt tool binary).
SCHEMATHESIS_VERSION="4.32.5"
ensure_schemathesis() {
  local venv="$TARGET_DIR/schemathesis-venv"
  if [ "$("$venv/bin/st" --version 2>/dev/null | awk '{print $NF}')" != "$SCHEMATHESIS_VERSION" ]; then
    step "installing schemathesis $SCHEMATHESIS_VERSION from PyPI (into $venv)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
  fi
  export SCHEMATHESIS_BIN="$venv/bin/st"
}
