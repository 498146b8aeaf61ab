import { expect, Page, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { noJs } from "./support";

// Phone first: no page is wider than its screen, whoever looks at it. The pages are every
// route of the app, filled with the ids of the SYNTHETIC page world that the second test
// server built (`bayline dev synth-world`, see playwright.config.ts), which also gives a
// session per role. The site's menu folds behind one button that opens without JavaScript.
const widths = [320, 360, 390, 768];
const roles = ["anonymous", "student", "shop_member", "shop_owner", "instructor", "admin"];
const worldSite = `http://127.0.0.1:${process.env.BAYLINE_E2E_WORLD_PORT ?? "3101"}`;

type PageWorld = { sessions: Record<string, string>; pages: string[] };

function pageWorld(): PageWorld {
  return JSON.parse(readFileSync(join(process.env.BAYLINE_E2E_DB_DIR!, "world.json"), "utf8"));
}

/** How far the page reaches past the right edge of the screen, in CSS pixels. */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const role of roles) {
  test(`no page is wider than a phone or tablet screen, ${role}`, async ({ page, context }) => {
    const world = pageWorld();
    test.setTimeout(world.pages.length * 4_000);
    if (role !== "anonymous") {
      await context.addCookies([{ name: "bayline_session", value: world.sessions[role], url: worldSite }]);
    }
    const wide: string[] = [];
    for (const path of world.pages) {
      await page.setViewportSize({ width: widths[0], height: 800 });
      await page.goto(worldSite + path);
      // Resizing re-lays the page out as a fresh load at that width would (media queries
      // and flex wrapping are recomputed), at a quarter of the cost.
      for (const width of widths) {
        await page.setViewportSize({ width, height: 800 });
        const extra = await overflow(page);
        if (extra > 0) wide.push(`${path} at ${width} px: ${extra} px too wide`);
      }
    }
    expect(wide, `pages wider than the screen, ${role}`).toEqual([]);
  });
}

test("on a phone the menu folds behind one button and opens without JavaScript", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/programs");
  const menu = page.locator(".site-menu > summary");
  const signIn = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" });
  await expect(menu).toBeVisible();
  await expect(signIn).toBeHidden();
  // A touch target of at least 24 × 24 px (WCAG 2.2, 2.5.8), and reachable by keyboard.
  const box = (await menu.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(24);
  expect(box.height).toBeGreaterThanOrEqual(24);
  if (noJs()) {
    await menu.click();
  } else {
    await menu.focus();
    await page.keyboard.press("Enter");
  }
  await expect(signIn).toBeVisible();
  const linkBox = (await signIn.boundingBox())!;
  expect(linkBox.height).toBeGreaterThanOrEqual(24);
  expect(linkBox.x + linkBox.width).toBeLessThanOrEqual(390);
  await signIn.click();
  await expect(page).toHaveURL(/\/login$/);
});

test("on a desktop the whole menu is in the header, with no toggle", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/");
  await expect(page.locator(".site-menu > summary")).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("on a phone the finder shows the list or the map, switched by two links", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/programs?zip=48201&radius=50");
  const list = page.locator("#program-results");
  const map = page.getByRole("region", { name: /Map of programs within 50 miles/ });
  await expect(list).toBeVisible();
  await expect(map).toBeHidden();
  const switcher = page.getByRole("navigation", { name: "Show the results as" });
  if (noJs()) {
    // No JavaScript, no map: the list is the whole answer and nothing offers a map.
    await expect(switcher).toBeHidden();
    await page.goto("/programs?zip=48201&radius=50&view=map");
    await expect(list).toBeVisible();
    await expect(map).toBeHidden();
    return;
  }
  await expect(switcher.getByRole("link", { name: "List" })).toHaveAttribute("aria-current", "page");
  await switcher.getByRole("link", { name: "Map" }).click();
  await expect(page).toHaveURL(/view=map/);
  await expect(map).toBeVisible();
  await expect(list).toBeHidden();
  const box = (await map.boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(390);
  expect(box.height).toBeGreaterThan(400);
  await switcher.getByRole("link", { name: "List" }).click();
  await expect(list).toBeVisible();
  await expect(page).not.toHaveURL(/view=map/);
});

test("on a desktop the map stays in view beside the list", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/programs?zip=48201&radius=250&page=2");
  const list = page.locator("#program-results");
  const map = page.getByRole("region", { name: /Map of programs within 250 miles/ });
  await expect(page.getByRole("navigation", { name: "Show the results as" })).toBeHidden();
  await expect(list).toBeVisible();
  if (noJs()) {
    // The list takes the whole width: no empty map column beside it.
    await expect(map).toBeHidden();
    expect((await list.boundingBox())!.width).toBeGreaterThan(900);
    return;
  }
  await expect(map).toBeVisible();
  // Scrolled to the end of the list (page 2 included), the map is still on the screen.
  await list.locator("li").last().scrollIntoViewIfNeeded();
  const box = (await map.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(800);
});
