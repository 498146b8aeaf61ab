import { expect, test } from "@playwright/test";
import { resolve } from "node:path";
import { dataDir, formatCount, noJs, readCsv, waitForHydration, watchConsole } from "./support";

// Expected figures computed here, independently of the importer, from the official file.
const kinds: Record<string, string> = {
  "47.0604": "auto",
  "47.0605": "diesel",
  "47.0603": "collision",
  "47.0613": "heavy_truck",
};
const completions = readCsv(resolve(dataDir, "ipeds/c2024_a_cip4706.csv")).filter(
  (row) => row.MAJORNUM === "1" && row.CIPCODE in kinds,
);
const byKind = (kind: string) =>
  completions.filter((row) => kinds[row.CIPCODE] === kind).reduce((sum, row) => sum + Number(row.CTOTALT), 0);
const total = completions.reduce((sum, row) => sum + Number(row.CTOTALT), 0);

test("the home page shows live totals from the database", async ({ page }) => {
  const checkConsole = watchConsole(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("technician programs");
  await expect(page.getByTestId("total-schools")).toHaveText("848");
  await expect(page.getByTestId("total-programs")).toHaveText("1,565");
  await expect(page.getByTestId("total-places")).toHaveText(
    "50 states, 3 territories and 2 freely associated states",
  );
  await expect(page.getByTestId("total-completions")).toHaveText("59,135");
  expect(total).toBe(59135);
  for (const kind of Object.values(kinds)) {
    await expect(page.getByTestId(`completions-${kind}`)).toHaveText(formatCount(byKind(kind)));
  }
  await expect(page.getByRole("contentinfo")).toContainText("Contains GeoNames data");
  if (!noJs()) await waitForHydration(page);
  checkConsole();
});

test("the ZIP search is a shareable GET form leading to the program finder", async ({ page }) => {
  await page.goto("/");
  if (!noJs()) await waitForHydration(page);
  await page.getByRole("textbox", { name: "ZIP code" }).fill("48201");
  await page.getByLabel("Within").selectOption("50");
  await page.getByRole("button", { name: "Find programs" }).click();
  await expect(page).toHaveURL(/\/programs\?zip=48201&radius=50$/);
});

test("hydration makes the share toggle work; without JavaScript it stays out of the way", async ({ page }) => {
  await page.goto("/");
  const toggle = page.getByRole("button", { name: "Show shares of all completions" });
  if (noJs()) {
    await expect(toggle).toBeHidden();
    await expect(page.getByTestId("completions-auto")).toHaveText(formatCount(byKind("auto")));
    return;
  }
  await waitForHydration(page);
  await toggle.click();
  const permille = Math.round((byKind("auto") * 1000) / total);
  await expect(page.getByTestId("completions-auto")).toHaveText(`${Math.floor(permille / 10)}.${permille % 10}%`);
  await expect(page.getByRole("button", { name: "Show counts" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Show counts" }).click();
  await expect(page.getByTestId("completions-auto")).toHaveText(formatCount(byKind("auto")));
});

test("an unknown address gets a real 404 page with a way back", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page.getByTestId("total-schools")).toHaveText("848");
});
