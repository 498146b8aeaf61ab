import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test } from "@playwright/test";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { dataDir, noJs, readCsv, waitForHydration, watchConsole } from "./support";

// The expected answers come from IPEDS's convenience extract and the GeoNames file,
// computed here with the same great-circle formula but none of Bayline's code.
const programs = readCsv(resolve(dataDir, "ipeds/automotive_programs.csv"));
const zips = new Map(
  readCsv(resolve(dataDir, "zip/us_zip_centroids_geonames.csv"))
    .filter((z) => z.STATE !== "")
    .map((z) => [z.ZIP, [Number(z.LAT), Number(z.LON)] as const]),
);
function within(zip: string, miles: number, kindColumn?: string, includeZero = false): string[] {
  const [lat, lon] = zips.get(zip)!;
  const rad = (d: number) => (d * Math.PI) / 180;
  return programs
    // A kind matches where its programs awarded something (the column sums every level),
    // or, with zeros included, wherever IPEDS lists it (blank = not listed).
    .filter((p) => !kindColumn || (includeZero ? p[kindColumn] !== "" : Number(p[kindColumn]) > 0))
    .map((p) => {
      const [plat, plon] = [Number(p.LAT), Number(p.LON)];
      const h = Math.sin(rad(plat - lat) / 2) ** 2 + Math.cos(rad(lat)) * Math.cos(rad(plat)) * Math.sin(rad(plon - lon) / 2) ** 2;
      return { name: p.NAME, d: 2 * 3958.8 * Math.asin(Math.sqrt(h)) };
    })
    .filter((p) => p.d <= miles)
    .sort((a, b) => a.d - b.d)
    .map((p) => p.name);
}

const rows = (page: Page) => page.locator("#program-results li.program");

async function search(page: Page, zip: string, fields: Record<string, string> = {}) {
  await page.goto("/programs");
  if (!noJs()) await waitForHydration(page);
  await page.getByRole("textbox", { name: "ZIP code" }).fill(zip);
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).selectOption(value);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.locator(".summary")).toBeVisible();
}

test("search by ZIP, then change radius and kind", async ({ page }) => {
  const checkConsole = watchConsole(page);
  await search(page, "48201", { Within: "50" });
  await expect(page).toHaveURL(/\/programs\?zip=48201&radius=50&kind=&award=&sector=$/);
  const expected = within("48201", 50);
  await expect(page.locator(".summary")).toHaveText(`${expected.length} programs within 50 miles of ZIP 48201 (Detroit, MI)`);
  await expect(rows(page).locator("h3")).toHaveText(expected.slice(0, 20));

  await page.getByLabel("Within", { exact: true }).selectOption("250");
  await page.getByLabel("Program", { exact: true }).selectOption("diesel");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/radius=250&kind=diesel/);
  const diesel = within("48201", 250, "COMPLETIONS_470605_DIESEL");
  await expect(page.locator(".summary")).toContainText(`${diesel.length} programs within 250 miles`);
  for (const kinds of await rows(page).locator(".kinds").allTextContents()) expect(kinds).toContain("Diesel");

  // Programs that awarded nothing in 2023-24 join only when asked for.
  const withZeros = within("48201", 250, "COMPLETIONS_470605_DIESEL", true);
  expect(withZeros.length).toBeGreaterThan(diesel.length);
  await page.getByLabel("Include programs that awarded nothing in 2023-24").check();
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/kind=diesel&award=&sector=&include_zero=true/);
  await expect(page.locator(".summary")).toContainText(`${withZeros.length} programs within 250 miles`);
  if (!noJs()) await waitForHydration(page);
  checkConsole();
});

