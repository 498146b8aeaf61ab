import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test } from "@playwright/test";
import { resolve } from "node:path";
import { address, signIn, signUp } from "./people";
import { institutionForThisProject, miles, zipAbout20MilesFrom } from "./places";
import { dataDir, noJs, readCsv, waitForHydration, watchConsole } from "./support";

// Expected figures come from the BLS OEWS file, the IPEDS convenience extract and the
// GeoNames ZIP file, read here without any of Bayline's code.
const wages = readCsv(resolve(dataDir, "wages/oews_may2025_auto_techs_by_area.csv"));
const programs = readCsv(resolve(dataDir, "ipeds/automotive_programs.csv"));
const zips = readCsv(resolve(dataDir, "zip/us_zip_centroids_geonames.csv"));

const dollars = (v: string) => "$" + Math.round(Number(v)).toLocaleString("en-US");
const hourly = (v: string) => "$" + Number(v).toFixed(2);

function wageRow(areaTitle: string, occ: string): Record<string, string> {
  const row = wages.find((r) => r.AREA_TITLE === areaTitle && r.OCC_CODE === occ && r.NAICS === "000000");
  expect(row, `OEWS ${occ} in ${areaTitle}`).toBeTruthy();
  return row!;
}

/** Names of the automotive programs nearest a ZIP, within 100 miles, nearest first. */
function nearestAuto(zip: string, count: number): string[] {
  const z = zips.find((r) => r.ZIP === zip)!;
  return programs
    .filter((p) => Number(p.COMPLETIONS_470604_AUTO) > 0)
    .map((p) => ({ name: p.NAME, d: miles(Number(z.LAT), Number(z.LON), Number(p.LAT), Number(p.LON)) }))
    .filter((p) => p.d <= 100)
    .sort((a, b) => a.d - b.d)
    .slice(0, count)
    .map((p) => p.name);
}

async function open(page: Page, url: string) {
  await page.goto(url);
  if (!noJs()) await waitForHydration(page);
}

