// Writes app/data/us-states-albers.tsv: one line per state — FIPS code, name and an SVG
// path — from us-atlas 3.0.1's states-albers-10m.json (ISC licence; Census cartographic
// boundaries, public domain), already projected to Albers USA in a 975 × 610 frame. The
// insights page draws its labor-rate-by-state map from it on the server.
// Coordinates are rounded to half a pixel and repeated points dropped: ample for a
// choropleth, a fraction of the bytes. Run again only when us-atlas changes:
//   npm ci --prefix tools && node scripts/state-shapes.mjs
import { readFileSync, writeFileSync, cpSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tools = join(root, "tools", "node_modules");
const require = createRequire(join(tools, "noop.js"));
const { feature } = require("topojson-client");

const topology = JSON.parse(readFileSync(join(tools, "us-atlas", "states-albers-10m.json"), "utf8"));
const half = (v) => Math.round(v * 2) / 2;

function ring(points) {
  const out = [];
  for (const [x, y] of points) {
    const p = `${half(x)},${half(y)}`;
    if (out[out.length - 1] !== p) out.push(p);
  }
  if (out.length > 1 && out[0] === out[out.length - 1]) out.pop();
  return out.length >= 3 ? `M${out.join("L")}Z` : "";
}

const lines = ["# fips\tname\tpath — us-atlas 3.0.1 states-albers-10m.json (ISC), 975 x 610 Albers USA"];
for (const f of feature(topology, topology.objects.states).features) {
  const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  const d = polygons.flatMap((polygon) => polygon.map(ring)).join("");
  lines.push(`${f.id}\t${f.properties.name}\t${d}`);
}
writeFileSync(join(root, "app", "data", "us-states-albers.tsv"), lines.join("\n") + "\n");
cpSync(join(tools, "us-atlas", "LICENSE"), join(root, "app", "data", "LICENSE.us-atlas"));
console.log(`${lines.length - 1} states written to app/data/us-states-albers.tsv`);
