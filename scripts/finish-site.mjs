// Finishes a built site for caching forever: gives every built asset a content-hashed name,
// rewrites the references between them, writes `asset-manifest.json` (what the server links
// to), and precompresses every compressible file with Brotli (quality 11) and gzip (level 9),
// so the server sends files as they are and never compresses a static file per request.
//
//   pkg/bayline.js + bayline.wasm (+ wasm-bindgen snippets/)  ->  pkg/bayline.<hash>.js|.wasm,
//                                                                  pkg/snippets.<hash>/
//   pkg/bayline.css                                           ->  pkg/bayline.<hash>.css
//   map/program-map.js, vendor/leaflet/*, vendor/us-states.geojson  likewise
//
// A hash is the first 16 hex digits of the SHA-256 of the content (for the bundle: of the
// JavaScript, the WebAssembly and every snippet together, which change together). The server
// serves a path with such a segment as `immutable`; everything else revalidates.
// Usage: node scripts/finish-site.mjs SITE_DIR
import { createHash } from "node:crypto";
import {
  existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync,
} from "node:fs";
import { basename, dirname, extname, join, relative, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const site = process.argv[2];
if (!site) throw new Error("usage: node scripts/finish-site.mjs SITE_DIR");

const HASHED = /\.[0-9a-f]{16}(\.|$)/;
const COMPRESSIBLE = new Set([".js", ".mjs", ".wasm", ".css", ".svg", ".json", ".geojson", ".txt", ".html"]);

const walk = (dir) => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
const hashOf = (...buffers) => {
  const sha = createHash("sha256");
  for (const b of buffers) sha.update(b);
  return sha.digest("hex").slice(0, 16);
};
const urlOf = (file) => "/" + relative(site, file).split(sep).join("/");
const need = (file) => {
  if (!existsSync(file)) throw new Error(`${file} is missing: build the site again before finishing it`);
  return file;
};
/** Replaces every `from` in `text`, refusing a reference that is not there (a renamed asset). */
const replaceAll = (text, from, to, where) => {
  if (!text.includes(from)) throw new Error(`${where} no longer refers to ${from}: update scripts/finish-site.mjs`);
  return text.split(from).join(to);
};

// Outputs of an earlier finish (a rebuild into the same folder) are dropped first, so only
// the current build's names exist and a stale name cannot be served.
for (const file of walk(site)) {
  if (/\.(br|gz)$/.test(file)) rmSync(file);
}
for (const entry of readdirSync(join(site, "pkg"))) {
  if (HASHED.test(entry)) rmSync(join(site, "pkg", entry), { recursive: true });
}
for (const file of walk(site)) {
  if (HASHED.test(basename(file))) rmSync(file);
}
rmSync(join(site, "asset-manifest.json"), { force: true });

/** Renames `file` to `name.<hash>.ext` after applying `rewrite` to its text; returns its URL. */
function finish(file, rewrite = null) {
  need(file);
  let bytes = readFileSync(file);
  if (rewrite) {
    bytes = Buffer.from(rewrite(bytes.toString("utf8")));
  }
  const ext = extname(file);
  const hashed = join(dirname(file), `${basename(file, ext)}.${hashOf(bytes)}${ext}`);
  writeFileSync(hashed, bytes);
  rmSync(file);
  return urlOf(hashed);
}

// Leaflet's images, then the stylesheet that points at them (relative `url(images/…)`).
const leafletDir = join(site, "vendor", "leaflet");
const images = {};
for (const file of walk(join(leafletDir, "images"))) {
  images[basename(file)] = basename(finish(file));
}
const leafletCss = finish(join(leafletDir, "leaflet.css"), (css) => {
  let out = css;
  for (const [name, hashed] of Object.entries(images)) {
    if (out.includes(`images/${name}`)) out = out.split(`images/${name}`).join(`images/${hashed}`);
  }
  return out;
});
const leafletJs = finish(join(leafletDir, "leaflet.esm.min.js"));
const basemap = finish(join(site, "vendor", "us-states.geojson"));

// The map module imports Leaflet and fetches the stylesheet and basemap by absolute path.
const mapModule = finish(join(site, "map", "program-map.js"), (js) => {
  let out = replaceAll(js, "/vendor/leaflet/leaflet.esm.min.js", leafletJs, "program-map.js");
  out = replaceAll(out, "/vendor/leaflet/leaflet.css", leafletCss, "program-map.js");
  return replaceAll(out, "/vendor/us-states.geojson", basemap, "program-map.js");
});

const pkg = join(site, "pkg");
const stylesheet = finish(join(pkg, "bayline.css"));

// The WebAssembly bundle: one hash over the glue, the module and its snippets. The glue
// imports snippets by relative path (`from "./snippets/…"`), so their folder takes the hash
// too; the same paths as keys of the module's import object stay as they are (they are the
// names the WebAssembly asks for, not URLs).
const js = readFileSync(need(join(pkg, "bayline.js")), "utf8");
const wasm = readFileSync(need(join(pkg, "bayline.wasm")));
const snippetsDir = join(pkg, "snippets");
const snippets = existsSync(snippetsDir)
  ? walk(snippetsDir).sort().flatMap((f) => [Buffer.from(relative(snippetsDir, f)), readFileSync(f)])
  : [];
const bundleHash = hashOf(Buffer.from(js), wasm, ...snippets);
const bundle = `bayline.${bundleHash}`;
let glue = js;
if (existsSync(snippetsDir)) {
  const imports = /(from\s*["'])\.\/snippets\//g;
  if (!imports.test(glue)) throw new Error("bayline.js imports no snippet: update scripts/finish-site.mjs");
  glue = glue.replace(imports, `$1./snippets.${bundleHash}/`);
  renameSync(snippetsDir, join(pkg, `snippets.${bundleHash}`));
}
writeFileSync(join(pkg, `${bundle}.js`), glue);
renameSync(join(pkg, "bayline.wasm"), join(pkg, `${bundle}.wasm`));
rmSync(join(pkg, "bayline.js"));
for (const leftover of ["bayline.d.ts", "bayline_bg.wasm.d.ts"]) rmSync(join(pkg, leftover), { force: true });

const manifest = { bundle, stylesheet, map_module: mapModule };
writeFileSync(join(site, "asset-manifest.json"), JSON.stringify(manifest, null, 2) + "\n");

// Precompressed twins, written only where they are smaller.
let raw = 0, br = 0, gz = 0;
for (const file of walk(site)) {
  if (!COMPRESSIBLE.has(extname(file))) continue;
  const bytes = readFileSync(file);
  const brotli = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [constants.BROTLI_PARAM_MODE]: extname(file) === ".wasm" ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  });
  const gzip = gzipSync(bytes, { level: 9 });
  raw += bytes.length;
  if (brotli.length < bytes.length) { writeFileSync(`${file}.br`, brotli); br += brotli.length; }
  if (gzip.length < bytes.length) { writeFileSync(`${file}.gz`, gzip); gz += gzip.length; }
}
const size = statSync(join(pkg, `${bundle}.wasm`)).size;
console.log(`site finished: bundle ${bundle} (${size} B WebAssembly); ${raw} B compressible → ${br} B brotli, ${gz} B gzip`);
