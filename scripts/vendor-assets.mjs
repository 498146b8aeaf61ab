// Copies the map's third-party assets from npm packages into the built site:
//   vendor/leaflet/   Leaflet 1.9.4 (BSD-2-Clause): ES module (minified here with terser, the
//                     licence comment kept), stylesheet, marker images
//   vendor/us-states.geojson  state outlines from us-atlas 3.0.1 (ISC; Census cartographic
//                     boundaries, public domain), the offline basemap when tiles are off or fail
// Usage: node scripts/vendor-assets.mjs SITE_DIR
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const site = process.argv[2];
if (!site) throw new Error("usage: node scripts/vendor-assets.mjs SITE_DIR");
const tools = join(dirname(fileURLToPath(import.meta.url)), "..", "tools", "node_modules");
const require = createRequire(join(tools, "noop.js"));

const leaflet = join(tools, "leaflet");
const out = join(site, "vendor", "leaflet");
mkdirSync(out, { recursive: true });
// Leaflet ships its ES module unminified; terser (pure JavaScript, from npm) makes it a third
// of the size, which the phone's first map load feels.
const { minify } = require("terser");
const source = readFileSync(join(leaflet, "dist", "leaflet-src.esm.js"), "utf8");
const minified = await minify(source, {
  module: true,
  compress: { passes: 2 },
  format: { comments: /@license|@preserve|^!/ },
});
writeFileSync(join(out, "leaflet.esm.min.js"), minified.code);
cpSync(join(leaflet, "dist", "leaflet.css"), join(out, "leaflet.css"));
cpSync(join(leaflet, "dist", "images"), join(out, "images"), { recursive: true });
cpSync(join(leaflet, "LICENSE"), join(out, "LICENSE"));

// Rounded to 1e-3 degrees (about 100 m): ample for outlines, a third of the bytes.
const { feature } = require("topojson-client");
const topology = JSON.parse(readFileSync(join(tools, "us-atlas", "states-10m.json"), "utf8"));
const round = (value) => (Array.isArray(value) ? value.map(round) : Math.round(value * 1000) / 1000);
const states = feature(topology, topology.objects.states);
for (const f of states.features) f.geometry.coordinates = round(f.geometry.coordinates);
writeFileSync(join(site, "vendor", "us-states.geojson"), JSON.stringify(states));
cpSync(join(tools, "us-atlas", "LICENSE"), join(site, "vendor", "LICENSE.us-atlas"));
console.log(`vendor assets written to ${join(site, "vendor")}`);
