import { expect, type Browser, type Page } from "@playwright/test";
import { addShop, address, person, signIn, signInAsNewAdmin, signUp } from "./people";

// What the placement specs set up before a placement exists: an admin who verifies, a
// verified Detroit shop (with an opening), a verified Detroit high-school program, a student
// who applies. Every name is SYNTHETIC; the ZIP centroid (48201) is the real GeoNames row.

export const phone = { width: 390, height: 844 };

/** The page is no wider than a 390 px phone (nothing scrolls sideways). */
export async function fits(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

/** A new admin, signed in; returns how they verify an organisation by its name. */
export async function verifier(browser: Browser): Promise<(name: string) => Promise<void>> {
  const admin = await person(browser);
  await signInAsNewAdmin(admin.page);
  return async (name: string) => {
    await admin.page.goto("/admin");
    await admin.page.getByRole("button", { name: `Verify ${name}` }).click();
    await expect(admin.page.getByRole("status").filter({ hasText: "Verified" })).toBeVisible();
  };
}

export type Member = { page: Page; email: string; path: string };

/** A new owner adds a shop in Detroit and the admin verifies it. */
export async function verifiedShop(browser: Browser, verify: (name: string) => Promise<void>, who: string, name: string): Promise<Member> {
  const { page } = await person(browser);
  const email = address(who);
  await signUp(page, email);
  await signIn(page, email);
  const path = await addShop(page, name, { kind: "independent_repair", size: "5-9", city: "Detroit", state: "MI", zip: "48201" });
  await verify(name);
  return { page, email, path };
}

/** A new instructor adds a high-school automotive program in Detroit; the admin verifies it. */
export async function verifiedHighSchool(browser: Browser, verify: (name: string) => Promise<void>, who: string, name: string): Promise<Member> {
  const { page } = await person(browser);
  const email = address(who, "example.org");
  await signUp(page, email);
  await signIn(page, email);
  await page.goto("/schools/high-school");
  const school = page.locator("form[action='/schools/high-school']");
  await school.getByLabel("Program name").fill(name);
  await school.getByLabel("City").fill("Detroit");
  await school.getByLabel("State").selectOption("MI");
  await school.getByLabel("ZIP code").fill("48201");
  await school.getByLabel("Automotive").check();
  await school.getByRole("button", { name: "Add program" }).click();
  await expect(page.getByRole("status").filter({ hasText: "An admin will verify it" })).toBeVisible();
  const path = new URL(page.url()).pathname;
  await verify(name);
  return { page, email, path };
}

/** The shop posts a paid part-time internship in 48201; returns the opening's path. */
export async function postInternship(shop: Member, title: string): Promise<string> {
  await shop.page.goto(shop.path);
  const opening = shop.page.locator("form.opening-form");
  await opening.getByLabel("Kind of opening").selectOption("internship");
  await opening.getByLabel("Title").fill(title);
  await opening.getByLabel("Pay from (dollars)").fill("15");
  await opening.getByLabel("Pay up to (dollars)").fill("15");
  await opening.getByLabel("Pay period").selectOption("hourly");
  await opening.getByLabel("Schedule").selectOption("part_time");
  await opening.getByLabel("Location ZIP code").fill("48201");
  await opening.getByRole("button", { name: "Post opening" }).click();
  await expect(shop.page).toHaveURL(/\/openings\/\d+\?done=posted$/);
  return new URL(shop.page.url()).pathname;
}

/** A new student expresses interest in the opening, sharing only their name. */
export async function applicant(browser: Browser, who: string, openingPath: string, sharedName: string): Promise<{ page: Page; email: string }> {
  const { page } = await person(browser);
  const email = address(who);
  await signUp(page, email);
  await signIn(page, email);
  await page.goto(openingPath);
  await page.locator("form.interest-form").getByLabel("Your name").fill(sharedName);
  await page.getByRole("button", { name: "Express interest" }).click();
  await expect(page.getByRole("status").filter({ hasText: "the shop can now see" })).toBeVisible();
  return { page, email };
}
