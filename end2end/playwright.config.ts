import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// Each run serves a fresh SQLite file, so the first start imports the real public data.
process.env.BAYLINE_E2E_DB_DIR ??= mkdtempSync(join(tmpdir(), "bayline-e2e-"));
const port = process.env.BAYLINE_E2E_PORT ?? "3100";
// A second server with its own database holds the SYNTHETIC page world (one of everything a
// page can show) that phone.spec.ts visits page by page; its colleges would otherwise sit
// beside the real ones the other specs count.
const worldPort = process.env.BAYLINE_E2E_WORLD_PORT ?? "3101";
const root = resolve(__dirname, "..");
const dataDir = process.env.BAYLINE_DATA_DIR ?? resolve(root, "../shared/data");

// Debian's Chromium; Playwright's own browser download cannot work on these machines.
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

const bin = process.env.BAYLINE_BIN ?? resolve(root, "target/debug/bayline");

function serverEnv(database: string, listen: string): Record<string, string> {
  return {
    DATABASE_URL: `sqlite://${process.env.BAYLINE_E2E_DB_DIR}/${database}`,
    BAYLINE_DATA_DIR: dataDir,
    LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? resolve(root, "target/site"),
    LEPTOS_SITE_ADDR: `127.0.0.1:${listen}`,
    RUST_LOG: process.env.BAYLINE_E2E_LOG ?? "warn",
    // No network here: the map draws the offline state-outline basemap.
    BAYLINE_TILE_URL: "none",
    // Every SYNTHETIC person of the suite signs up from 127.0.0.1: well over the default
    // 10 sign-ups an hour one address may attempt.
    BAYLINE_SIGNUPS_PER_ADDRESS: "10000",
  };
}

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
  },
  projects: [
    { name: "js", use: { ...chromium } },
    { name: "no-js", use: { ...chromium, javaScriptEnabled: false } },
  ],
  webServer: [
    {
      // SYNTHETIC pay data for insights.spec.ts is written before the server starts: a
      // published quarter is frozen the first time a server reads it, so rows added to it
      // afterwards never reach a figure (docs/privacy.md, "A published figure never changes").
      command: [
        `BIN="${bin}"`,
        `"$BIN" import all`,
        `"$BIN" dev synth-pay --shops 40 --quarters 2 --state VT --seed 11`,
        `exec "$BIN" serve`,
      ].join(" && "),
      url: `http://127.0.0.1:${port}/readyz`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: serverEnv("bayline.db", port),
    },
    {
      command: [
        `BIN="${bin}"`,
        `"$BIN" import all`,
        `"$BIN" dev synth-world > "${process.env.BAYLINE_E2E_DB_DIR}/world.json"`,
        `exec "$BIN" serve`,
      ].join(" && "),
      url: `http://127.0.0.1:${worldPort}/readyz`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: serverEnv("world.db", worldPort),
    },
  ],
});