test("pages through results with shareable URLs", async ({ page }) => {
  const expected = within("48201", 250);
  expect(expected.length).toBeGreaterThan(20);
  await page.goto("/programs?zip=48201&radius=250");
  await expect(page.getByText(`Page 1 of ${Math.ceil(expected.length / 20)}`)).toBeVisible();
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/zip=48201&radius=250&page=2$/);
  await expect(rows(page).locator("h3")).toHaveText(expected.slice(20, 40));
  await expect(page.locator("ol.program-list")).toHaveAttribute("start", "21");
  await page.getByRole("link", { name: "← Previous" }).click();
  await expect(rows(page).first().locator("h3")).toHaveText(expected[0]);
});

test("opens a profile with distance, kinds and the nearest programs", async ({ page }) => {
  await page.goto("/programs?zip=48201&radius=25");
  const first = rows(page).first().getByRole("link");
  const name = (await first.textContent())!.trim();
  await first.click();
  await expect(page).toHaveURL(/\/programs\/\d+\?zip=48201$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText(/miles from ZIP 48201/)).toBeVisible();
  await expect(page.getByRole("table")).toContainText("Completions in 2023-24");
  await expect(page.locator("#nearest-programs li.program")).toHaveCount(5);
  await expect(page.getByText(/Source: NCES IPEDS/)).toBeVisible();
});