test("pick a path, enter a ZIP, see state pay and the nearest programs, open one, save the path", async ({ page }) => {
  const checkConsole = watchConsole(page);
  const email = address("careers");
  await signUp(page, email);
  const place = institutionForThisProject(50, 52);
  const { zip } = zipAbout20MilesFrom(place);
  const stateName = zips.find((r) => r.ZIP === zip)!.STATE_NAME;

  await open(page, "/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Careers" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Career paths in the automotive trades");
  await page.getByRole("link", { name: "Automotive service", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Automotive service");

  await page.getByRole("textbox", { name: "Your ZIP code" }).fill(zip);
  await page.getByRole("button", { name: "Show pay and programs near me" }).click();
  await expect(page).toHaveURL(new RegExp(`/careers/automotive-service\\?zip=${zip}$`));
  await expect(page.getByTestId("career-place")).toContainText(`ZIP ${zip}`);

  // State pay: the OEWS row for the state, every percentile as published.
  const row = wageRow(stateName, "49-3023");
  const table = page.locator('.wage-table[data-occupation="49-3023"]');
  await expect(table.locator("caption")).toContainText(`${stateName} — all industries`);
  await expect(table.getByRole("row", { name: /A year/ }).locator("td")).toHaveText(
    ["A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90"].map((c) => dollars(row[c])),
  );
  await expect(table.getByRole("row", { name: /An hour/ }).locator("td")).toHaveText(
    ["H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90"].map((c) => hourly(row[c])),
  );
  await expect(table.locator(".source")).toContainText(`OEWS May 2025, ${stateName}`);
  // The first step's band is an estimate between the 10th and 25th percentiles.
  const first = page.locator(".ladder .step").first();
  await expect(first.getByTestId("step-band")).toHaveText(
    `${dollars(row.A_PCT10)}–${dollars(row.A_PCT25)} a year (${hourly(row.H_PCT10)}–${hourly(row.H_PCT25)} an hour)`,
  );
  await expect(first.locator(".estimate-note")).toContainText("Estimate");

  // The nearest programs teaching the path, nearest first.
  const expected = nearestAuto(zip, 5);
  const listed = page.locator(".near-me li.program h3");
  await expect(listed).toHaveText(expected);

  // Open the nearest one: its profile keeps the ZIP.
  await listed.first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(expected[0]);
  await expect(page.locator(".distance").first()).toContainText(`from ZIP ${zip}`);

  // Back to the path, sign in from it, and save it.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Automotive service");
  await page.getByRole("link", { name: "Sign in to save this path" }).click();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("tidal-orchard-copper-lantern");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/careers/automotive-service\\?zip=${zip}$`));
  await page.getByRole("button", { name: "Save this path" }).click();
  await expect(page.getByTestId("path-saved")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/careers/automotive-service\\?zip=${zip}$`));

  await open(page, "/account");
  const saved = page.locator("section", { has: page.getByRole("heading", { name: "Saved career paths" }) });
  await expect(saved.getByRole("link", { name: "Automotive service" })).toBeVisible();
  await saved.getByRole("button", { name: "Remove Automotive service" }).click();
  await expect(saved.getByText("None yet")).toBeVisible();
  checkConsole();
});

test("a step page, and a printable summary, keep the ZIP", async ({ page }) => {
  await open(page, "/careers/collision-repair?zip=48201");
  await page.getByRole("link", { name: "Painter / refinish technician" }).click();
  await expect(page).toHaveURL(/\/careers\/collision-repair\/painter\?zip=48201$/);
  const row = wageRow("Michigan", "49-3021");
  await expect(page.getByTestId("step-band")).toHaveText(
    `${dollars(row.A_MEDIAN)}–${dollars(row.A_PCT75)} a year (${hourly(row.H_MEDIAN)}–${hourly(row.H_PCT75)} an hour)`,
  );
  await page.getByRole("link", { name: "Collision repair" }).click();
  await page.getByRole("link", { name: "One-page summary to print" }).click();
  await expect(page).toHaveURL(/\/careers\/collision-repair\/print\?zip=48201$/);
  await expect(page.getByTestId("print-where")).toHaveText("For ZIP 48201 (Detroit, MI).");
});

test("bad input gets a helpful page, and bad ZIP codes keep the national figures", async ({ page }) => {
  for (const url of ["/careers/astronaut", "/careers/astronaut/print"]) {
    const response = await page.goto(url);
    expect(response!.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Career path not found");
    await expect(page.getByRole("link", { name: "Diesel and heavy truck" })).toBeVisible();
  }
  const step = await page.goto("/careers/diesel-heavy-truck/astronaut?zip=48201");
  expect(step!.status()).toBe(404);
  await expect(page.getByText("There is no such step on this path.")).toBeVisible();
  await page.getByRole("link", { name: "Diesel technician", exact: true }).click();
  await expect(page).toHaveURL(/\/careers\/diesel-heavy-truck\/diesel-technician\?zip=48201$/);

  const national = wageRow("National", "49-3023");
  for (const [zip, message] of [
    ["00000", "We do not know the ZIP code 00000"],
    ["12ab", "is not a five-digit ZIP code"],
    ["09001", "military ZIP codes have no fixed place: use the ZIP code where you are"],
  ]) {
    const response = await page.goto(`/careers/automotive-service?zip=${zip}`);
    expect(response!.status()).toBe(200);
    await expect(page.locator("#zip-problem")).toContainText(message);
    const table = page.locator('.wage-table[data-occupation="49-3023"]');
    await expect(table.locator("caption")).toContainText("National");
    await expect(table.getByRole("row", { name: /A year/ }).locator("td").nth(2)).toHaveText(dollars(national.A_MEDIAN));
  }
  // A real ZIP where BLS published no state row: national figures, and the page says so.
  await page.goto("/careers/collision-repair?zip=96960");
  await expect(page.locator(".fallback").first()).toContainText(
    "BLS did not publish Automotive Body and Related Repairers figures for Marshall Islands",
  );
  // Territories: their own BLS rows where BLS publishes them (the ZCTA point has no state;
  // the USPS prefix names it), national with the right reason where it does not.
  for (const [zip, area] of [
    ["00901", "Puerto Rico"],
    ["96910", "Guam"],
    ["00802", "Virgin Islands"],
  ]) {
    await page.goto(`/careers/automotive-service?zip=${zip}`);
    const table = page.locator('.wage-table[data-occupation="49-3023"]');
    await expect(table.locator("caption")).toContainText(area);
    const median = wageRow(area, "49-3023").A_MEDIAN;
    await expect(table.getByRole("row", { name: /A year/ }).locator("td").nth(2)).toHaveText(dollars(median));
    await expect(page.locator(".fallback")).toHaveCount(0);
  }
  await page.goto("/careers/automotive-service?zip=96799");
  await expect(page.locator(".fallback").first()).toContainText(
    "BLS did not publish Automotive Service Technicians and Mechanics figures for American Samoa",
  );
});

for (const format of ["A4", "Letter"] as const) {
  test(`every path's summary prints on one ${format} page`, async ({ page }) => {
    // The counter itself: the full ladder page runs to several pages.
    await page.goto("/careers/automotive-service?zip=48201");
    const long = (await page.pdf({ format })).toString("latin1");
    expect((long.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length).toBeGreaterThan(1);
    for (const path of ["automotive-service", "diesel-heavy-truck", "collision-repair", "ev-hybrid-adas", "service-advising"]) {
      await page.goto(`/careers/${path}/print?zip=48201`);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Career path:");
      const pdf = (await page.pdf({ format, printBackground: true })).toString("latin1");
      const pages = pdf.match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
      expect(pages.length, `${path} on ${format}`).toBe(1);
    }
  });
}

for (const [name, url] of [
  ["the list of paths", "/careers"],
  ["a path near a ZIP", "/careers/automotive-service?zip=48201"],
  ["a path with a bad ZIP", "/careers/automotive-service?zip=00000"],
  ["a step", "/careers/ev-hybrid-adas/ev-hybrid-technician?zip=48201"],
  ["the printable summary", "/careers/diesel-heavy-truck/print?zip=48201"],
  ["an unknown path", "/careers/astronaut"],
]) {
  test(`axe finds no accessibility violations on ${name}`, async ({ page }) => {
    // axe runs as a script in the page; without JavaScript the DOM is the same server HTML.
    test.skip(noJs(), "axe needs JavaScript to run");
    await open(page, url);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}
