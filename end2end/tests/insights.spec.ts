import AxeBuilder from "@axe-core/playwright";
import { expect, Page, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { addShop, address, person, signIn, signInAsNewAdmin, signUp } from "./people";
import { noJs } from "./support";

// The Industry Data Exchange's page, JavaScript on and off. SYNTHETIC shops (named
// "SYNTHETIC pay shop …", made by `bayline dev synth-pay`) report pay in Vermont for the
// published quarters; a member of a verified shop then sees Vermont's figures, sees why
// Wyoming's are hidden (no shop there reported), and downloads a CSV holding exactly the
// figures on screen. The public sees only national medians and OEWS. ZIP centroids and
// OEWS wages are real.


/** A CSV line split into fields (RFC 4180 quoting). */
function fields(line: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(field);
      field = "";
    } else field += c;
  }
  out.push(field);
  return out;
}

function parseCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split(/\r\n/);
  const names = fields(head);
  return lines.map((line) => Object.fromEntries(fields(line).map((v, i) => [names[i], v])));
}

/** axe's violations on the page as it stands (axe runs as a script, so JavaScript only). */
async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

/** "$52,340" / "$24.50" / "62.5%" → "52340" / "24.50" / "62.5". */
const plain = (shown: string) => shown.replace(/[$,%]/g, "").trim();

/** Every figure cell of the page: key → text. */
async function figuresOnScreen(page: Page): Promise<Map<string, string>> {
  const cells = await page.locator("[data-figure]").evaluateAll((tds) =>
    tds.map((td) => [td.getAttribute("data-figure")!, (td.textContent ?? "").trim()]),
  );
  return new Map(cells as [string, string][]);
}

test("a shop member sees a state's figures, why another state's are hidden, and a CSV of exactly the screen", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  // 40 SYNTHETIC Vermont shops with reports for the last two published quarters were written
  // before the server started (playwright.config.ts).

  // A member of a verified shop (SYNTHETIC), verified by an admin.
  const shop = await person(browser);
  const owner = address("insights-owner");
  const shopName = `Synthetic Insight Garage ${test.info().project.name} ${Date.now()}`;
  await signUp(shop.page, owner);
  await signIn(shop.page, owner);
  const place = { city: "Burlington", state: "VT", zip: "05401" };
  await addShop(shop.page, shopName, { kind: "independent_repair", size: "5-9", ...place });
  const admin = await person(browser);
  await signInAsNewAdmin(admin.page);
  await admin.page.goto("/admin");
  await admin.page.getByRole("button", { name: `Verify ${shopName}` }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: "Verified" })).toBeVisible();

  // Vermont, through the form.
  const page = shop.page;
  await page.goto("/insights");
  await expect(page.locator("#access-notice")).toHaveAttribute("data-access", "member");
  const form = page.getByRole("form", { name: "Choose figures" });
  await form.getByLabel("Role").selectOption("general_service");
  await form.getByLabel("State").selectOption("VT");
  await form.getByRole("button", { name: "Show figures" }).click();
  await expect(page).toHaveURL(/state=VT/);
  await expect(page.getByRole("heading", { name: "General service technician in Vermont" })).toBeVisible();
  const median = page.locator('[data-figure="pay/annual-pay/median"]');
  await expect(median).toHaveText(/^\$\d{2,3},\d{3}$/);
  await expect(page.locator('[data-hidden="pay"]')).toHaveCount(0);
  await expect(page.locator("#delay-notice")).toContainText("at least 3 months ago");
  // A member sees medians only: no quartiles.
  await expect(page.locator('[data-figure="pay/annual-pay/p25"]')).toHaveCount(0);
  // OEWS beside: Vermont's row for 49-3023.
  await expect(page.locator("p.source", { hasText: "(49-3023), Vermont" })).toBeVisible();
  // The map shows Vermont's mechanical labor rate.
  await expect(page.locator('[data-figure="labor-rates-by-state/vermont/median"]')).toHaveText(/^\$\d+\.\d\d$/);

  // The CSV holds exactly the figures on screen.
  const screen = await figuresOnScreen(page);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download these figures (CSV)" }).click();
  const file = await (await download).path();
  const rows = parseCsv(readFileSync(file!, "utf8"));
  expect(rows.length).toBe(screen.size);
  for (const row of rows) {
    expect(screen.has(row.key), `${row.key} is on screen`).toBe(true);
    const shown = screen.get(row.key)!;
    if (row.value === "") expect(shown).toBe("—");
    else expect(plain(shown), row.key).toBe(row.value);
  }
  expect(rows.filter((r) => r.value !== "").length).toBeGreaterThan(5);
  expect(readFileSync(file!, "utf8")).not.toContain("SYNTHETIC");
  // The member's page — charts, tables and the map — has no accessibility violations.
  if (!noJs()) expect(await accessibilityViolations(page)).toEqual([]);

  // Wyoming: no shop reported there, and the page says so.
  await page.goto("/insights?role=general_service&state=WY");
  await expect(page.locator('[data-hidden="pay"]')).toHaveText(
    "Pay is not shown: Fewer than 5 shops reported for this selection.",
  );
  await expect(page.locator('[data-figure="pay/annual-pay/median"]')).toHaveText("—");
  // BLS OEWS figures stand regardless.
  await expect(page.locator('[data-figure="bls-oews/annual-wage/median"]')).toHaveText(/^\$\d{2,3},\d{3}$/);

  // A bad ZIP is named beside its field.
  await page.goto("/insights?role=general_service&zip=00000");
  await expect(page.locator("#zip-error")).toHaveText("we do not know the ZIP code 00000; check it and try again");
  await page.goto("/insights?role=general_service&zip=09001");
  await expect(page.locator("#zip-error")).toContainText("military ZIP codes have no fixed place: use the ZIP code where you are");

  // The public: a state's figures are for shop members; national medians are for everyone.
  const visitor = await person(browser);
  await visitor.page.goto("/insights?role=general_service&state=VT");
  await expect(visitor.page.locator("#access-notice")).toHaveAttribute("data-access", "public");
  await expect(visitor.page.locator('[data-hidden="pay"]')).toContainText("Pay is not shown");
  await expect(visitor.page.locator('[data-hidden="map"]')).toBeVisible();
  await visitor.page.goto("/insights?role=general_service");
  await expect(visitor.page.locator('[data-figure="pay/annual-pay/median"]')).toHaveText(/^\$\d{2,3},\d{3}$/);
});

for (const [name, url] of [
  ["the public figures of a state", "/insights?role=diesel&state=MI"],
  ["a refused question", "/insights?role=astronaut&zip=123"],
  ["the rules", "/insights/privacy"],
]) {
  test(`axe finds no accessibility violations on ${name}`, async ({ page }) => {
    test.skip(noJs(), "axe needs JavaScript to run");
    await page.goto(url);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
}