test("bad input gets a helpful message, unknown programs a 404", async ({ page }) => {
  await page.goto("/programs?zip=00000");
  await expect(page.getByRole("alert").filter({ hasText: "we do not know the ZIP code 00000" })).toBeVisible();
  await page.goto("/programs?zip=09001");
  await expect(
    page.getByRole("alert").filter({ hasText: "military ZIP codes have no fixed place: use the ZIP code where you are" }),
  ).toBeVisible();
  await page.goto("/programs?zip=48201&radius=9999");
  await expect(page.getByRole("alert").filter({ hasText: "radius: must be between 1 and 500 miles" })).toBeVisible();
  const response = await page.goto("/programs/999999999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("the home page's ZIP search leads to the results", async ({ page }) => {
  await page.goto("/");
  if (!noJs()) await waitForHydration(page);
  await page.getByRole("textbox", { name: "ZIP code" }).fill("99501");
  await page.getByRole("button", { name: "Find programs" }).click();
  await expect(page.locator(".summary")).toContainText("within 25 miles of ZIP 99501 (Anchorage, AK)");
  await expect(rows(page)).toHaveCount(within("99501", 25).length);
});

test("the embeddable finder works inside another site's iframe", async ({ page, baseURL }) => {
  // Another site, on another origin (a second local server), embedding the widget.
  const host = createServer((_, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end(`<!doctype html><html lang="en"><title>Parts</title><h1>A parts distributor</h1>
      <iframe title="Program finder" width="1000" height="800" src="${baseURL}/embed/programs?zip=48201&radius=25&kind=auto"></iframe>`);
  });
  await new Promise<void>((done) => host.listen(0, "127.0.0.1", done));
  const { port } = host.address() as AddressInfo;
  test.info().attach("host", { body: `http://127.0.0.1:${port}/` });
  await page.goto(`http://127.0.0.1:${port}/`);
  const frame = page.frameLocator("iframe");
  await expect(frame.getByRole("heading", { name: "Technician programs near you" })).toBeVisible();
  await expect(frame.locator("li.program").first()).toBeVisible();
  await expect(frame.locator("li.program a").first()).toHaveAttribute("target", "_blank");
  await expect(frame.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  host.close();
});

test("the map pans, zooms and stays in sync with the list", async ({ page }) => {
  test.skip(noJs(), "the map needs JavaScript; the list is the no-JS answer");
  const checkConsole = watchConsole(page);
  await page.goto("/programs?zip=48201&radius=25");
  const map = page.getByRole("region", { name: /Map of programs within 25 miles/ });
  await expect(map).toHaveAttribute("data-ready", "true");
  await expect(map).toHaveAttribute("data-basemap", "outline");
  const zoom = Number(await map.getAttribute("data-zoom"));

  await page.getByRole("button", { name: "Zoom in" }).click();
  await expect(map).toHaveAttribute("data-zoom", String(zoom + 1));
  // Keyboard panning reloads the features for the new view.
  await map.focus();
  await page.keyboard.press("ArrowRight");
  await expect(map).toHaveAttribute("data-zoom", String(zoom + 1));

  // Marker → row: hovering a program marker highlights its row.
  const listed = await rows(page).evaluateAll((items) => items.map((li) => li.getAttribute("data-name")));
  const markers = page.locator(".program-marker");
  await expect(markers.first()).toBeVisible();
  const titles = await markers.evaluateAll((ms) => ms.map((m) => m.getAttribute("title")));
  const shared = titles.findIndex((t) => listed.includes(t));
  expect(shared).toBeGreaterThanOrEqual(0);
  await markers.nth(shared).hover();
  await expect(page.locator(`li.program[data-name="${titles[shared]}"]`)).toHaveClass(/is-highlighted/);

  // Row → marker: focusing a row's link highlights its marker.
  const row = page.locator(`li.program[data-name="${titles[shared]}"]`);
  await row.getByRole("link").focus();
  await expect(markers.nth(shared)).toHaveClass(/is-highlighted/);
  // Markers are keyboard-reachable and named, and Enter opens a program's popup.
  await expect(markers.nth(shared)).toHaveAttribute("tabindex", "0");
  await markers.nth(shared).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(".leaflet-popup").getByRole("link", { name: titles[shared]! })).toBeVisible();
  checkConsole();
});

test("Enter or Space on a focused cluster zooms into it, as its label says", async ({ page }) => {
  test.skip(noJs(), "the map needs JavaScript; the list is the no-JS answer");
  // Wide enough that the 848 programs cluster.
  await page.goto("/programs?zip=48201&radius=500");
  const map = page.getByRole("region", { name: /Map of programs within 500 miles/ });
  await expect(map).toHaveAttribute("data-ready", "true");
  for (const key of ["Enter", " "]) {
    const zoom = Number(await map.getAttribute("data-zoom"));
    const cluster = page.locator(".cluster-marker").first();
    await expect(cluster).toHaveAttribute("role", "button");
    await cluster.focus();
    await page.keyboard.press(key);
    await expect.poll(async () => Number(await map.getAttribute("data-zoom"))).toBeGreaterThan(zoom);
    await expect(map).toHaveAttribute("data-ready", "true");
  }
});

for (const [name, url] of [
  ["the finder", "/programs?zip=48201&radius=50"],
  ["a profile", "/programs/170240?zip=48201"],
]) {
  test(`axe finds no accessibility violations on ${name}`, async ({ page }) => {
    // axe runs as a script in the page; without JavaScript the DOM is the same server HTML.
    test.skip(noJs(), "axe needs JavaScript to run");
    await page.goto(url);
    if (!noJs()) {
      await waitForHydration(page);
      if (url.startsWith("/programs?")) await expect(page.locator(".program-map")).toHaveAttribute("data-ready", "true");
    }
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}

test.describe("use my location", () => {
  test.use({ geolocation: { latitude: 42.3314, longitude: -83.0458 }, permissions: ["geolocation"] });

  test("searches around the browser's position", async ({ page }) => {
    test.skip(noJs(), "needs JavaScript; without it the button is hidden and the ZIP field does the job");
    await page.goto("/programs?kind=auto");
    await waitForHydration(page);
    await page.getByRole("button", { name: "Use my location" }).click();
    // Rounded to about a kilometre: the address never holds where the person stands.
    await expect(page).toHaveURL(/lat=42\.33&lon=-83\.05(&|$)/);
    await expect(page).toHaveURL(/kind=auto/);
    await expect(page.locator(".summary")).toContainText("within 25 miles of your location");
    await expect(rows(page).first()).toBeVisible();
  });

  test("is hidden without JavaScript", async ({ page }) => {
    test.skip(!noJs(), "the no-JS half");
    await page.goto("/programs");
    await expect(page.getByRole("button", { name: "Use my location" })).toBeHidden();
  });
});
