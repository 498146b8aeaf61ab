import { expect, test } from "@playwright/test";
import { ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { dataDir, noJs } from "./support";

// A second server whose tile URL points at a path that does not exist: every tile fails,
// and the map must fall back to the state-outline basemap and stay usable.
const root = resolve(__dirname, "../..");
const port = 3190;
let server: ChildProcess;
let dbDir: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.skip(noJs(), "maps need JavaScript");
  dbDir = mkdtempSync(join(tmpdir(), "bayline-tiles-"));
  server = spawn(process.env.BAYLINE_BIN ?? resolve(root, "target/debug/bayline"), ["serve"], {
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${dbDir}/bayline.db`,
      BAYLINE_DATA_DIR: dataDir,
      LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? resolve(root, "target/site"),
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      BAYLINE_TILE_URL: `http://127.0.0.1:${port}/no-tiles-here/{z}/{x}/{y}.png`,
      BAYLINE_TILE_ATTRIBUTION: "Broken test tiles",
      RUST_LOG: "warn",
    },
    stdio: "inherit",
  });
  for (let i = 0; i < 240; i++) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok).catch(() => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the second server did not start");
});

test.afterAll(() => {
  server?.kill("SIGTERM");
  if (dbDir) rmSync(dbDir, { recursive: true, force: true });
});

test("when tiles fail the map falls back to state outlines and stays usable", async ({ page }) => {
  await page.goto(`http://127.0.0.1:${port}/programs?zip=48201&radius=50`);
  const map = page.getByRole("region", { name: /Map of programs/ });
  await expect(map).toHaveAttribute("data-ready", "true");
  await expect(map).toHaveAttribute("data-basemap", "outline");
  await expect(map.locator(".leaflet-control-attribution")).toContainText("Broken test tiles");
  await expect(map.locator("path.leaflet-interactive, svg path").first()).toBeAttached();
  // Still usable: a program marker opens a popup linking to its profile.
  const marker = map.locator(".program-marker").first();
  await marker.click();
  await expect(map.locator(".leaflet-popup a[href^='/programs/']")).toBeVisible();
});
